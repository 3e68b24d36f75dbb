"""libyaml reads datasets as the pure-Python loader does: same values, lines and messages."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from summarygen.data import yamlcompose, yamlio
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


def every_path(text: str, monkeypatch: pytest.MonkeyPatch,
               max_nodes: int = yamlio.MAX_NODES) -> list[Any]:
    """What each way of reading gives: libyaml with the composer in C, libyaml with PyYAML's
    composer, and PyYAML alone."""
    results = []
    fast, c_composer = yamlcompose._FastLoader, yamlcompose._CComposer
    for loader, composer in ((fast, c_composer), (fast, None), (None, None)):
        monkeypatch.setattr(yamlcompose, "_FastLoader", loader)
        monkeypatch.setattr(yamlcompose, "_CComposer", composer)
        problems = Problems()
        value = yamlio.load_text(text, Path("x.yaml"), problems, max_nodes)
        results.append((shape(value), [p.format() for p in problems]))
    return results


def both(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """libyaml's two ways, which must agree, and PyYAML's own."""
    results = every_path(text, monkeypatch)
    assert results[0] == results[1], text
    return results[1:]


@pytest.mark.skipif(yamlcompose._FastLoader is None, reason="PyYAML without libyaml")
def test_the_same_data_from_both_loaders(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(FILES) > 20
    for path in FILES:
        fast, slow = both(text_of(path), monkeypatch)
        assert fast == slow, path


@pytest.mark.skipif(yamlcompose._FastLoader is None, reason="PyYAML without libyaml")
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


@pytest.mark.skipif(yamlcompose._FastLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("comment", ["# 是否含<附件>?", "# 注意!", "  # a>b", "# 见 |x"])
def test_comments_do_not_send_a_file_down_the_slow_path(
        comment: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"{comment}\npeople: 3258人  {comment.strip()}\nfunds: 822万元\n"
    assert not yamlcompose._needs_slow_path(text)

    def refuse(*_args: object) -> None:
        raise AssertionError("the slow loader was used")

    monkeypatch.setattr(yamlcompose, "_Loader", refuse)
    value = yamlio.load_text(text, Path("x.yaml"), Problems())
    assert isinstance(value, yamlio.YMap) and value.line_of("funds") == 3


@pytest.mark.parametrize("text", ["a: !x b\n", "? a\n: b\n", "a: |x\n  b\n",
                                  'a: "x" # ok\nb: !t c\n'])
def test_tags_keys_and_indicators_outside_comments_still_take_it(text: str) -> None:
    assert yamlcompose._needs_slow_path(text)


def _nested(depth: int, form: str) -> str:
    """A text nesting ``depth`` collections in one of the ways YAML allows."""
    if form == "mappings":  # each one space further in
        return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "v\n"
    if form == "compact":  # a sequence at its mapping's indent, a mapping in each item
        lines, indent = [], 0
        for i in range(depth // 2):
            lines += [" " * indent + f"k{i}:", " " * indent + "- "]
            indent += 2
        return "\n".join(lines[:-1]) + "\n" + " " * (indent - 2) + "- v\n"
    if form == "dashes":
        return "- " * depth + "v\n"
    return "a: " + "[" * depth + "]" * depth + "\n"  # flow


@pytest.mark.parametrize("form", ["mappings", "compact", "dashes", "flow"])
def test_the_nesting_bound_is_never_below_the_real_nesting(form: str) -> None:
    # the composer in C recurses without Python's limit: a text it is given must not nest
    # deeper than the bound says
    for depth in (1, 2, 5, 39, 41, 300, 1000):
        assert yamlcompose._nesting_bound(_nested(depth, form)) >= depth, (form, depth)


@pytest.mark.parametrize("form", ["mappings", "compact", "dashes", "flow"])
def test_deep_nesting_is_refused_without_the_c_composer(
        form: str, monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[str] = []
    composer = yamlcompose._CComposer

    def watched(text: str) -> Any:
        given.append(text)
        return composer(text)

    monkeypatch.setattr(yamlcompose, "_CComposer", watched)
    problems = Problems()
    depth = 100_000 if form in ("dashes", "flow") else 1000  # indented: a file of a megabyte
    assert yamlio.load_text(_nested(depth, form), Path("x.yaml"), problems) is None
    [problem] = problems.errors
    assert "嵌套" in problem.message or "nest" in problem.message
    assert given == []  # too deep to risk: never handed to the C composer


@pytest.mark.skipif(yamlcompose._FastLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(("text", "max_nodes"), [
    ("- " * 39 + "v\n", 20_000), ("- " * 40 + "v\n", 20_000), ("- " * 41 + "v\n", 20_000),
    ("a: " + "[" * 38 + "x" + "]" * 38 + "\n", 20_000),
    ("a: " + "[" * 39 + "x" + "]" * 39 + "\n", 20_000),
    ("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n", 9), ("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n", 10),
    ("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n", 11), ("a: 1\nb: 2\nc: 3\n", 6),
    ("a: 1\nb: 2\nc: 3\n", 7)])
def test_the_bounds_hold_at_their_edges_on_every_path(text: str, max_nodes: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # the composer in C is checked after composing (or not at all where the text cannot break
    # a bound): at the edge of each bound, every path gives the same data or the same message
    first, *others = every_path(text, monkeypatch, max_nodes)
    assert others == [first, first]
