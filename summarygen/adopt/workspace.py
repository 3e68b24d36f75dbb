"""``summarygen import FILE DIR``: last year's summary (DOCX or text) made into a workspace that
rebuilds it, every figure in data.

The document is read and classified as ``fix`` and ``verify`` read it (:mod:`.outline`); the
organisation and period are read from it (:mod:`.recognise`). The workspace has:

- ``summarygen.yaml``: the organisation, one variant, the numbering forms seen and the 成文日期;
- ``datasets/<P>/document.yaml`` (title lines and opening) and ``partNN.yaml``, one file per
  top-level part, whose blocks are narrative points with every figure a value;
- ``templates/``: a generic skeleton and one schema per data file (:mod:`.templates`).

Before the folder is moved into place the workspace is built in memory and its paragraphs are
compared with the source's; every difference, and everything the reader could not judge with
confidence, is reported with its paragraph — and listed in ``summarygen.yaml``'s comments.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from summarygen.adopt.outline import Note, Outline, excerpt, read_outline
from summarygen.adopt.rebuild import block_text, rebuild_notes
from summarygen.adopt.recognise import Recognised, level_of, recognise
from summarygen.adopt.source import Source, SourceError, read_source
from summarygen.adopt.templates import MACROS_TEMPLATE, REPORT_TEMPLATE, schema_text
from summarygen.adopt.yamltext import comment, point, scalar
from summarygen.document.numbering import GBT9704, numbering_of, numbering_text
from summarygen.document.numbering import recognise as recognise_number
from summarygen.document.tree import Block, Heading, Paragraph
from summarygen.errors import OutputError
from summarygen.i18n import _
from summarygen.output import FolderAppeared, write_folder
from summarygen.workspace.period import Period, PeriodError
from summarygen.workspace.wording import RULES, Setting, blank_markers

VARIANT = "report"
_MARKUP_HEADING = re.compile(r"^#{1,5}\s")


def slot_example() -> str:
    """How a slot is shown in the comments (``{名称}``), in the user's language."""
    return "{" + _("name") + "}"
ORGANISATION_ID = "org"


class ImportFailed(SourceError):
    """``import`` cannot make the workspace: DIR exists, the organisation or period is unknown."""


@dataclass
class Imported:
    """What ``import`` made."""

    root: Path
    period: Period
    organisation: str
    level: str
    parts: int
    headings: int
    figures: int
    notes: list[str] = field(default_factory=list)
    """Each thing to look at, with its paragraph, in the user's language."""

    def lines(self) -> list[str]:
        lines = [_("imported {root}: period {period}, {organisation} (level {level}), "
                   "{parts} part(s), {headings} heading(s), {figures} figure(s) in data").format(
            root=self.root, period=self.period, organisation=self.organisation,
            level=self.level, parts=self.parts, headings=self.headings, figures=self.figures)]
        if self.notes:
            lines.append(_("to look at ({count}):").format(count=len(self.notes)))
            lines += ["  " + note for note in self.notes]
        lines.append(_("next: summarygen build -C {root}; for the next period: summarygen "
                       "new-period P -C {root}").format(root=self.root))
        return lines


@dataclass(frozen=True)
class Plan:
    """Everything decided before writing."""

    source: Source
    outline: Outline
    recognised: Recognised
    organisation: str
    level: str
    period: Period
    title: list[str]
    notes: list[str]


def import_document(path: Path, directory: Path, organisation: str | None = None,
                    period: str | None = None) -> Imported:
    """Make the workspace ``directory`` (which must not exist, or be empty) from ``path``."""
    _check_target(directory)
    source = read_source(path)
    outline = read_outline(source, strip=True)
    plan = _plan(source, outline, organisation, period)
    files, figures = workspace_files(plan)
    checked: list[str] = []

    def finish(folder: Path) -> None:
        checked.extend(rebuild_notes(folder, expected(plan)))

    try:
        if directory.is_dir():
            directory.rmdir()
        write_folder(directory, {name: text.encode("utf-8") for name, text in files.items()},
                     finish)
    except FolderAppeared:
        raise ImportFailed(_("{folder} appeared meanwhile; it is left as it is").format(
            folder=directory)) from None
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {reason}").format(
            path=directory, reason=exc.strerror or exc)) from None
    parts = len(split_parts(outline.blocks)[1])
    return Imported(directory, plan.period, plan.organisation, plan.level, parts,
                    len(outline.headings), figures, plan.notes + checked)


