"""Reading a DOCX made by any program, with each paragraph's and run's *effective* formatting.

The format checker (:mod:`summarygen.verify`) has to judge files made by Word, WPS or python-docx,
so it cannot trust any one writer's habits: it resolves formatting the way Word does —
document defaults, then the paragraph style and the styles it is based on, then the paragraph's
own properties, then the run style chain, then the run's own properties — and resolves theme
fonts (``w:eastAsiaTheme``) against the document's theme. Only ``zipfile`` and ``lxml`` are used:
python-docx stays inside the writer.

Simplifications, all on the side of reporting what a reader sees: a toggle property such as bold
takes the last value set along the chain (Word XORs toggles between styles, which only matters for
styles that switch bold off and on again); tables are read as paragraphs marked ``in_table``.
"""

from __future__ import annotations

from pathlib import Path

from summarygen.ooxml.body import read_body
from summarygen.ooxml.numbering import Numbering
from summarygen.ooxml.package import (
    DocxFile,
    Element,
    Package,
    Resolver,
    Styles,
    Theme,
    attr_value,
    is_on,
    local_name,
    w,
)


def read_docx(path: Path) -> DocxFile:
    """Read ``path`` with every paragraph's effective formatting; raise
    :class:`DocxReadError` with a message for the user if it is not a DOCX."""
    package = Package(path)
    settings = package.part("/settings")
    lang = settings.find(w("themeFontLang")) if settings is not None else None
    theme = Theme(package.part("/theme"), attr_value(lang, "eastAsia") or "")
    resolver = Resolver(Styles(package.part("/styles")), theme)
    numbering = Numbering(package.part("/numbering"))
    even_odd = settings is not None and any(
        is_on(e) for e in settings.iter(w("evenAndOddHeaders")))
    paragraphs, sections = read_body(package, resolver, numbering)
    core_root = package.xml(package.target("", "/core-properties"))
    return DocxFile(paragraphs, sections, even_odd, _core(core_root), core_root is not None)


def _core(root: Element | None) -> dict[str, str]:
    """Core properties by local name (creator, title, language, created …)."""
    if root is None:
        return {}
    return {local_name(str(child.tag)): (child.text or "").strip() for child in root}

