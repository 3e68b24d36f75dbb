"""``summarygen fix``: any DOCX re-laid in the official format, its text unchanged.

The document is read (:mod:`summarygen.ooxml`), its paragraphs classified as ``verify`` does,
turned into the document tree (:mod:`summarygen.adopt.outline`) and written by the writer that
builds reports (:mod:`summarygen.writer.docx`) with a style profile. Heading numbers are kept as
the reader saw them: a number typed by hand stays, a number Word made with automatic numbering
becomes the same text typed. Before anything is written the new file is read back: every
paragraph's text must be the same, character for character, or nothing is written.

What ``fix`` changes is named by the ``verify`` rules the original breaks and the copy does not;
what it cannot change without changing the text (a heading number out of sequence, a date written
with leading zeros) is listed as still to correct by hand.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from summarygen.adopt.outline import Outline, read_outline
from summarygen.adopt.source import Source, SourceError, read_source
from summarygen.document.tree import Document, Metadata
from summarygen.errors import Severity
from summarygen.i18n import N_, _
from summarygen.ooxml import read_docx
from summarygen.ooxml.package import Package, w
from summarygen.output import atomic_write
from summarygen.verify import Expectation, Finding, expectation, verify_document

CHANGE_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("page.size",), N_("paper")),
    (("page.margins",), N_("margins")),
    (("font.",), N_("fonts")),
    (("text.color",), N_("text colour")),
    (("page.grid", "line.", "para.spacing"), N_("line spacing")),
    (("para.indent", "para.align"), N_("indents and alignment")),
    (("title.",), N_("title layout")),
    (("footer.",), N_("page numbers")),
    (("signature.",), N_("signature block")),
    (("core.",), N_("file properties")),
)
"""Rule prefixes of ``verify`` and the name of what they are about, in the order shown."""
_UNSUPPORTED = {
    w("tbl"): N_("a table"), w("drawing"): N_("a picture"), w("pict"): N_("a picture"),
    w("object"): N_("an embedded object"), w("txbxContent"): N_("a text box"),
    w("footnoteReference"): N_("a footnote"), w("endnoteReference"): N_("an endnote"),
}
"""What the document tree cannot hold yet: ``fix`` refuses rather than lose it."""


class FixError(SourceError):
    """``fix`` cannot re-lay the file without losing something (a table, a picture …)."""


class FixIncomplete(SourceError):
    """``fix --strict``: the re-laid file still breaks rules that only a change of text fixes."""


@dataclass
class FixResult:
    """What ``fix`` did to one file."""

    output: Path
    backup: Path | None
    changed: list[str]
    """What was re-laid (translated names: 页边距, 字体 …)."""
    headings: Counter[int]
    """Headings laid out, by level."""
    paragraphs: int
    removed_empty: int
    remaining: list[Finding] = field(default_factory=list)
    """What the new file still breaks: text ``fix`` must not change."""
    remarks: list[str] = field(default_factory=list)
    """What the official layout leaves out of the original (header text, comments)."""

    def lines(self) -> list[str]:
        """What was done, in the user's language, for the terminal."""
        lines = []
        if self.backup is not None:
            lines.append(_("kept the original as {path}").format(path=self.backup))
        done = list(self.changed)
        if self.headings:
            levels = "、".join(_("level {level}: {count}").format(level=level, count=count)
                              for level, count in sorted(self.headings.items()))
            done.append(_("{count} heading(s) ({levels})").format(
                count=sum(self.headings.values()), levels=levels))
        if self.removed_empty:
            done.append(_("{count} empty paragraph(s) removed").format(count=self.removed_empty))
        lines.append(_("re-laid: {what}").format(what="、".join(done) or _("nothing")))
        lines.append(_("text unchanged: {count} paragraph(s), character for character").format(
            count=self.paragraphs))
        lines += self.remarks
        if self.remaining:
            lines.append(_("still to correct by hand (fix does not change the text):"))
            lines += ["  " + f.format(str(self.output)) for f in self.remaining]
        lines.append(_("written: {path}").format(path=self.output))
        return lines


