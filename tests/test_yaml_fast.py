"""libyaml reads datasets as the pure-Python loader does: same values, lines and messages."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from summarygen.data import yamlio
from summarygen.errors import Problems

REPO = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in REPO.rglob("*.yaml") if ".git" not in p.parts)


def text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
ALPHABET = list(":-[]{},'\"|>#&*!? \n\t\r\x85\u2028@`~%\\\x00\ufeff\x7f\xa0abc1.元、：")


def shape(value: Any) -> Any:
    if isinstance(value, yamlio.YMap):
        return ("map", value.line, [(k, value.key_lines[k], shape(v)) for k, v in value.items()])
    if isinstance(value, yamlio.YList):
        return ("list", value.line, value.item_lines, [shape(v) for v in value])
    return (type(value).__name__, value)


def both(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    results = []
    for loader in (yamlio._FastLoader, None):
        monkeypatch.setattr(yamlio, "_FastLoader", loader)
        problems = Problems()
        value = yamlio.load_text(text, Path("x.yaml"), problems)
        results.append((shape(value), [p.format() for p in problems]))
    return results


@pytest.mark.skipif(yamlio._FastLoader is None, reason="PyYAML without libyaml")
def test_the_same_data_from_both_loaders(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(FILES) > 20
    for path in FILES:
        fast, slow = both(text_of(path), monkeypatch)
        assert fast == slow, path


@pytest.mark.skipif(yamlio._FastLoader is None, reason="PyYAML without libyaml")
def test_the_same_messages_for_mangled_files(monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = [text_of(p) for p in FILES if "datasets" in p.parts]
    rng = random.Random(7)
    for _ in range(300):
        text = list(rng.choice(seeds))
        for _edit in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            roll = rng.random()
            if roll < 0.4:
                text.insert(at, rng.choice(ALPHABET))
            elif roll < 0.8:
                del text[at]
            else:
                text[at] = rng.choice(ALPHABET)
        fast, slow = both("".join(text), monkeypatch)
        assert fast == slow, "".join(text)


@pytest.mark.skipif(yamlio._FastLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("comment", ["# 是否含<附件>?", "# 注意!", "  # a>b", "# 见 |x"])
def test_comments_do_not_send_a_file_down_the_slow_path(
        comment: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"{comment}\npeople: 3258人  {comment.strip()}\nfunds: 822万元\n"
    assert not yamlio._needs_slow_path(text)

    def refuse(*_args: object) -> None:
        raise AssertionError("the slow loader was used")

    monkeypatch.setattr(yamlio, "_Loader", refuse)
    value = yamlio.load_text(text, Path("x.yaml"), Problems())
    assert isinstance(value, yamlio.YMap) and value.line_of("funds") == 3


@pytest.mark.parametrize("text", ["a: !x b\n", "? a\n: b\n", "a: |x\n  b\n",
                                  'a: "x" # ok\nb: !t c\n'])
def test_tags_keys_and_indicators_outside_comments_still_take_it(text: str) -> None:
    assert yamlio._needs_slow_path(text)
