"""Chinese throughout: what the commands print on many error paths holds no English words.

What may stay in Latin letters: the location (``file:line: key:``, the user's own file names and
YAML keys), the user's own values (inside “…” or 「…」), option and command names (``--period``,
``summarygen build``), and a few names that are Latin in Chinese text too (YAML, DOCX, Word …).
Anything else — a click message, an operating-system error, a Python type name, an English list
with commas — is an English fragment in Chinese output, and this test names it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from workspaces import make_workspace, run

from summarygen.data.schema import TYPES

pytestmark = pytest.mark.usefixtures("chinese")

ALLOWED = {
    "summarygen", "YAML", "JSON", "DOCX", "docx", "Word", "WPS", "PDF", "LibreOffice", "GB", "UTF",
    "GBK", "Tab", "Ctrl", "Jinja", "zip", "ZIP", "doc", "wps", "yaml", "org", "period", "titles",
    "data", "prev", "areas", "county", "city", "build", "check", "init", "verify", "archive",
    "diff", "history", "schema", "new", "help", "docs", "md", "txt", "pdf",
    "gbt", "windows", "fangzheng", "practice", "is",
}
ALLOWED |= set(TYPES)
"""Latin words that belong in Chinese output: names of formats, programs, template names,
commands, the values of ``--format``, ``--profile`` and ``--level``, Jinja's ``is``, and the
field types a schema names (``type: money``)."""

_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|‘[^’]*’|'[^']*'")
_NOT_PATH = r"[^\s：，。；、（）“”]"
_PATHS = re.compile(rf"{_NOT_PATH}*[/\\]{_NOT_PATH}*"
                    rf"|{_NOT_PATH}+\.(?:yaml|docx|doc|j2|json|md|txt)\b")
_OPTIONS = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_LOCATION = re.compile(r"^.*?(?:错误|警告)[:：]\s?")
_WORDS = re.compile(r"[A-Za-z][A-Za-z_]{1,}")


def english_words(output: str) -> list[str]:
    """Latin words in ``output`` that are none of the kinds allowed above."""
    found = []
    for line in output.splitlines():
        line = _LOCATION.sub("", line)
        for pattern in (_QUOTED, _PATHS, _OPTIONS):
            line = pattern.sub(" ", line)
        found += [w for w in _WORDS.findall(line) if w not in ALLOWED]
    return found


def test_the_checker_finds_english() -> None:
    assert english_words("organisation 中没有“nmae”") == ["organisation"]
    assert english_words("a.docx: 文件: file.read: 错误: 打不开") == []  # in the location
    assert english_words("无法写入 out/x.docx：No space left on device") == [
        "No", "space", "left", "on", "device"]
    assert english_words("可用：text, number") == []  # type names; the commas: see below


def broken_workspaces(tmp_path: Path) -> list[tuple[str, ...]]:
    """Commands that fail, each in its own broken workspace."""
    nmae = make_workspace(tmp_path / "nmae", {"templates/report.md.j2": "# {{ org.nmae }}\n"})
    no_test = make_workspace(tmp_path / "test", {"templates/report.md.j2":
                                                 "# 标题\n{% if 1 is nosuch %}是{% endif %}\n"})
    no_period = make_workspace(tmp_path / "p")
    out_is_a_file = make_workspace(tmp_path / "out")
    (out_is_a_file / "out").write_text("not a folder", encoding="utf-8")
    bad_type = make_workspace(tmp_path / "t", {"templates/schemas/social_assistance.yaml":
                                               "title: 社会救助\nfields:\n  funds: {type: mony, "
                                               "description: 资金}\n"})
    preset = make_workspace(tmp_path / "s", {"summarygen.yaml": (
        "organisations:\n  hs: {name: 霍山县民政局, level: 县}\nvariants:\n  county: "
        "{organisation: hs}\nstyle:\n  preset: windos\n")})
    return [
        ("check", "-C", str(nmae)),
        ("check", "-C", str(no_test)),
        ("build", "-C", str(no_period), "--period", "2030-H1"),
        ("build", "-C", str(out_is_a_file)),
        ("check", "-C", str(bad_type)),
        ("check", "-C", str(preset)),
        ("diff", "-C", str(no_period), "2023-H3", "2024-H1"),
        ("new-period", "-C", str(no_period), "2024-H1"),
        ("build", "-C", str(no_period), "--jobs", "0"),
        ("build", "-C", str(no_period), "--jobs", "many"),
        ("build", "-C", str(no_period), "--format", "doc"),
        ("verify", str(tmp_path / "missing.docx"), str(tmp_path / "nmae/summarygen.yaml")),
        ("init", str(tmp_path / "new"), "--level", "省"),
        ("archive", "-C", str(no_period), "--verify", "--period", "2023-H1"),
    ]


def test_error_paths_speak_chinese(tmp_path: Path) -> None:
    failures = {}
    for args in broken_workspaces(tmp_path):
        code, out, err = run(*args)
        assert code in (1, 2), (args, out, err)
        words = english_words(out + err)
        if words:
            failures[" ".join(a.replace(str(tmp_path), "…") for a in args)] = (words, err)
    assert failures == {}


def test_lists_use_dun_hao(tmp_path: Path) -> None:
    for args in broken_workspaces(tmp_path):
        _code, out, err = run(*args)
        text = _QUOTED.sub("", out + err)
        assert not re.search(r"[\u4e00-\u9fff：，]\s*\w+, \w+", text), (args, text)


def test_verify_names_paragraph_spacing_as_word_does() -> None:
    from summarygen.verify.layout import _spacing_part

    assert _spacing_part("before", "240") == "段前 12 磅"
    assert _spacing_part("afterLines", "50") == "段后 0.5 行"
