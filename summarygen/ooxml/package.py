"""The parts of a DOCX package and the model read from them: zip access, theme, styles and
the resolver of effective formatting, paragraphs, runs and sections.

See :mod:`summarygen.ooxml.read` for the reader as a whole.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from lxml import etree

from summarygen.errors import os_reason
from summarygen.i18n import _
from summarygen.ooxml.limits import Budget, DocxReadError, check_directory, parse_xml, to_int

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SCRIPTS = {"zh-CN": "Hans", "zh-SG": "Hans", "zh-TW": "Hant", "zh-HK": "Hant",
                  "ja-JP": "Jpan", "ko-KR": "Hang"}
DIRECT = ""
"""The origin of a property set on the paragraph or run itself."""
DEFAULTS = "docDefaults"
"""The origin of a property set in the document defaults."""
MAX_STYLE_CHAIN = 64
"""Styles followed along ``w:basedOn`` (Word itself stops far sooner); a longer chain is cut."""
PAGE_FIELD = "{PAGE}"
"""Stands for a PAGE field in a paragraph's text."""

Element: TypeAlias = Any
"""An lxml element (lxml ships no type hints)."""


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


_DAMAGED = (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, zlib.error, EOFError,
            NotImplementedError, ValueError, UnicodeError, RuntimeError)
"""What a damaged or unusual zip member raises while it is read and parsed."""


@dataclass(frozen=True)
class Font:
    """The font one slot of a run resolves to; ``theme`` names the theme slot it came from."""

    name: str
    theme: str | None = None


@dataclass(frozen=True)
class RunFormat:
    """A run's effective character formatting."""

    fonts: dict[str, Font]
    """Per slot (ascii, hAnsi, eastAsia, cs); a slot set nowhere is missing."""
    size: int | None
    """Half-points (``w:sz``); ``None`` when set nowhere (Word then uses 10 pt)."""
    bold: bool
    color: str | None
    """``None`` for automatic/unset, else the hex value or ``theme:<name>``."""
    hint: str | None = None
    """``w:hint``: ``eastAsia`` makes ambiguous characters (— “ ”) use the East Asian font."""
    lang: dict[str, str] = field(default_factory=dict)
    """``w:lang``: ``val`` for Latin text, ``eastAsia`` for Chinese (missing when set nowhere)."""
    origin: dict[str, str] = field(default_factory=dict)
    """Where each property (``rFonts``, ``sz``, ``color`` …) is set: :data:`DIRECT`, a style's
    name or :data:`DEFAULTS`."""


@dataclass(frozen=True)
class ParaFormat:
    """A paragraph's effective paragraph formatting."""

    style: str
    """The paragraph style's name (or id)."""
    jc: str | None
    ind: dict[str, int]
    spacing: dict[str, str]
    outline_level: int | None
    numbering: tuple[str, int] | None
    """(numId, ilvl) of automatic numbering, if any."""
    origin: dict[str, str] = field(default_factory=dict)
    """Where each property (``spacing``, ``ind``, ``jc`` …) is set: :data:`DIRECT`, a style's
    name or :data:`DEFAULTS`."""


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting."""

    text: str
    format: RunFormat


@dataclass
class Paragraph:
    """A paragraph with its runs and effective formatting."""

    index: int
    """1-based position among the document's paragraphs (empty ones count)."""
    runs: list[Run]
    format: ParaFormat
    in_table: bool = False
    label: str = ""
    """Text of automatic numbering (``一、``) that Word shows before the runs."""

    @property
    def text(self) -> str:
        return self.label + "".join(r.text for r in self.runs)


@dataclass
class Section:
    """Page setup of one section, with its footers by type (default, even, first)."""

    number: int
    page: dict[str, str]
    margins: dict[str, str]
    grid: dict[str, str]
    footers: dict[str, list[Paragraph]]
    title_page: bool


@dataclass
class DocxFile:
    """Everything the checker looks at in one file."""

    paragraphs: list[Paragraph]
    sections: list[Section]
    even_and_odd: bool
    core: dict[str, str]
    has_core: bool = True


