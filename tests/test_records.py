"""Records answer their fields, even where a field shares a name with something else."""

from __future__ import annotations

from summarygen.data.records import Record, key_of


def test_a_field_called_label_is_the_field() -> None:
    period = Record({"label": "上半年"}, label="period")
    assert period.label == "上半年"
    assert key_of(period) == "period"
