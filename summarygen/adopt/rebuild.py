"""The proof of an import: the new workspace built in memory, paragraph for paragraph against
the source, and checked as ``summarygen check --strict`` checks it."""

from __future__ import annotations

import difflib
from pathlib import Path

from summarygen.build import build_report, open_session
from summarygen.document.tree import Block, Document, Heading
from summarygen.errors import Problems
from summarygen.i18n import _


def rebuild_notes(folder: Path, source: list[str]) -> list[str]:
    """What differs between the ``source`` paragraphs and the workspace's report, and every
    problem ``check --strict`` would report, each as a line for the user."""
    problems = Problems()
    session = open_session(folder, problems=problems)
    report = build_report(session, session.variants[0])
    notes = [_("check: {problem}").format(problem=p.format(folder)) for p in session.problems]
    if report is None:
        return notes
    return notes + differences(source, paragraphs(report.document))


def block_text(block: Block) -> str:
    if isinstance(block, Heading):
        return block.heading_text + (block.body or "")
    return block.text


def paragraphs(document: Document) -> list[str]:
    """The paragraphs a reader of the built report sees, in order."""
    found = list(document.title) + [block_text(b) for b in document.blocks]
    if document.signature is not None:
        found += list(document.signature.lines)
    return found


def differences(source: list[str], built: list[str]) -> list[str]:
    """A line for each paragraph the built report writes otherwise than the source."""
    notes = []
    matcher = difflib.SequenceMatcher(a=source, b=built, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for index in range(max(a1 - a0, b1 - b0)):
            old = source[a0 + index] if a0 + index < a1 else ""
            new = built[b0 + index] if b0 + index < b1 else ""
            old_part, new_part = around_difference(old, new)
            notes.append(_("the built report differs from the document: it has “{old}”, the "
                           "workspace writes “{new}”").format(old=old_part, new=new_part))
    return notes


def around_difference(old: str, new: str, width: int = 12) -> tuple[str, str]:
    """The two texts from a little before their first difference (``…`` where cut)."""
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
              min(len(old), len(new)))
    start = max(0, at - width // 2)

    def cut(text: str) -> str:
        if not text:
            return "-"
        piece = text[start:start + width * 2]
        return ("…" if start else "") + piece + ("…" if start + width * 2 < len(text) else "")

    return cut(old), cut(new)
