"""Numbering forms: each form counts past ten, a typed number is recognised in any form, and
``style.numbering`` (and the old ``level_three``) in ``summarygen.yaml`` is read with its lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspaces import CONFIG, make_workspace

from summarygen.document.numbering import (
    FORMS,
    GBT9704,
    circled,
    level_of,
    nearest_form,
    numbering_of,
    recognise,
)
from summarygen.errors import Problems, Severity, ValidationError
from summarygen.workspace.config import load_workspace

pytestmark = pytest.mark.usefixtures("chinese")

COUNTS = {
    "一、": ["一、", "十、", "十一、", "二十、", "二十一、", "九十九、", "一百零一、"],
    "（一）": ["（一）", "（十）", "（十一）", "（二十）", "（二十一）", "（九十九）",
             "（一百零一）"],
    "1.": ["1.", "10.", "11.", "20.", "21.", "99.", "101."],
    "1．": ["1．", "10．", "11．", "20．", "21．", "99．", "101．"],
    "1、": ["1、", "10、", "11、", "20、", "21、", "99、", "101、"],
    "（1）": ["（1）", "（10）", "（11）", "（20）", "（21）", "（99）", "（101）"],
    "1）": ["1）", "10）", "11）", "20）", "21）", "99）", "101）"],
}
NUMBERS = [1, 10, 11, 20, 21, 99, 101]


@pytest.mark.parametrize("form", list(COUNTS))
def test_every_form_counts_past_ten(form: str) -> None:
    assert [FORMS[form].format(n) for n in NUMBERS] == COUNTS[form]


def test_circled_numbers_go_to_fifty_and_no_further() -> None:
    form = FORMS["①"]
    assert [form.format(n) for n in (1, 10, 11, 20, 21, 35, 36, 50)] == [
        "①", "⑩", "⑪", "⑳", "㉑", "㉟", "㊱", "㊿"]
    assert form.limit == 50
    with pytest.raises(ValueError, match="51"):
        form.format(51)


@pytest.mark.parametrize("form", list(FORMS))
def test_a_number_in_each_form_is_recognised_with_its_value(form: str) -> None:
    for n in (1, 9, 10, 11, 20, 21, 35, 36, 50):
        written = FORMS[form].format(n)
        found = recognise(written + "加强组织领导")
        assert found is not None, written
        assert (found.form, found.value, found.written, found.end) == (
            FORMS[form], n, written, len(written))


@pytest.mark.parametrize(("text", "value", "meant", "spaced"), [
    ("(1) 其他", 1, "（1）", True), ("（ 2 ）其他", 2, "（1）", False), ("3)其他", 3, "1）", False),
    ("⑴其他", 1, "（1）", False), ("⒉其他", 2, "1.", False), ("(三)其他", 3, "（一）", False),
    ("四．其他", 4, "一、", False), ("五　其他", None, None, False)])
def test_loosely_typed_numbers_are_recognised_and_mapped_to_a_form(
        text: str, value: int | None, meant: str | None, spaced: bool) -> None:
    found = recognise(text)
    if value is None:
        assert found is None
        return
    assert found is not None and found.value == value and found.form is None
    assert found.spaced is spaced
    assert nearest_form(text) == FORMS[meant or ""]


@pytest.mark.parametrize("text", ["2024年上半年", "1.5万户", "十分重视", "一是快速应对",
                                  "12345热线", "百、", "一二、"])
def test_text_that_is_not_a_number(text: str) -> None:
    assert recognise(text) is None


def test_the_level_is_the_one_whose_form_the_number_is_in() -> None:
    office = numbering_of([FORMS["一、"], FORMS["（一）"], FORMS["1、"], FORMS["1）"]])
    levels = {text: level_of(found, office) for text in ("二、", "（二）", "2、", "2）", "2.",
                                                         "（2）", "②")
              if (found := recognise(text)) is not None}
    # 2. and （2） are the other arabic forms: meant as 2、 and 2）; ② is no level's form
    assert levels == {"二、": 1, "（二）": 2, "2、": 3, "2）": 4, "2.": 3, "（2）": 4, "②": None}
    assert level_of(recognise("（2）"), GBT9704) == 4  # type: ignore[arg-type]
    assert circled(13) == "⑬"


STYLE = """\
style:
  numbering: [（一）, 1、, 1）]
variants:
  county:
    organisation: hs
  city:
    organisation: zx
    style:
      numbering: [一、, （一）, 1.]
