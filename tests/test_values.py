"""Typed values: quantities, money, dates and changes keep what was typed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from summarygen.data.values import (
    CnDate,
    MissingUnit,
    Quantity,
    ValueParseError,
    infer_value,
    parse_change,
    parse_date,
    parse_quantity,
)


@pytest.mark.parametrize("text", ["432.725527万元", "18.9450万元", "920.20万元", "9836户",
                                  "3358人次", "380元/月.人", "100余场次", "约1.24万人次", "5.2%",
                                  "10余个", "0元", "-3.5%"])
def test_quantities_print_as_typed(text: str) -> None:
    assert str(parse_quantity(text)) == text


def test_quantity_parts() -> None:
    q = parse_quantity("约1.24万人次")
    assert (q.prefix, q.number, q.unit, q.suffix) == ("约", Decimal("1.24"), "万人次", "")
    assert not q.exact
    assert q.comparable() == ("人次", Decimal("12400.00"))


def test_bare_number_takes_only_a_declared_default_unit() -> None:
    assert parse_quantity(Decimal("2329"), "户", default="户") == Quantity(Decimal("2329"), "户")
    assert str(parse_quantity("607", "人", default="人")) == "607人"
    for raw in (Decimal("2329"), "607"):
        with pytest.raises(MissingUnit) as caught:
            parse_quantity(raw, "人")
        assert (caught.value.raw, caught.value.unit) == (raw, "人")


def test_money_converts_for_comparison() -> None:
    assert parse_quantity("8322元").in_yuan() == Decimal("8322")
    assert parse_quantity("0.8322万元").in_yuan() == Decimal("8322.0000")


def test_fullwidth_digits_are_normalised() -> None:
    assert str(parse_quantity("１２３户")) == "123户"


@pytest.mark.parametrize(("text", "unit"), [("1,234户", None), ("1，234户", None), ("户", None),
                                            ("12", None), ("12人", "户"), ("abc", "人")])
def test_bad_quantities_are_refused(text: str, unit: str | None) -> None:
    with pytest.raises(ValueParseError):
        parse_quantity(text, unit)


def test_money_units_may_replace_each_other() -> None:
    assert str(parse_quantity("8322元", "万元")) == "8322元"


@pytest.mark.parametrize(("text", "expected"), [
    ("1月26日", "1月26日"), ("2024年6月30日", "2024年6月30日"), ("2024-01-05", "2024年1月5日"),
    ("2024年5月", "2024年5月"), ("2月2号", "2月2号"), ("5月", "5月")])
def test_dates_are_never_zero_padded(text: str, expected: str) -> None:
    assert str(parse_date(text)) == expected


def test_impossible_dates_are_refused() -> None:
    for text in ("2月30日", "13月1日", "2024-02-30", "昨天"):
        with pytest.raises(ValueParseError):
            parse_date(text)


def test_date_with_year_needs_one() -> None:
    assert CnDate(6, 2024, 30).format(with_year=True) == "2024年6月30日"
    with pytest.raises(ValueParseError):
        CnDate(6, None, 30).format(with_year=True)


def test_change_from_to() -> None:
    change = parse_change({"from": "320元/月.人", "to": "380元/月.人"})
    assert (str(change.old), str(change.new), change.difference) == (
        "320元/月.人", "380元/月.人", Decimal(60))
    assert str(parse_change({"from": 60, "to": 65}, "元/月.人", "元/月.人").new) == "65元/月.人"
    with pytest.raises(MissingUnit):
        parse_change({"from": "60元/月.人", "to": 65}, "元/月.人")


def test_inferred_slot_values() -> None:
    assert infer_value("1月27日") == CnDate(1, None, 27)
    assert infer_value("24小时") == Quantity(Decimal(24), "小时")
    assert infer_value("王芳、夏德义") == "王芳、夏德义"
    assert infer_value(Decimal("2024")) == "2024"