class Package:
    """The zip and its parts, found through relationships (WPS and Word name parts alike, but
    nothing obliges them to)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.budget = Budget(path)
        try:
            with path.open("rb") as handle:
                check_directory(path, handle)
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, struct.error):
            raise DocxReadError(_not_docx(path, _("it is not a ZIP package, as every .docx file "
                                                  "is"))) from None
        except OSError as exc:
            raise DocxReadError(_("cannot read {path}: {reason}").format(
                path=path, reason=os_reason(exc))) from None
        self.names = frozenset(self.zip.namelist())
        self.parsed: dict[str, Element] = {}
        self.document = self.target("", "/officeDocument") or "word/document.xml"
        if self.document not in self.names:
            raise DocxReadError(_not_docx(path, _("it has no Word document part")))

    def xml(self, name: str | None) -> Element | None:
        """The parsed part, or ``None`` if it is missing; each part is parsed once."""
        if name is None or name not in self.names:
            return None
        if name not in self.parsed:
            try:
                self.parsed[name] = parse_xml(self.path, name, self.budget.read(self.zip, name))
            except _DAMAGED:  # zipfile's and lxml's reasons are English and technical
                raise DocxReadError(_("{path}: the part {part} is damaged and cannot be read")
                                    .format(path=self.path, part=name)) from None
        return self.parsed[name]

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, part name) of ``part`` (``""`` for the package)."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        found: dict[str, tuple[str, str]] = {}
        for rel in [] if rels is None else rels.iter(f"{{{REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", ""), name)
        return found

    def target(self, part: str, type_suffix: str) -> str | None:
        for kind, name in self.rels(part).values():
            if kind.endswith(type_suffix):
                return name
        return None

    def part(self, type_suffix: str) -> Element | None:
        """A part the main document refers to by relationship type (styles, theme …)."""
        return self.xml(self.target(self.document, type_suffix))


def _not_docx(path: Path, reason: object) -> str:
    return _("{path} is not a Word document (.docx): {reason}. A .doc or .wps file must first "
             "be saved as .docx in Word or WPS.").format(path=path, reason=reason)


class Theme:
    """The theme's major and minor fonts per script."""

    def __init__(self, root: Element | None, east_asian_lang: str) -> None:
        self.fonts: dict[str, str] = {}
        script = _THEME_SCRIPTS.get(east_asian_lang, "")
        for kind in ("major", "minor"):
            font = None if root is None else root.find(f".//{{{A_NS}}}{kind}Font")
            if font is None:
                continue
            latin = _typeface(font, "latin")
            scripted = {f.get("script"): f.get("typeface", "")
                        for f in font.iter(f"{{{A_NS}}}font")}
            self.fonts[f"{kind}HAnsi"] = latin
            self.fonts[f"{kind}Ascii"] = latin
            self.fonts[f"{kind}EastAsia"] = _typeface(font, "ea") or scripted.get(script, "")
            self.fonts[f"{kind}Bidi"] = _typeface(font, "cs")

    def font(self, slot: str) -> str:
        return self.fonts.get(slot, "")


def _typeface(font: Element, tag: str) -> str:
    child = font.find(f"{{{A_NS}}}{tag}")
    return "" if child is None else child.get("typeface", "")


class Styles:
    """styles.xml: document defaults and the style chains."""

    def __init__(self, root: Element | None) -> None:
        self.by_id: dict[str, Element] = {}
        self.default: dict[str, str] = {}
        self.rpr_default = self.ppr_default = None
        if root is None:
            return
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"), "")
            self.by_id[sid] = style
            if style.get(w("default")) in ("1", "true", "on"):
                self.default.setdefault(style.get(w("type"), ""), sid)
        self.rpr_default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.ppr_default = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")

    def chain(self, style_id: str | None, kind: str) -> list[Element]:
        """The style and those it is based on, base first (cycles are cut)."""
        sid = style_id if style_id in self.by_id else self.default.get(kind)
        found: list[Element] = []
        seen: set[str] = set()
        while sid is not None and sid in self.by_id and sid not in seen and \
                len(found) < MAX_STYLE_CHAIN:
            seen.add(sid)
            style = self.by_id[sid]
            found.append(style)
            based = style.find(w("basedOn"))
            sid = None if based is None else based.get(w("val"))
        return found[::-1]

    def name(self, style_id: str | None) -> str:
        sid = style_id if style_id in self.by_id else self.default.get("paragraph")
        style = self.by_id.get(sid or "")
        name = None if style is None else style.find(w("name"))
        return (name.get(w("val"), "") if name is not None else sid) or ""


def _label(style: Element) -> str:
    """A style's name as Word shows it (its id if it has none)."""
    name = style.find(w("name"))
    return (name.get(w("val"), "") if name is not None else "") or style.get(w("styleId"), "")