def fix_document(source_path: Path, output: Path | None, in_place: bool = False,
                 profile: str | Expectation = "gbt9704") -> FixResult:
    """Re-lay ``source_path`` into ``output`` (or into itself with ``in_place``, keeping a
    backup) in the style of ``profile`` (a preset's name, or what ``verify`` expects in a
    workspace). The source is never changed otherwise."""
    expect = profile if isinstance(profile, Expectation) else expectation(profile)
    target = source_path if in_place or output is None else output
    if not in_place and _same_file(source_path, target):
        raise FixError(_("the output {path} is the file to fix; name another output with -o, "
                         "or use --in-place (which keeps a backup)").format(path=target))
    source = read_source(source_path)
    if source.docx is None:
        raise FixError(_("{path} is not a Word document (.docx); fix re-lays DOCX files")
                       .format(path=source_path))
    remarks = _inspect(source_path)
    outline = read_outline(source)
    document = _document(outline, source)
    from summarygen.writer.docx import write_docx

    data = write_docx(document, expect.profile)
    remaining = _checked(data, source, expect)
    before = verify_document(source_path, expect)
    backup = _backup(source_path) if in_place else None
    atomic_write(target, data)
    return FixResult(target, backup, _changed(before, remaining),
                     Counter(h.level for h in outline.headings),
                     len(_texts(source)), outline.removed_empty,
                     [f for f in remaining if f.rule not in ("file.read",)], remarks)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _inspect(path: Path) -> list[str]:
    """Refuse what the tree cannot hold; name what the official layout leaves out (header text,
    comments, tracked changes, which are taken as accepted)."""
    package = Package(path)
    root = package.xml(package.document)
    body = None if root is None else root.find(w("body"))
    if body is None:
        return []
    for element in body.iter(*_UNSUPPORTED):
        raise FixError(_("{path} contains {what}, which fix cannot lay out yet; nothing was "
                         "written").format(path=path, what=_(_UNSUPPORTED[element.tag])))
    remarks = []
    headers = [package.xml(name) for kind, name in package.rels(package.document).values()
               if kind.endswith("/header")]
    words = "".join(t.text or "" for h in headers if h is not None for t in h.iter(w("t")))
    if words.strip():
        remarks.append(_("the page header “{text}” is not kept (the official layout has none)")
                       .format(text=words.strip()[:20]))
    if next(body.iter(w("commentReference")), None) is not None:
        remarks.append(_("comments are not kept"))
    if next(body.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo")), None) is not None:
        remarks.append(_("tracked changes are taken as accepted"))
    return remarks


def _document(outline: Outline, source: Source) -> Document:
    core = source.docx.core if source.docx is not None else {}
    author = outline.signature.organisation.strip() if outline.signature else ""
    if not author and core.get("creator", "").lower() != "python-docx":
        author = core.get("creator", "")
    title = "".join(outline.title).strip() or core.get("title", "")
    return Document(tuple(outline.title), tuple(outline.blocks),
                    Metadata(title, author, _created(core, outline)), outline.signature)


def _created(core: dict[str, str], outline: Outline) -> dt.datetime:
    """The source's creation time (so the same input gives the same bytes), else its date."""
    stamp = core.get("created", "")
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is not None and moment.year >= 1980 and not stamp.startswith("2013-12-23"):
        return moment
    signed = outline.signature.date if outline.signature else None
    day = signed or dt.date(1980, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def _texts(source: Source) -> list[str]:
    return [p.text for p in source.paragraphs if p.text.strip()]


def _checked(data: bytes, source: Source, expect: Expectation) -> list[Finding]:
    """Read the new file back: the same text paragraph by paragraph (else it is our bug), and
    what ``verify`` still finds."""
    with tempfile.TemporaryDirectory(prefix="summarygen-fix-") as folder:
        path = Path(folder) / "fixed.docx"
        path.write_bytes(data)
        after = [p.text for p in read_docx(path).paragraphs if p.text.strip()]
        found = verify_document(path, expect)
    if after != _texts(source):
        raise RuntimeError("fix changed the text of the document; nothing was written")
    return [f for f in found if f.severity is Severity.ERROR or f.rule == "para.spaces"]


def _changed(before: list[Finding], after: list[Finding]) -> list[str]:
    still = {f.rule for f in after}
    fixed = {f.rule for f in before} - still
    return [_(name) for prefixes, name in CHANGE_KINDS
            if any(rule.startswith(prefixes) for rule in fixed)]


def _backup(path: Path) -> Path:
    """``报告.docx`` → ``报告.orig.docx`` (``报告.orig-2.docx`` … if taken): the original's bytes,
    written as every output is (a temporary file renamed into place)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FixError(_("cannot keep a backup of {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    for number in range(1, 1000):
        suffix = ".orig" if number == 1 else f".orig-{number}"
        backup = path.with_name(path.stem + suffix + path.suffix)
        if not backup.exists():
            atomic_write(backup, data)
            return backup
    raise FixError(_("cannot keep a backup of {path}: too many backups beside it").format(
        path=path))