def expected(plan: Plan) -> list[str]:
    """The paragraphs of the source, as the workspace's report must write them."""
    outline = plan.outline
    found = list(plan.title) + [block_text(b) for b in outline.blocks]
    if outline.signature is not None:
        found += list(outline.signature.lines)
    return found


def _check_target(directory: Path) -> None:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ImportFailed(_("{folder} already exists and is not empty; import makes a new "
                             "workspace (name a new folder)").format(folder=directory))


def _plan(source: Source, outline: Outline, organisation: str | None,
          period: str | None) -> Plan:
    found = recognise(outline)
    org = organisation or found.organisation
    chosen = _period(period) if period else found.period
    missing = []
    if not org:
        missing.append(_("the organisation (give it with --org 霍山县民政局)"))
    if chosen is None:
        missing.append(_("the period (give it with --period 2024-H1)"))
    if missing or chosen is None or not org:
        raise ImportFailed(_("{path}: the document does not say {what}").format(
            path=source.path, what=_("; nor ").join(missing)))
    notes = _reading_notes(source, outline, found, None if period else chosen)
    level = level_of(org) or ""
    if not level:
        notes.append(_("the level of “{organisation}” (县, 市 or 区) is not in its name; "
                       "summarygen.yaml says 县: correct it if needed").format(organisation=org))
        level = "县"
    title = list(outline.title)
    if not title:
        title = [f"{org}{chosen.year}年{chosen.kind}工作总结"]
        notes.append(_("the document has no title; the workspace writes “{title}”: change it "
                       "in document.yaml if needed").format(title=title[0]))
    return Plan(source, outline, found, org, level, chosen, title, notes)


def _reading_notes(source: Source, outline: Outline, found: Recognised,
                   guessed: Period | None) -> list[str]:
    """What the reader could not judge with confidence; ``guessed`` is the period when it was
    read from the document rather than given."""
    notes = [_format_note(source, n) for n in outline.notes]
    if guessed is not None and found.period_from == "date":
        notes.append(_("the period {period} is read from the date of the signature block; if "
                       "it is wrong, import again with --period").format(period=guessed))
    if guessed is not None and found.period_from == "years":
        notes.append(_("the period {period} is read from the half named in the opening and the "
                       "year the text names most; if it is wrong, import again with --period")
                     .format(period=guessed))
    for block in outline.blocks:
        if _MARKUP_HEADING.match(block_text(block)):
            notes.append(_("{where}: a paragraph beginning with “#” and a space cannot be "
                           "written as it is (the markup takes it for a heading)").format(
                where=source.where(block.line)))
    if outline.removed_empty and not source.is_text:  # in a text file they separate paragraphs
        notes.append(_("{count} empty paragraph(s) inside the text are not kept (the layout "
                       "spaces paragraphs)").format(count=outline.removed_empty))
    return notes


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise ImportFailed(str(exc)) from None


def _format_note(source: Source, note: Note) -> str:
    where = source.where(note.paragraph) if note.paragraph else _("document")
    return _("{where} “{excerpt}”: {message}").format(where=where, excerpt=note.excerpt,
                                                     message=note.message)