"""


def config(extra: str) -> str:
    """The test workspace's configuration with ``extra`` in place of its variants."""
    head = CONFIG.split("variants:")[0]
    return head + extra + "periods:\n  2024-H1:\n    date: 2024-07-05\n"


def test_workspace_and_variant_numbering(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"summarygen.yaml": config(STYLE)})
    workspace = load_workspace(root)
    county, city = workspace.variants["county"].style, workspace.variants["city"].style
    assert [f.text for f in workspace.style.numbering] == ["（一）", "1、", "1）", "（1）"]
    assert [f.text for f in county.numbering] == ["（一）", "1、", "1）", "（1）"]
    assert [f.text for f in city.numbering] == ["一、", "（一）", "1.", "（1）"]


def load_problems(tmp_path: Path, extra: str) -> list[str]:
    root = make_workspace(tmp_path, {"summarygen.yaml": config(extra)})
    with pytest.raises(ValidationError) as caught:
        load_workspace(root)
    return [p.format(root) for p in caught.value.problems]


def test_an_unknown_form_names_the_line_and_lists_the_forms(tmp_path: Path) -> None:
    problems = load_problems(tmp_path, "style:\n  numbering:\n    - 一、\n    - (一)\n"
                                       "    - 1-\nvariants:\n  county:\n    organisation: hs\n")
    allowed = "一、 （一） 1. 1． 1、 （1） 1） ①"
    assert problems == [
        f"summarygen.yaml:14: style.numbering[2]: 错误: 未知的序号形式“(一)”；可用的形式：{allowed}"
        "；是否应为“（一）”？",
        f"summarygen.yaml:15: style.numbering[3]: 错误: 未知的序号形式“1-”；可用的形式：{allowed}"]


def test_a_form_twice_or_five_levels_are_refused(tmp_path: Path) -> None:
    twice = load_problems(tmp_path / "a", "style:\n  numbering: [一、, 1、, 1、]\n"
                                          "variants:\n  county:\n    organisation: hs\n")
    assert len(twice) == 1 and "“1、”用在了两层" in twice[0]
    assert twice[0].startswith("summarygen.yaml:12: style.numbering[3]: 错误:")
    five = load_problems(tmp_path / "b", "style:\n  numbering: [一、, （一）, 1., （1）, ①]\n"
                                         "variants:\n  county:\n    organisation: hs\n")
    assert five == ["summarygen.yaml:12: style.numbering: 错误: "
                    "标题只有四层，numbering 却写了 5 种形式"]


def test_level_three_still_works_and_shows_the_line_to_write(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"summarygen.yaml": config(
        'style:\n  level_three: "、"\nvariants:\n  county:\n    organisation: hs\n')})
    problems = Problems()
    workspace = load_workspace(root, problems)
    assert [f.text for f in workspace.variants["county"].style.numbering] == [
        "一、", "（一）", "1、", "（1）"]
    [warning] = problems
    assert warning.severity is Severity.WARNING
    assert warning.format(root) == (
        "summarygen.yaml:12: style.level_three: 警告: level_three 已停用，请把这一行改为："
        "numbering: [一、, （一）, 1、, （1）]")


SIGNATURES = """\
signature: {date: false}
variants:
  county:
    organisation: hs
  city:
    organisation: zx
    signature: false
  named:
    organisation: zx
    signature: {name: 资兴市民政局办公室}
"""


def test_signature_settings_of_the_workspace_and_its_variants(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"summarygen.yaml": config(SIGNATURES)})
    workspace = load_workspace(root)
    found = {name: (v.signature.shown, v.signature.name, v.signature.date)
             for name, v in workspace.variants.items()}
    assert found == {"county": (True, None, False), "city": (False, None, True),
                     "named": (True, "资兴市民政局办公室", False)}


def test_texts_that_cannot_start_a_number_are_passed_over_without_the_patterns() -> None:
    # recognise() looks at the first character before trying its patterns: over every
    # character of the basic plane, what a pattern finds must start with one it lets through
    from summarygen.document import numbering

    for point in range(0x10000):
        if 0xD800 <= point <= 0xDFFF:
            continue
        text = chr(point) + "2）、.）〇一 加强"
        let_through = text[0] in numbering._FIRST or text[0].isdecimal()
        found = any(pattern.match(text) for _d, _s, pattern in numbering._patterns())
        assert let_through or not found, hex(point)
