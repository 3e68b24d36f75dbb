"""Reading DOCX files made by any program (Word, WPS, LibreOffice, python-docx).

:func:`read_docx` gives every paragraph and run with its effective formatting; the model
(:class:`DocxFile`, :class:`Paragraph`, :class:`Run`, :class:`Section`) lives in
:mod:`summarygen.ooxml.package`, automatic numbering in :mod:`summarygen.ooxml.numbering`.
"""

from summarygen.ooxml.limits import DocxReadError, LimitExceeded
from summarygen.ooxml.package import (
    PAGE_FIELD,
    DocxFile,
    Font,
    Paragraph,
    Run,
    Section,
)
from summarygen.ooxml.read import read_docx

__all__ = ["PAGE_FIELD", "DocxFile", "DocxReadError", "Font", "LimitExceeded", "Paragraph", "Run",
           "Section", "read_docx"]