def split_parts(blocks: list[Block]) -> tuple[list[Block], list[list[Block]]]:
    """The opening (before the first top-level heading) and the parts, each starting with a
    top-level heading. The top level is the highest level any heading has."""
    levels = [b.level for b in blocks if isinstance(b, Heading)]
    top = min(levels, default=0)
    opening: list[Block] = []
    parts: list[list[Block]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == top:
            parts.append([block])
        elif parts:
            parts[-1].append(block)
        else:
            opening.append(block)
    return opening, parts


def workspace_files(plan: Plan) -> tuple[dict[str, str], int]:
    """Every file of the workspace by relative path, and the number of figures in data."""
    opening, parts = split_parts(plan.outline.blocks)
    data = f"datasets/{plan.period}"
    figures = 0
    document, count = document_yaml(plan, opening)
    figures += count
    files = {
        "summarygen.yaml": config_yaml(plan),
        "templates/report.md.j2": REPORT_TEMPLATE,
        "templates/imported.md.j2": MACROS_TEMPLATE,
        "templates/schemas/document.yaml": schema_text(
            "标题和开头段", "报告的标题和第一个标题之前的段落", with_title_lines=True),
        f"{data}/document.yaml": document,
    }
    for number, part in enumerate(parts, 1):
        name = f"part{number:02d}"
        head = part[0]
        heading = head.number + head.text if isinstance(head, Heading) else ""
        files[f"templates/schemas/{name}.yaml"] = schema_text(
            f"第{number}部分", f"导入的报告中“{heading}”一部分（标题及其下各段）")
        text, count = part_yaml(plan, part, number)
        files[f"{data}/{name}.yaml"] = text
        figures += count
    return files, figures


def config_yaml(plan: Plan) -> str:
    found = plan.recognised
    wording = wording_lines(plan)  # first: it adds a note
    lines = comment(_("summarygen workspace imported by “summarygen import” from {file}.")
                    .format(file=plan.source.path.name))
    lines += comment(_("organisation: {how}; period: {period}").format(
        how=_origin(found.organisation_from, plan.organisation != found.organisation),
        period=_origin(found.period_from, plan.period != found.period)))
    if plan.notes:
        lines += comment(_("things to look at, found while importing:"))
        lines += [line for note in plan.notes for line in comment("  " + note)]
    lines += ["", "organisations:", f"  {ORGANISATION_ID}:",
              f"    name: {scalar(plan.organisation)}", f"    level: {scalar(plan.level)}",
              "", "variants:", f"  {VARIANT}:", f"    organisation: {ORGANISATION_ID}"]
    lines += style_lines(plan.outline)
    lines += wording
    lines += signature_lines(plan)
    signature = plan.outline.signature
    if signature is not None and signature.date is not None:
        lines += ["", "periods:", f"  {plan.period}:",
                  *comment(_("the date of the document, from its signature block"), 4),
                  f"    date: {signature.date.isoformat()}"]
    return "\n".join(lines) + "\n"


def signature_lines(plan: Plan) -> list[str]:
    """``signature:`` as the document has its 落款: none, a 署名 other than the organisation's
    name, or no 成文日期."""
    signature = plan.outline.signature
    if signature is None:
        return ["", *comment(_("the document has no signature block (署名 and 成文日期)")),
                "signature: false"]
    settings = []
    if signature.organisation.strip() != plan.organisation:
        settings.append(f"  name: {scalar(signature.organisation.strip())}")
    if signature.date is None:
        settings.append("  date: false")
    if not settings:
        return []
    return ["", *comment(_("the signature block as the document writes it")), "signature:",
            *settings]


def style_lines(outline: Outline) -> list[str]:
    """The numbering forms the document uses, where they differ from GB/T 9704: the form most
    of a level's numbers are written in (see :mod:`summarygen.document.numbering`)."""
    forms = list(GBT9704)
    for level, written in outline.forms.items():
        found = Counter(typed.form for number in written
                        if (typed := recognise_number(number)) is not None and typed.form)
        if found and 1 <= level <= 4:
            forms[level - 1] = found.most_common(1)[0][0]
    numbering = numbering_of(forms)
    if numbering == GBT9704 or len(set(numbering)) < 4:
        return []
    return ["", "style:", *comment(_("the numbering forms of the document's outline levels"), 2),
            f"  numbering: {numbering_text(numbering)}"]


def kept_words(plan: Plan) -> list[str]:
    """Words of the document that ``check`` would question in a report of this level (another
    level's bodies, a placeholder name): the document says them, so the workspace allows them."""
    setting = Setting(VARIANT, plan.level, {}, plan.period)
    rules = [rule for rule in RULES if rule.applies(setting)]
    return sorted({hit.word for text in expected(plan) for rule in rules
                   for hit in rule.find(blank_markers(text), setting)})


def wording_lines(plan: Plan) -> list[str]:
    words = kept_words(plan)
    if not words:
        return []
    plan.notes.append(_("kept as the document writes them, and allowed under “wording:” in "
                        "summarygen.yaml: {words}").format(words="、".join(words)))
    return ["", "wording:",
            *comment(_("the document writes these words as they are (a placeholder name, "
                       "another level's body); check does not question them."), 2),
            *comment(_("Replace a placeholder with the real name, then delete it here."), 2),
            "  allow: [" + ", ".join(scalar(w) for w in words) + "]"]


def _origin(where: str, given: bool) -> str:
    if given:
        return _("given on the command line")
    return {"title": _("from the title"), "signature": _("from the signature block"),
            "opening": _("from the opening paragraph"),
            "years": _("from the half named in the opening and the year the text names most: "
                       "check it"),
            "date": _("from the date of the signature block: check it")}.get(where, "-")


def document_yaml(plan: Plan, opening: list[Block]) -> tuple[str, int]:
    where = plan.source.where
    lines = comment(_("The title and the opening paragraphs of the report, imported from {file}."
                      ).format(file=plan.source.path.name))
    lines += comment(_("Figures are written {name} in the text and given under “values:”; "
                       "next period, change only the values.").format(name=slot_example()))
    lines += ["title_lines:"]
    figures = 0
    title_lines = plan.outline.title_lines or [0]
    for text, index in zip(plan.title, title_lines, strict=False):
        lines += comment(where(index) if index else _("not in the document"), 2)
        item = point(text, 2)
        figures += _count(item)
        lines += item
    body, count = blocks_yaml(plan, opening)
    return "\n".join(lines + body) + "\n", figures + count


def part_yaml(plan: Plan, part: list[Block], number: int) -> tuple[str, int]:
    span = plan.source.span(part[0].line, part[-1].line)
    lines = comment(_("Part {number} of the report, imported from {file}, {span}.").format(
        number=number, file=plan.source.path.name, span=span))
    lines += comment(_("h1–h4 are headings of levels one to four (numbers are added when the "
                       "report is built), text holds body paragraphs."))
    lines += comment(_("Figures are written {name} in the text and given under “values:”; "
                       "next period, change only the values.").format(name=slot_example()))
    body, count = blocks_yaml(plan, part)
    return "\n".join(lines + body) + "\n", count


def blocks_yaml(plan: Plan, blocks: list[Block]) -> tuple[list[str], int]:
    """``blocks:`` with a heading a block, and consecutive paragraphs in one ``text`` block."""
    if not blocks:
        return [], 0
    lines = ["blocks:"]
    figures = 0
    previous_text = False
    for block in blocks:
        where = plan.source.where(block.line)
        if isinstance(block, Heading):
            lines += comment(f"{where}：{block.number}{excerpt(block.text)}", 2)
            lines.append(f"  - h{block.level}:")
            item = (point(block.body or "", 6, lead=block.text) if _run_in(block)
                    else point(block.text + (block.body or ""), 6))
            previous_text = False
        else:
            assert isinstance(block, Paragraph)
            if not previous_text:
                lines.append("  - text:")
            lines += comment(where, 6)
            item = point(block.text, 6)
            previous_text = True
        figures += _count(item)
        lines += item
    return lines, figures


def _run_in(heading: Heading) -> bool:
    """Whether the markup can write the heading run-in: its words must end in 。 (else the whole
    paragraph is the heading, with the same text)."""
    return bool(heading.body) and heading.text.endswith("。")


def _count(item: list[str]) -> int:
    """Figures in a point's lines: the entries under ``values:`` that are not braces."""
    inside = False
    count = 0
    for line in item:
        stripped = line.strip()
        if stripped == "values:":
            inside = True
        elif inside and not stripped.startswith("brace"):
            count += 1
    return count
