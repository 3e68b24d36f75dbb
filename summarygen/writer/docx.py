"""The document tree as a DOCX file in the GB/T 9704-2012 layout (see ``docs/gbt9704.md``).

A report is the base package of its style profile (:mod:`summarygen.writer.base`, made once
and cached) with its own ``word/document.xml`` and ``docProps/core.xml``, built as strings
(:mod:`summarygen.writer.wordml`), in a zip written with fixed timestamps and entry order, so
equal inputs give equal bytes and a report costs one or two milliseconds.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from summarygen.document.geometry import TEXT_WIDTH, text_width
from summarygen.document.style import StyleProfile
from summarygen.document.tree import Document, Heading, Paragraph, Signature
from summarygen.writer import wordml as w
from summarygen.writer.base import Base, base_package, prepare_base

__all__ = ["prepare_base", "write_docx"]

_CORE_XML = (
    w.XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
    "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
    "<dc:language>{language}</dc:language></cp:coreProperties>")


def write_docx(document: Document, style: StyleProfile) -> bytes:
    """The report as DOCX bytes; the same inputs give byte-identical output."""
    base = base_package(style)
    created = _utc(document.metadata.created)
    replaced = {
        "word/document.xml": _document_xml(document, style, base),
        "docProps/core.xml": _core_xml(document, created),
    }
    # Zip times are local times without a zone, and the format cannot go before 1980.
    stamp = (max(1980, min(2107, created.year)), created.month, created.day,
             created.hour, created.minute, created.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in base.parts:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Word writes it; not the building machine's
            info.external_attr = 0
            archive.writestr(info, replaced.get(name, data))
    return buffer.getvalue()


# --- the report's own parts ---------------------------------------------------------------------

def _document_xml(document: Document, style: StyleProfile, base: Base) -> bytes:
    # One paragraph a title line, not line breaks: the lines are the units the author broke by
    # meaning, each centred on its own, and a reader (or `summarygen verify`) sees them apart.
    paragraphs = [w.p(w.ppr(style=w.TITLE_STYLE), w.r(line)) for line in document.title]
    if document.title:
        paragraphs.append(w.p())  # 7.3.1: one blank line between the title and the body
    last = len(document.blocks) - 1
    for index, block in enumerate(document.blocks):
        paragraphs.append(_block(block, base, keep=document.signature is not None
                                 and index == last))
    if document.signature is not None:
        paragraphs += _signature(document.signature, style)
    return "".join([
        w.XML_DECL, f'<w:document xmlns:w="{w.W_NS}" xmlns:r="{w.R_NS}"><w:body>',
        *paragraphs, base.sect_pr, "</w:body></w:document>"]).encode()


def _block(block: Heading | Paragraph, base: Base, *, keep: bool) -> str:
    """One paragraph of the body. ``keep``: the last one before the signature, whose last lines
    go with the signature to its page (7.3.5: the signature never stands alone on a page); with
    widow control at least two of its lines do, not one."""
    widows = True if keep else None
    if not isinstance(block, Heading):
        return w.p(w.ppr(keep_next=True, widow_control=widows) if keep else "", w.r(block.text))
    if block.body is None:  # a heading style keeps with the next paragraph already
        return w.p(w.ppr(style=w.heading_style(block.level)), w.r(block.heading_text))
    # Run-in: one paragraph, the heading part in the style's font, the body in the body font.
    # It carries body text, so it must not be kept with the next paragraph: a series of run-in
    # paragraphs would otherwise be pushed to one page as a block.
    ppr = w.ppr(style=w.heading_style(block.level), keep_next=keep, widow_control=widows)
    return w.p(ppr, w.r(block.heading_text) + w.r(block.body, base.body_rpr))


def _signature(signature: Signature, style: StyleProfile) -> list[str]:
    """GB/T 9704 7.3.5.2 (unsealed): a blank line, the organisation, the date below it; the
    three kept together, and with the text's last lines (see :func:`_block`). Without a date
    (``signature: {date: false}``) the organisation stands alone, 2 characters from the right."""
    char = w.char_twips(style)
    org_right, date_left = _signature_indents(signature.organisation, signature.date_text, char)
    dated = bool(signature.date_text)
    # No automatic space between Chinese and digits in Word (LibreOffice adds it anyway, which
    # is why the date is placed by where it starts, not by where it ends).
    paragraphs = [
        w.p(w.ppr(keep_next=True)),
        w.p(w.ppr(keep_next=True if dated else None, auto_space=False,
                ind=w.ind(right_chars=org_right, char_twips=char), jc="right"),
           w.r(signature.organisation)),
    ]
    if dated:
        # Room to the right (into the margin) for that space: the date never wraps.
        paragraphs.append(w.p(w.ppr(auto_space=False, ind=w.ind(
            left_chars=date_left, right_chars=-2, char_twips=char), jc="left"),
            w.r(signature.date_text)))
    return paragraphs


def _signature_indents(organisation: str, date: str, char_twips: int) -> tuple[float, float]:
    """The organisation's right indent and the date's left indent, in characters.

    The organisation stands 2 characters from the right; the date starts 2 characters to the
    right of the organisation's first character. If the date is the longer, the standard puts
    the date 2 characters from the right and moves the organisation left instead (its right
    indent ``len(date) - len(org) + 4``). Widths are in characters (a digit ½, see
    :func:`summarygen.document.geometry.char_width`), and a character advances by the body
    size plus the letter spacing, as the text is printed.
    """
    org, date_width = text_width(organisation), text_width(date)
    org_right = date_width - org + 4 if date_width > org else 2.0
    pitch = char_twips + w.CHAR_SPACING
    org_start = TEXT_WIDTH - org_right * char_twips - org * pitch
    return org_right, round((org_start + 2 * pitch) / char_twips, 2)


def _core_xml(document: Document, created: dt.datetime) -> bytes:
    meta = document.metadata
    return _CORE_XML.format(
        title=w.escaped(meta.title), author=w.escaped(meta.author),
        language=w.escaped(meta.language),
        created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
    ).encode()


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC without a zone; a naive time is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment
