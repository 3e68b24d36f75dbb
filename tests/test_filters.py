"""Template filters: exact figures, the right words, and an error (never a blank) when missing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment

from summarygen import i18n
from summarygen.cnnum import chinese_numeral
from summarygen.data.values import (
    MONEY_UNITS,
    Change,
    CnDate,
    Quantity,
    format_decimal_plain,
    infer_value,
    parse_change,
    parse_date,
    parse_quantity,
)
from summarygen.templating.filterargs import FigureError
from summarygen.templating.filters import FILTERS

DOC = Path(__file__).parent.parent / "docs" / "filters.md"


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Assert on the English msgids, whatever the catalog says; restore the language after."""
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def q(text: str) -> Quantity:
    return parse_quantity(text)


def ch(old: str, new: str) -> Any:
    return parse_change({"from": old, "to": new})


def call(name: str, *args: Any, **kwargs: Any) -> Any:
    return FILTERS[name](*args, **kwargs)


# --- outputs ----------------------------------------------------------------------------------

CASES: list[tuple[str, tuple[Any, ...], dict[str, Any], str]] = [
    # num
    ("num", (q("432.725527万元"),), {}, "432.725527万元"),
    ("num", (q("432.725527万元"), 2), {}, "432.73万元"),
    ("num", (q("18.9450万元"),), {}, "18.9450万元"),
    ("num", (q("920.20万元"),), {}, "920.20万元"),
    ("num", (q("0.125万元"), 2), {}, "0.13万元"),
    ("num", (q("0.135万元"), 2), {}, "0.14万元"),  # half-up, not half-even
    ("num", (q("-0.125万元"), 2), {}, "-0.13万元"),
    ("num", (q("-0.001万元"), 2), {}, "0.00万元"),  # no “-0.00”
    ("num", (q("2.5户"), 0), {}, "3户"),
    ("num", (q("0户"),), {}, "0户"),
    ("num", (q("100余场次"),), {}, "100余场次"),
    ("num", (q("约1.24万人次"),), {}, "约1.24万人次"),
    ("num", (q("约1.24万人次"), 1), {}, "约1.2万人次"),
    ("num", (Quantity(Decimal("1E+3"), "人"),), {}, "1000人"),  # never scientific notation
    ("num", (Quantity(Decimal("1E-7"), "万元"),), {}, "0.0000001万元"),
    ("num", (Decimal("12.50"),), {}, "12.50"),
    ("num", (7,), {}, "7"),
    # money
    ("wan", (q("8322元"),), {}, "0.8322万元"),
    ("wan", (q("8322元"), 2), {}, "0.83万元"),
    ("wan", (q("920.20万元"),), {}, "920.20万元"),
    ("wan", (q("432.725527万元"), 2), {}, "432.73万元"),
    ("wan", (q("1.5亿元"),), {}, "15000万元"),
    ("wan", (q("0元"),), {}, "0万元"),
    ("wan", (q("8320元"),), {}, "0.832万元"),  # the shift does not add decimal zeros
    ("wan", (q("10000元"),), {}, "1万元"),
    ("wan", (q("10000.0元"),), {}, "1.00000万元"),  # typed decimals are all kept
    ("wan", (q("8322.50元"),), {}, "0.832250万元"),
    ("yi", (q("920.20万元"),), {}, "0.092020亿元"),
    ("wan", (q("-8322元"),), {}, "-0.8322万元"),
    ("wan", (q("约8322元"),), {}, "约0.8322万元"),
    ("yi", (q("123456.78万元"),), {}, "12.345678亿元"),
    ("yi", (q("123456.78万元"), 2), {}, "12.35亿元"),
    ("yuan", (q("0.8322万元"),), {}, "8322元"),
    ("yuan", (q("920.20万元"),), {}, "9202000元"),
    ("yuan", (q("8322.50元"),), {}, "8322.50元"),
    ("money", (q("123456.78万元"),), {}, "12.345678亿元"),
    ("money", (q("10000万元"),), {}, "1亿元"),
    ("money", (q("9999.99万元"),), {}, "9999.99万元"),
    ("money", (q("-20000万元"),), {}, "-2亿元"),
    ("money", (q("0.5亿元"),), {}, "0.5亿元"),
    ("money", (q("920.20万元"),), {}, "920.20万元"),
    ("money", (q("1.5亿元"), "元"), {}, "150000000元"),
    ("money", (q("123456.78万元"),), {"unit": "亿元", "places": 1}, "12.3亿元"),
    # counts
    ("hh", (q("9836户"), q("20232人")), {}, "9836户20232人"),
    ("hh", (q("1493户"), q("2024人"), "、"), {}, "1493户、2024人"),
    ("hh", (94, Decimal(240)), {}, "94户240人"),
    ("hh", (q("1.2万户"), q("3.5万人")), {}, "1.2万户3.5万人"),
    ("count", (12, "所"), {}, "12所"),
    ("count", (Decimal("0"), "所"), {}, "0所"),
    ("count", (q("12名"), "名"), {}, "12名"),
    ("cn", (2,), {}, "两"),
    ("cn", (3,), {}, "三"),
    ("cn", (0,), {}, "零"),
    ("cn", (12,), {}, "十二"),
    ("cn", (20,), {}, "二十"),
    ("cn", (2,), {"ordinal": True}, "二"),
    ("cn", (Decimal("2.0"),), {}, "两"),
    ("cn", (q("2项"),), {}, "两项"),
    ("cn", (q("100余场次"),), {}, "一百余场次"),
    # dates
    ("date", (parse_date("1月26日"),), {}, "1月26日"),
    ("date", (parse_date("2024年1月26日"),), {}, "1月26日"),
    ("date", (parse_date("2024-06-30"),), {"year": True}, "2024年6月30日"),
    ("date", (parse_date("2024年5月"),), {"year": True}, "2024年5月"),
    ("date", (parse_date("2月2号"),), {}, "2月2号"),
    ("date", (dt.date(2024, 6, 3),), {"year": True}, "2024年6月3日"),
    ("date", (dt.datetime(2024, 1, 5, 9, 30),), {}, "1月5日"),
    # percentages
    ("pct", (Decimal("5.2"),), {}, "5.2%"),
    ("pct", (q("5.2%"),), {}, "5.2%"),
    ("pct", (q("90.0%"),), {}, "90.0%"),
    ("pct", (Decimal(0),), {}, "0%"),
    ("pct", (Decimal("0.052"),), {"ratio": True}, "5.2%"),
    ("pct", (Decimal("0.5"),), {"ratio": True}, "50%"),
    ("pct", (Decimal("0.12345"), 1), {"ratio": True}, "12.3%"),
    ("pct", (Decimal("1.25"), 1), {}, "1.3%"),
    # changes
    ("change", (ch("320元/月.人", "380元/月.人"),), {}, "由320元/月.人提高至380元/月.人"),
    ("change", (ch("650元/月.人", "715元/月.人"), "到"), {}, "由650元/月.人提高到715元/月.人"),
    ("change", (ch("500元", "450元"),), {}, "由500元降低至450元"),
    ("change", (ch("500元", "500元"),), {}, "保持500元不变"),
    ("change", (ch("0.05万元", "500元"),), {}, "保持0.05万元不变"),
    ("change", (ch("0.04万元", "500元"),), {}, "由0.04万元提高至500元"),
    ("change", (ch("-5元", "-8元"),), {}, "由-5元降低至-8元"),
    ("change", (ch("60元/月.人", "65元/月.人"),), {"verb": "上调"}, "由60元/月.人上调至65元/月.人"),
    ("change", (ch("60元", "55元"),), {"verb": "下调"}, "由60元下调至55元"),
    ("change", (ch("60元", "55元"),), {"verb": "调整"}, "由60元调整至55元"),
    ("change", (ch("60.25元", "65.75元"),), {"places": 1}, "由60.3元提高至65.8元"),
    # comparisons
    ("growth", (q("1052万元"), q("1000万元")), {}, "增长5.2%"),
    ("growth", (Decimal(987), Decimal(1000)), {}, "下降1.3%"),
    ("growth", (q("1125人"), q("1000人"), 2), {}, "增长12.50%"),
    ("growth", (q("1000人"), q("1000人")), {}, "持平"),
    ("growth", (q("1000.4人"), q("1000人")), {}, "持平"),  # the rounded rate is zero
    ("growth", (q("1.0525万元"), q("10000元")), {}, "增长5.3%"),  # 5.25 rounds half-up
    ("growth", (q("0人"), q("1000人")), {}, "下降100.0%"),
    ("growth", (Decimal(1), Decimal(3), 3), {}, "下降66.667%"),
    ("growth", (Decimal(2), Decimal(3), 0), {}, "下降33%"),
    ("pp", (q("91.3%"), q("90%")), {}, "提高1.3个百分点"),
    ("pp", (q("88.7%"), q("90%")), {}, "下降1.3个百分点"),
    ("pp", (q("90%"), q("90.0%")), {}, "持平"),
    ("pp", (Decimal("0.125"), Decimal(0), 2), {}, "提高0.13个百分点"),
    ("yoy", (q("1052万元"), q("1000万元")), {}, "同比增长5.2%"),
    ("yoy", (q("969万元"), q("1000万元")), {}, "同比下降3.1%"),
    ("yoy", (q("1000万元"), q("10000000元")), {}, "与去年同期持平"),
    ("yoy", (q("91.3%"), q("90%")), {}, "同比提高1.3个百分点"),
    ("yoy", (q("88.7%"), q("90%")), {}, "同比下降1.3个百分点"),
    ("yoy", (q("90%"), q("90%")), {}, "与去年同期持平"),
    # lists
    ("enum_cn", (["快速应对", "持续推进"],), {}, "一是快速应对；二是持续推进。"),
    ("enum_cn", (["快速应对", "持续推进"], "。"), {}, "一是快速应对。二是持续推进。"),
    ("enum_cn", (["快速应对。", "持续推进；", "决战决胜，"],), {},
     "一是快速应对；二是持续推进；三是决战决胜。"),
    ("enum_cn", (["唯一一项"],), {"end": ""}, "一是唯一一项"),
    ("enum_cn", (("甲", "乙"),), {}, "一是甲；二是乙。"),
    ("join_cn", (["养老", "殡葬", "未成年人保护"],), {}, "养老、殡葬和未成年人保护"),
    ("join_cn", (["养老", "殡葬"],), {}, "养老和殡葬"),
    ("join_cn", (["养老"],), {}, "养老"),
    ("join_cn", (["甲", "乙", "丙"], "、"), {}, "甲、乙、丙"),
    ("join_cn", (["甲", "乙", "丙"], "及"), {}, "甲、乙及丙"),
    ("join_cn", ([q("9836户"), 3, "丙"],), {}, "9836户、3和丙"),
]


@pytest.mark.parametrize(("name", "args", "kwargs", "expected"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_filter_output(name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                       expected: str) -> None:
    assert call(name, *args, **kwargs) == expected


def test_enum_cn_continues_past_ten() -> None:
    text = call("enum_cn", [f"第{i}项" for i in range(1, 13)])
    assert "十是第10项；十一是第11项；十二是第12项。" in text


def test_total_sums_exactly_and_keeps_decimal_places() -> None:
    typed = ("2141.84万元", "431.2万元", "822万元", "25.5万元", "105万元", "303万元")
    parts = [q(t) for t in typed]
    result = call("total", parts)
    assert (result, str(result)) == (Quantity(Decimal("3828.54"), "万元"), "3828.54万元")


@pytest.mark.parametrize(("parts", "expected"), [
    (["1万元", "8322元"], "1.8322万元"),
    (["8322元", "1万元"], "18322元"),
    (["1.5亿元", "0.5万元"], "1.50005亿元"),
    (["8670人", "622人", "148人", "14人"], "9454人"),
    (["1.2万人次", "3000人次"], "1.5万人次"),
    (["0.10万元", "0.20万元"], "0.30万元"),
    (["5户"], "5户"),
])
def test_total(parts: list[str], expected: str) -> None:
    assert str(call("total", [q(p) for p in parts])) == expected


def test_total_is_a_figure_other_filters_take() -> None:
    assert call("wan", call("total", [q("8322元"), q("1678元")])) == "1万元"


def test_total_of_many_digits_is_not_rounded_to_28_digits() -> None:
    big = Quantity(Decimal("12345678901234567890.123456789"), "元")
    assert str(call("total", [big, big])) == "24691357802469135780.246913578元"


# --- errors -----------------------------------------------------------------------------------

SECOND: dict[str, tuple[Any, ...]] = {
    "hh": (q("5人"),), "count": ("所",), "growth": (q("5人"),), "pp": (q("5%"),),
    "yoy": (q("5人"),),
}


@pytest.mark.parametrize("missing", [None, jinja2.StrictUndefined(name="资金")],
                         ids=["None", "StrictUndefined"])
@pytest.mark.parametrize("name", sorted(FILTERS))
def test_a_missing_value_is_an_error_naming_the_filter(name: str, missing: Any) -> None:
    with pytest.raises(FigureError) as info:
        call(name, missing, *SECOND.get(name, ()))
    message = str(info.value)
    assert message.startswith(f"{name}: the value is missing")
    if missing is not None:
        assert "资金" in message  # Jinja's own explanation of what is undefined is kept


@pytest.mark.parametrize("name", ["hh", "growth", "pp"])
def test_a_missing_second_value_is_an_error(name: str) -> None:
    first = {"hh": q("5户"), "growth": q("5人"), "pp": q("5%")}[name]
    with pytest.raises(FigureError) as info:
        call(name, first, jinja2.StrictUndefined(name="上期"))
    assert "missing" in str(info.value)


@pytest.mark.parametrize("items", [[q("1万元"), None], ["甲", jinja2.StrictUndefined(name="乙")]])
def test_a_missing_list_item_is_an_error(items: list[Any]) -> None:
    for name in ("enum_cn", "join_cn", "total"):
        with pytest.raises(FigureError, match="missing"):
            call(name, items)


def test_yoy_without_last_year_says_so() -> None:
    with pytest.raises(FigureError) as info:
        call("yoy", q("5万元"), None)
    assert str(info.value) == "yoy: there is no figure for the same period last year"
    with pytest.raises(FigureError) as info:
        call("yoy", q("5万元"), jinja2.StrictUndefined(name="去年"))
    assert str(info.value) == ("yoy: there is no figure for the same period last year "
                               "('去年' is undefined)")


WRONG: list[tuple[str, tuple[Any, ...], dict[str, Any], str]] = [
    ("num", ("九百",), {}, "“九百” is not a figure"),
    ("num", (True,), {}, "is not a figure"),
    ("num", (parse_date("1月26日"),), {}, "1月26日 is not a figure"),
    ("num", (q("5户"), -1), {}, "decimal places"),
    ("num", (q("5户"), 2.5), {}, "decimal places"),
    ("num", (q("5户"), True), {}, "decimal places"),
    ("num", (Decimal("NaN"),), {}, "is not a number"),
    ("wan", (q("9836户"),), {}, "9836户 is not an amount"),
    ("wan", (parse_date("1月26日"),), {}, "1月26日 is not a figure"),
    ("wan", (Decimal(5),), {}, "5 is not an amount"),
    ("yi", (q("5%"),), {}, "5% is not an amount"),
    ("yuan", (q("380元/月.人"),), {}, "380元/月.人 is not an amount"),
    ("money", (q("5万元"), "千元"), {}, "千元"),
    ("hh", (q("5人"), q("5户")), {}, "5人 is not counted in 户"),
    ("hh", (q("5户"), "五人"), {}, "“五人” is not a number"),
    ("count", (q("12名"), "所"), {}, "12名 is not counted in 所"),
    ("cn", (Decimal("2.5"),), {}, "2.5 is not a whole number"),
    ("cn", (-1,), {}, "-1 is not a whole number"),
    ("cn", (10000,), {}, "10000 is not a whole number"),
    ("date", (q("5万元"),), {}, "5万元 is not a date"),
    ("date", ("2024年1月26日",), {}, "is not a date"),
    ("date", (parse_date("1月26日"),), {"year": True}, "1月26日 has no year"),
    ("pct", (q("5户"),), {}, "5户 is not a percentage"),
    ("pct", (q("5%"),), {"ratio": True}, "5% is not a percentage"),
    ("change", (q("5元"),), {}, "5元 is not a change"),
    ("change", (ch("5元", "6元"), "致"), {}, "至 or 到"),
    ("change", (ch("60元", "55元"),), {"verb": "提高"}, "the verb “提高” does not fit 60元 → 55元"),
    ("change", (ch("60元", "55元"),), {"verb": "增加"}, "does not fit"),
    ("change", (ch("60元", "55元"),), {"verb": "上调"}, "does not fit"),
    ("change", (ch("55元", "60元"),), {"verb": "降低"}, "does not fit"),
    ("change", (ch("55元", "60元"),), {"verb": "减少"}, "does not fit"),
    ("change", (ch("55元", "60元"),), {"verb": "下调"}, "does not fit"),
    ("change", (ch("55元", "55元"),), {"verb": "提高"}, "does not fit"),
    ("change", (ch("55元", "60元"),), {"verb": ""}, "does not fit"),
    ("change", (Change(q("5户"), q("6人")),), {}, "cannot be converted"),
    ("growth", (q("5人"), q("0人")), {}, "a growth rate from 0人 is undefined"),
    ("growth", (q("5人"), q("-2人")), {}, "undefined"),
    ("growth", (q("5人"), q("4户")), {}, "cannot be converted"),
    ("growth", (q("约5万元"), q("4万元")), {}, "约5万元 is approximate"),
    ("pp", (q("5户"), q("4%")), {}, "5户 is not a percentage"),
    ("yoy", (q("5%"), q("4万元")), {}, "not the same kind"),
    ("yoy", (q("5万元"), q("0元")), {}, "undefined"),
    ("enum_cn", ([],), {}, "enum_cn: the list is empty"),
    ("enum_cn", (["甲", "。"],), {}, "an item is empty"),
    ("enum_cn", ("甲乙",), {}, "“甲乙” is not a list"),
    ("join_cn", ([],), {}, "join_cn: the list is empty"),
    ("total", ([],), {}, "total: the list is empty"),
    ("total", ([q("约5万元"), q("3万元")],), {}, "约5万元 is approximate"),
    ("total", ([q("3万元"), q("100余万元")],), {}, "100余万元 is approximate"),
    ("total", ([q("5万元"), q("3户")],), {}, "3户 cannot be converted to 万元"),
    ("total", ([q("5万元"), "3万元"],), {}, "“3万元” is not a figure"),
]


@pytest.mark.parametrize(("name", "args", "kwargs", "expected"), WRONG,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(WRONG)])
def test_wrong_kind_is_an_error_naming_filter_and_value(
        name: str, args: tuple[Any, ...], kwargs: dict[str, Any], expected: str) -> None:
    with pytest.raises(FigureError) as info:
        call(name, *args, **kwargs)
    assert str(info.value).startswith(f"{name}: ")
    assert expected in str(info.value)


def test_figure_error_is_a_value_error() -> None:
    assert issubclass(FigureError, ValueError)  # the render layer catches ValueError


# --- properties -------------------------------------------------------------------------------

def in_yuan(figure: Quantity) -> Fraction:
    """Exactly (``Quantity.in_yuan`` rounds to 28 significant digits)."""
    return Fraction(figure.number) * 10 ** MONEY_UNITS[figure.unit]


decimals = st.builds(lambda n, places: Decimal(n).scaleb(-places),
                     st.integers(-10**20, 10**20), st.integers(0, 10))


@given(decimals)
def test_wan_then_yuan_round_trips_exactly(number: Decimal) -> None:
    typed = Quantity(number, "元")
    in_wan = call("wan", typed)
    back = call("yuan", parse_quantity(in_wan))
    assert back == str(typed)
    assert parse_quantity(in_wan).number * 10_000 == number
    assert "E" not in in_wan


@given(decimals, st.sampled_from(list(MONEY_UNITS)), st.sampled_from(list(MONEY_UNITS)))
def test_money_conversion_keeps_the_value(number: Decimal, unit: str, target: str) -> None:
    text = call("money", Quantity(number, unit), target)
    assert in_yuan(parse_quantity(text)) == in_yuan(Quantity(number, unit))


@given(decimals, st.integers(0, 6))
def test_rounding_is_half_up(number: Decimal, places: int) -> None:
    rounded = Decimal(call("num", number, places))
    exact = Fraction(number) * 10**places
    whole = int(abs(exact) + Fraction(1, 2))
    assert abs(Fraction(rounded)) * 10**places == whole
    assert rounded.as_tuple().exponent == -places


@given(st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1), min_size=1, max_size=40))
def test_enum_cn_numbers_every_item(items: list[str]) -> None:
    text = call("enum_cn", items)
    parts = text.removesuffix("。").split("；")
    assert len(parts) == len(items)
    for i, (part, item) in enumerate(zip(parts, items, strict=True), 1):
        assert part == f"{chinese_numeral(i)}是{item}"


@given(st.lists(st.tuples(decimals, st.sampled_from(list(MONEY_UNITS))), min_size=1,
                max_size=8))
def test_total_of_mixed_money_is_the_exact_sum(parts: list[tuple[Decimal, str]]) -> None:
    figures = [Quantity(n, u) for n, u in parts]
    result = call("total", figures)
    assert result.unit == figures[0].unit
    assert in_yuan(result) == sum(in_yuan(f) for f in figures)


# --- through Jinja ----------------------------------------------------------------------------


def strict_env() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters.update(FILTERS)
    return env


def test_filters_work_in_a_sandboxed_strict_environment() -> None:
    env = strict_env()
    template = env.from_string(
        "发放{{ x|wan(2) }}，{{ h|hh(p, '、') }}，{{ c|change('到') }}，"
        "{{ items|enum_cn('。', end='') }}{{ areas|map('trim')|join_cn }}，{{ parts|total|wan }}")
    text = template.render(
        x=q("432.725527万元"), h=q("1493户"), p=q("2024人"), c=ch("650元", "715元"),
        items=["快速应对", "持续推进"], areas=[" 养老", "殡葬 "], parts=[q("8322元"), q("1万元")])
    assert text == ("发放432.73万元，1493户、2024人，由650元提高到715元，"
                    "一是快速应对。二是持续推进养老和殡葬，1.8322万元")


def test_an_undefined_name_in_a_template_is_a_figure_error_not_a_blank() -> None:
    env = strict_env()
    with pytest.raises(FigureError) as info:
        env.from_string("共{{ 资金|wan(2) }}").render()
    assert "wan: the value is missing" in str(info.value)


def test_a_missing_attribute_in_a_template_is_a_figure_error() -> None:
    env = strict_env()
    with pytest.raises(FigureError) as info:
        env.from_string("{{ 低保.资金|wan }}").render({"低保": {"户数": q("5户")}})
    assert "wan: the value is missing" in str(info.value)


# --- the user documentation -------------------------------------------------------------------

EXAMPLE = re.compile(r"^(?P<template>\{\{.*?\}\})\s+(?:(?P<values>.*?)\s+)?→\s+(?P<output>.+)$")
NOT_GIVEN = "（未填）"


def doc_examples() -> list[tuple[int, str]]:
    """Every line starting with ``{{`` inside a fenced block of docs/filters.md, with its line."""
    found: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        elif fenced and line.startswith("{{"):
            found.append((number, line))
    return found


def doc_value(text: str) -> Any:
    """A value as the documentation writes it (the same forms as in a dataset)."""
    text = text.strip()
    if text == "（空）":
        return None
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [doc_value(item) for item in inner.split(",")] if inner else []
    if text.startswith("{"):
        return parse_change(yaml.safe_load(text))
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return Decimal(text)
    return infer_value(text)


def doc_context(values: str) -> dict[str, Any]:
    """``a = 5户; b.c = 6人`` as a context (dotted names nest; 未填 names are left out)."""
    context: dict[str, Any] = {}
    for assignment in filter(None, (part.strip() for part in values.split(";"))):
        name, _sep, raw = assignment.partition("=")
        if raw.strip() == NOT_GIVEN:
            continue
        *parents, leaf = name.strip().split(".")
        target = context
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = doc_value(raw)
    return context


def test_the_documentation_has_examples_for_every_filter() -> None:
    examples = [line for _number, line in doc_examples()]
    assert len(examples) >= 60
    used = {name for line in examples for name in re.findall(r"\|\s*(\w+)", line)}
    assert set(FILTERS) <= used
    assert all(EXAMPLE.match(line) for line in examples)


@pytest.mark.parametrize(("number", "line"), doc_examples(),
                         ids=[f"line{n}" for n, _line in doc_examples()])
def test_documentation_example(number: int, line: str) -> None:
    match = EXAMPLE.match(line)
    assert match is not None, f"docs/filters.md:{number} is not “模板   值   →   结果”"
    template = strict_env().from_string(match["template"])
    context = doc_context(match["values"] or "")
    if match["output"] == "（报错）":
        with pytest.raises(FigureError):
            template.render(context)
    else:
        assert template.render(context) == match["output"]


def test_doc_values_read_like_datasets() -> None:
    assert doc_context("a.b = 5户; c = [甲, 1月26日]; d = 0.5; e = （未填）; f = （空）") == {
        "a": {"b": Quantity(Decimal(5), "户")}, "c": ["甲", CnDate(1, None, 26)],
        "d": Decimal("0.5"), "f": None}
    assert format_decimal_plain(doc_value("0.5")) == "0.5"


def test_enum_cn_adds_no_second_full_stop_after_a_closed_bracket() -> None:
    items = ["发放资金221.78万元（其中百岁老人14人。）", "及时发放各项资金"]
    assert FILTERS["enum_cn"](items, sep="。") == (
        "一是发放资金221.78万元（其中百岁老人14人。）二是及时发放各项资金。")
    assert FILTERS["enum_cn"](list(reversed(items)), sep="。") == (
        "一是及时发放各项资金。二是发放资金221.78万元（其中百岁老人14人。）")
    assert FILTERS["enum_cn"](["甲（乙。）", "丙"]) == "一是甲（乙。）；二是丙。"
