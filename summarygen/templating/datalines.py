"""A value the templates need but the dataset lacks, reported where the user must change it.

When a template asks a dataset's record for a field it does not have, Jinja knows only the
template line (``templates/macros.md.j2:88``), which the user never wrote. The user wrote the
reference (``【rural_dibao.amout】`` in a point's text, line 61 of the dataset), or deleted the
figure (``households``) or the block (``rural_dibao``) that the text's reference needs. This finds
that place in the dataset file and says what to change there, with the template line as context:

- a reference in the text naming a field the schema does not know: a typo, with the nearest name
  when one is close;
- a reference naming a field the schema knows but the file lacks: the figure or block was deleted;
- a reference to a whole group (``【rural_dibao】``) whose writing needs a field the file lacks;
- no reference in the text, but a field the schema knows: reported at the group's line.

A field neither the text nor the schema names is the template's own mistake and stays reported at
the template line.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from summarygen.data.records import Record, declared_of, key_of, line_of_record
from summarygen.data.yamlsyntax import split_lines
from summarygen.errors import Problem, shown_path, suggest
from summarygen.i18n import _

_MESSAGE_NAME = re.compile(r"^【([\w.]+)】")
"""A template pack's own message asked for as a name (``fail(record, "【key】（…）")``)."""


class MissingInData(jinja2.UndefinedError):
    """A template used a field that a dataset record does not have (see :func:`missing_in`)."""

    record: Record | None = None
    name: str = ""


def missing_in(record: Record, name: str) -> type[MissingInData]:
    """The exception type an undefined field of ``record`` raises, carrying where it was asked."""
    return type("MissingInData", (MissingInData,), {"record": record, "name": name})


def data_problem(exc: MissingInData, template: str | None, template_line: int | None,
                 root: Path | None) -> Problem | None:
    """The problem at the dataset line that needs the change, or ``None`` when the template is
    to blame (it asks for a field that neither the data's text nor its schema names)."""
    record, name = exc.record, exc.name
    if record is None or record.path is None:
        return None
    context = ""
    if template is not None:
        context = _(" (used by the template {file}:{line})").format(
            file=shown_path(Path(template), root), line=template_line)
    message = _MESSAGE_NAME.match(name)
    if message is not None:  # the pack's own message, about a group of the data
        field = message[1].split(".")[0]
        return Problem(name + context, record.path, record.line_of(field) or None)
    found = _reference(record, name)
    if found is not None:
        line, reference = found
        return Problem(_in_text(record, name, reference) + context, record.path, line)
    declared = declared_of(record)
    if name not in declared:
        return None
    label = key_of(record)
    return Problem(_("“{name}” ({meaning}) is missing from {owner}, but the report needs it; "
                     "add it").format(name=name, meaning=declared[name], owner=_owner(record))
                   + context, record.path, line_of_record(record) or None,
                   f"{label}.{name}" if label else name)


def _in_text(record: Record, name: str, reference: str) -> str:
    declared = declared_of(record)
    label = key_of(record)
    full = f"{label}.{name}" if label else name
    if reference == label:  # 【rural_dibao】 writes the group; a part of it is missing
        text = _("【{reference}】 writes “{name}” ({meaning}), which is not in “{reference}”; add "
                 "it, or write only the figures there are (such as 【{reference}.{other}】)")
        return text.format(reference=reference, name=name, meaning=declared.get(name, name),
                           other=next(iter(record), name))
    if name in declared:
        return _("the text refers to 【{reference}】, but “{name}” ({meaning}) is not in {owner}; "
                 "add it, or take 【{reference}】 out of the text").format(
            reference=reference, name=full, meaning=declared[name], owner=_owner(record))
    hint = suggest(name, [*record, *declared])
    return _("the text refers to 【{reference}】, but {owner} has no “{name}”").format(
        reference=reference, owner=_owner(record), name=name) + hint


def _owner(record: Record) -> str:
    label = key_of(record)
    return _("“{key}”").format(key=label) if label else _("this file")


def _reference(record: Record, name: str) -> tuple[int, str] | None:
    """The first line of the record's file with a 【】 reference to ``name`` (or, failing that,
    to the record itself), and the reference as written."""
    assert record.path is not None
    try:
        text = record.path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
    label = key_of(record)
    full = f"{label}.{name}" if label else name
    wanted = [re.compile("【(" + re.escape(full) + r"(?:\.[^】]*)?)】")]
    if label:
        wanted.append(re.compile("【(" + re.escape(label) + ")】"))
    lines = split_lines(text)  # as editors count lines (not at U+2028)
    for pattern in wanted:
        for number, line in enumerate(lines, 1):
            match = pattern.search(line)
            if match is not None:
                return number, match[1]
    return None
