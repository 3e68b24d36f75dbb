"""Reading YAML safely and exactly, with the lines that messages need."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from summarygen.data.yamlio import YList, YMap, load_file, load_text
from summarygen.errors import Problems, Severity


def load(text: str) -> tuple[object, Problems]:
    problems = Problems()
    return load_text(text, Path("d.yaml"), problems), problems


def test_numbers_keep_their_typed_digits() -> None:
    data, problems = load("a: 920.20\nb: 432.725527\nc: 18.9450\nd: 2329\n")
    assert not len(problems)
    assert isinstance(data, YMap)
    assert [str(v) for v in data.values()] == ["920.20", "432.725527", "18.9450", "2329"]
    assert all(isinstance(v, Decimal) for v in data.values())


def test_no_yaml_1_1_surprises() -> None:
    data, _ = load("a: no\nb: on\nc: 6:00\nd: 2024-01-26\ne: 0x1F\nf: true\ng:\n")
    assert data == {"a": "no", "b": "on", "c": "6:00", "d": "2024-01-26", "e": "0x1F",
                    "f": True, "g": None}


def test_quoted_numbers_stay_text() -> None:
    data, _ = load("a: '12'\nb: \"3.50\"\n")
    assert data == {"a": "12", "b": "3.50"}


def test_lines_of_keys_and_items() -> None:
    data, _ = load("a: 1\nlist:\n  - x\n  - y\nsub:\n  k: v\n")
    assert isinstance(data, YMap)
    assert data.key_lines == {"a": 1, "list": 2, "sub": 5}
    assert isinstance(data["list"], YList)
    assert data["list"].item_lines == [3, 4]
    assert data["sub"].line_of("k") == 6


def test_duplicate_key_names_both_lines() -> None:
    _, problems = load("people: 2651\nother: 1\npeople: 3258\n")
    [problem] = problems
    assert problem.severity is Severity.ERROR
    assert problem.line == 3
    assert problem.key == "people"
    assert "1" in problem.message and "3" in problem.message
    assert problem.format() == (
        "d.yaml:3: people: 错误: 键“people”写了两次（第 1 行和第 3 行），请只保留一个")


def test_python_objects_are_refused() -> None:
    data, problems = load("a: !!python/object/apply:os.system ['echo hi']\n")
    assert data == {"a": None}
    assert "!!python" in problems.errors[0].message or "python" in problems.errors[0].message


def test_syntax_error_has_line_column_and_source() -> None:
    _, problems = load("a: 1\nb: [1, 2\nc: 3\n")
    [problem] = problems
    assert problem.line is not None
    assert "YAML" in problem.message


def test_tab_indentation_is_refused_with_its_line() -> None:
    _, problems = load("a:\n\tb: 1\n")
    [problem] = problems
    assert problem.line == 2
    assert "Tab" in problem.message or "制表符" in problem.message


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*{chr(96 + i)}"] * 10)
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{refs}]")
    data, problems = load("\n".join(lines) + "\n")
    assert data is None
    assert len(problems.errors) == 1


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "名称: 民政局\n".encode())
    problems = Problems()
    assert load_file(path, problems) == {"名称": "民政局"}
    assert not len(problems)


def test_gbk_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("名称: 霍山县民政局\n".encode("gbk"))
    problems = Problems()
    assert load_file(path, problems) == {"名称": "霍山县民政局"}
    [warning] = problems
    assert warning.severity is Severity.WARNING
    assert "UTF-8" in warning.message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 1_100_000 + "\n", encoding="utf-8")
    problems = Problems()
    assert load_file(path, problems) is None
    assert len(problems.errors) == 1


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_yaml_1_1_line_breaks_are_characters_not_lines(separator: str) -> None:
    """PyYAML breaks lines at NEL, U+2028 and U+2029; editors do not. They are read as the
    characters they are: the value keeps them and every later line number is the editor's."""
    problems = Problems()
    text = f"a: 第一句{separator}第二句\nb: 1\nb: 2\n"
    data = load_text(text, Path("x.yaml"), problems)
    assert data == {"a": f"第一句{separator}第二句", "b": Decimal(1)}
    assert [(p.line, p.key) for p in problems] == [(3, "b")]
