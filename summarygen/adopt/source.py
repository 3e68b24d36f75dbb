"""Reading the document to adopt: a DOCX from any program, or plain text (UTF-8 or GB18030).

Both come out as the paragraphs of :mod:`summarygen.ooxml`, so that one classifier
(:mod:`summarygen.verify.classify`) reads them. A text file has one paragraph a line; it carries
no formatting, so its paragraphs have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarygen.errors import SummarygenError
from summarygen.i18n import _
from summarygen.ooxml import DocxFile, Paragraph, Run, read_docx
from summarygen.ooxml.package import ParaFormat, RunFormat

MAX_TEXT_BYTES = 5_000_000
"""A text file larger than this is refused (a yearly summary is some 30 KB)."""
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_NO_RUN_FORMAT = RunFormat({}, None, False, None)
_NO_PARA_FORMAT = ParaFormat("", None, {}, {}, None, None)


class SourceError(SummarygenError):
    """The file to import or fix cannot be read: missing, too large, not DOCX nor text."""


@dataclass(frozen=True)
class Source:
    """A document's paragraphs, and the DOCX they came from (``None`` for a text file)."""

    path: Path
    paragraphs: list[Paragraph]
    docx: DocxFile | None

    @property
    def is_text(self) -> bool:
        return self.docx is None

    def where(self, index: int) -> str:
        """``第3段`` (DOCX paragraphs, empty ones counted, as Word shows ¶) or ``第3行``."""
        if self.is_text:
            return _("line {number}").format(number=index)
        return _("paragraph {number}").format(number=index)

    def span(self, first: int, last: int) -> str:
        """``第3—9段`` or ``第3—9行`` (one number when ``first`` is ``last``)."""
        if first == last:
            return self.where(first)
        if self.is_text:
            return _("lines {first}–{last}").format(first=first, last=last)
        return _("paragraphs {first}–{last}").format(first=first, last=last)


def read_source(path: Path) -> Source:
    """Read ``path`` as DOCX (by its content, whatever its name) or as text."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    if head == _ZIP_MAGIC:
        docx = read_docx(path)
        return Source(path, docx.paragraphs, docx)
    if head == _OLE_MAGIC:
        raise SourceError(_("{path} is an old Word or WPS file (.doc/.wps); save it as .docx "
                            "in Word or WPS first").format(path=path))
    if size > MAX_TEXT_BYTES:
        raise SourceError(_("{path} is {size} bytes; a text file may have at most {limit}")
                          .format(path=path, size=size, limit=MAX_TEXT_BYTES))
    return Source(path, text_paragraphs(decode_text(path.read_bytes(), path)), None)


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), else GB18030 (which includes GBK and GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise SourceError(_("{path} is neither a Word document (.docx) nor text in UTF-8 or "
                        "GB18030").format(path=path))


def text_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph a line, numbered from 1 like the lines of the file."""
    return [Paragraph(number, [Run(line, _NO_RUN_FORMAT)] if line else [], _NO_PARA_FORMAT)
            for number, line in enumerate(text.splitlines(), 1)]
