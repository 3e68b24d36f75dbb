"""The typed data that templates see: records of fields, and narrative points.

A :class:`Record` answers ``record.field`` and ``record["field"]`` and nothing else, so a field
may be called ``items`` or ``values`` without meeting a ``dict`` method of that name. It remembers
where it came from, so that a template asking for a missing field gets a message naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class Record:
    """Named, typed fields read from a dataset (or built from a profile)."""

    __slots__ = ("_declared", "_fields", "_label", "_line", "_lines", "_path")

    def __init__(self, fields: dict[str, Any], path: Path | None = None, label: str = "",
                 lines: dict[str, int] | None = None, declared: dict[str, str] | None = None,
                 line: int = 0) -> None:
        self._fields = fields
        self._path = path
        self._label = label
        self._lines = lines or {}
        self._declared = declared or {}
        self._line = line

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._fields == other._fields

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Record({self._label or ''}{self._fields!r})"

    @property
    def source(self) -> str:
        """Where the record came from, for messages (``datasets/2024-H1/x.yaml`` or a label)."""
        if self._path is not None:
            try:
                return self._path.resolve().relative_to(Path.cwd().resolve()).as_posix()
            except ValueError:
                return self._path.as_posix()
        return self._label

    @property
    def path(self) -> Path | None:
        """The dataset file the record was read from, if any."""
        return self._path

    def line_of(self, name: str) -> int:
        """The line where field ``name`` was written (0 if unknown)."""
        return self._lines.get(name, 0)

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (records inside converted too)."""
        return {k: _plain(v) for k, v in self._fields.items()}


def key_of(record: Record) -> str:
    """The dotted key of ``record`` inside its dataset (``extremely_poor``), or its name.

    A function, not a property: a property would hide a field of the same name from templates
    (``period.label`` is such a field).
    """
    return record._label


def declared_of(record: Record) -> dict[str, str]:
    """The fields the schema declares for ``record`` (name → meaning), present or not."""
    return record._declared


def line_of_record(record: Record) -> int:
    """The line where ``record`` begins in its dataset (0 if unknown)."""
    return record._line


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Point:
    """One narrative point: an optional lead sentence and a body with its figures filled in.

    ``str(point)`` is ``lead。body`` (or whichever is present), ready for ``enum_cn``.
    """

    body: str
    lead: str = ""

    def __str__(self) -> str:
        if self.lead and self.body:
            return f"{_end(self.lead)}{self.body}"
        return self.lead or self.body


def _end(sentence: str) -> str:
    """A lead sentence closed with a full stop unless it already ends in punctuation."""
    return sentence if sentence[-1:] in "。！？；：" else sentence + "。"