def attr_value(el: Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def is_on(el: Element) -> bool:
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


class Resolver:
    """Effective formatting of paragraphs and runs in one document."""

    def __init__(self, styles: Styles, theme: Theme) -> None:
        self.styles = styles
        self.theme = theme

    def ppr_sources(self, ppr: Element | None) -> list[tuple[str, Element]]:
        """The paragraph properties that apply, each with where it is set (see ``origin``)."""
        style_id = attr_value(None if ppr is None else ppr.find(w("pStyle")))
        chain = [(DEFAULTS, self.styles.ppr_default)]
        chain += [(_label(s), s.find(w("pPr"))) for s in self.styles.chain(style_id, "paragraph")]
        chain.append((DIRECT, ppr))
        return [(label, e) for label, e in chain if e is not None]

    def rpr_sources(self, ppr: Element | None, rpr: Element | None) -> list[tuple[str, Element]]:
        """The run properties that apply, each with where it is set (see ``origin``)."""
        style_id = attr_value(None if ppr is None else ppr.find(w("pStyle")))
        chain = [(DEFAULTS, self.styles.rpr_default)]
        chain += [(_label(s), s.find(w("rPr"))) for s in self.styles.chain(style_id, "paragraph")]
        run_style = attr_value(None if rpr is None else rpr.find(w("rStyle")))
        chain += [(_label(s), s.find(w("rPr"))) for s in self.styles.chain(run_style, "character")]
        chain.append((DIRECT, rpr))
        return [(label, e) for label, e in chain if e is not None]

    def run_format(self, sources: list[tuple[str, Element]]) -> RunFormat:
        fonts: dict[str, Font] = {}
        lang: dict[str, str] = {}
        size = bold = color = hint = None
        origin: dict[str, str] = {}
        for label, rpr in sources:
            origin.update((local_name(str(child.tag)), label) for child in rpr)
            lang.update({local_name(k): v for k, v in _attrs(rpr.find(w("lang")))})
            rfonts = rpr.find(w("rFonts"))
            if rfonts is not None:
                fonts.update(self._fonts(rfonts))
                hint = rfonts.get(w("hint")) or hint
            size = attr_value(rpr.find(w("sz"))) or size
            b = rpr.find(w("b"))
            bold = is_on(b) if b is not None else bold
            c = rpr.find(w("color"))
            if c is not None:
                theme_color = c.get(w("themeColor"))
                value = (c.get(w("val")) or "auto").upper()
                color = (f"theme:{theme_color}" if theme_color
                         else None if value in ("AUTO", "000000") else value)
        return RunFormat(fonts, to_int(size), bool(bold), color, hint, lang, origin)

    def _fonts(self, rfonts: Element) -> dict[str, Font]:
        found = {}
        for slot in FONT_SLOTS:
            theme_attr = "cstheme" if slot == "cs" else f"{slot}Theme"
            theme = rfonts.get(w(theme_attr))
            if theme:  # within one element the theme attribute wins over the name
                found[slot] = Font(self.theme.font(theme), theme)
            elif rfonts.get(w(slot)):
                found[slot] = Font(rfonts.get(w(slot), ""))
        return found

    def para_format(self, ppr: Element | None) -> ParaFormat:
        ind: dict[str, int] = {}
        spacing: dict[str, str] = {}
        jc: str | None = None
        outline: str | None = None
        num_id: str | None = None
        ilvl: str | None = None
        origin: dict[str, str] = {}
        for label, el in self.ppr_sources(ppr):
            origin.update((local_name(str(child.tag)), label) for child in el)
            jc = attr_value(el.find(w("jc"))) or jc
            outline = attr_value(el.find(w("outlineLvl"))) or outline
            _merge_ind(ind, {local_name(k): to_int(v) or 0 for k, v in _attrs(el.find(w("ind")))})
            spacing.update({local_name(k): v for k, v in _attrs(el.find(w("spacing")))})
            num = el.find(w("numPr"))
            if num is not None:
                num_id = attr_value(num.find(w("numId"))) or num_id
                ilvl = attr_value(num.find(w("ilvl"))) or ilvl
        style_id = attr_value(None if ppr is None else ppr.find(w("pStyle")))
        numbering = (num_id, to_int(ilvl) or 0) if num_id and num_id != "0" else None
        level = to_int(outline)
        level = level if level is not None and level >= 0 else None
        return ParaFormat(self.styles.name(style_id), jc, ind, spacing, level, numbering,
                          origin)


_FIRST_LINE = (frozenset({"firstLine", "hanging"}), frozenset({"firstLineChars", "hangingChars"}))


def _merge_ind(ind: dict[str, int], own: dict[str, int]) -> None:
    """Apply a level's indent to the inherited one. A first-line indent and a hanging one are
    one setting (in twips, and again in characters): a level that gives either replaces both
    (LibreOffice writes ``hanging="0"`` to cancel a style's ``firstLine``). Characters still
    win over twips, as in Word, which keeps a style's ``firstLineChars`` under a ``firstLine``."""
    for group in _FIRST_LINE:
        if group & own.keys():
            for key in group:
                ind.pop(key, None)
    ind.update(own)


def _attrs(el: Element | None) -> list[tuple[str, str]]:
    return [] if el is None else [(str(k), str(v)) for k, v in el.attrib.items()]


def local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1]


