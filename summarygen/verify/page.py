"""Rules about the page: paper, margins, line grid, page-number footers and core properties."""

from __future__ import annotations

import re

from summarygen.document.geometry import MARGINS, PAGE_HEIGHT, PAGE_WIDTH
from summarygen.errors import Severity
from summarygen.i18n import _
from summarygen.ooxml.limits import to_int
from summarygen.ooxml.package import PAGE_FIELD, DocxFile, Paragraph, Run, Section
from summarygen.verify.layout import line_pitch
from summarygen.verify.model import Expectation, Finding

TWIPS_PER_MM = 1440 / 25.4
TOLERANCE_TWIPS = 57
"""±1 mm: other programs store sizes rounded from centimetres or inches."""
A4 = (PAGE_WIDTH, PAGE_HEIGHT)
_PAGE_TEXT = re.compile(r"^—[ \u00a0]?\{PAGE\}[ \u00a0]?—$")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def mm(twips: float) -> str:
    return f"{twips / TWIPS_PER_MM:.1f}".removesuffix(".0")


def _number(value: str | None) -> int | None:
    return to_int(value)


def check_page(docx: DocxFile, expect: Expectation) -> list[Finding]:
    """Every rule about the page setup, footers and properties."""
    found: list[Finding] = []
    for section in docx.sections:
        place = section_place(docx, section)
        found += _paper(section, place) + _margins(section, place)
        found += _grid(section, place, expect)
        found += check_footers(docx, section, expect)
    if not docx.sections:
        found.append(Finding("page.size", _("the document has no page setup (no w:sectPr); "
                                            "Word then uses its own default paper"),
                             place=_("document")))
    return found + check_core(docx, expect)


def section_place(docx: DocxFile, section: Section) -> str:
    if len(docx.sections) == 1:
        return _("page setup")
    return _("page setup of section {number}").format(number=section.number)


def _paper(section: Section, place: str) -> list[Finding]:
    width, height = _number(section.page.get("w")), _number(section.page.get("h"))
    if width is not None and height is not None and \
            abs(width - A4[0]) <= TOLERANCE_TWIPS and abs(height - A4[1]) <= TOLERANCE_TWIPS:
        return []
    found = _("not set") if width is None or height is None else \
        _("{w}×{h} mm").format(w=mm(width), h=mm(height))
    if (width, height) == (12240, 15840):
        found += _(" (US Letter)")
    return [Finding("page.size", _("paper should be A4 portrait (210×297 mm), found {found}")
                    .format(found=found), place=place)]


def _margins(section: Section, place: str) -> list[Finding]:
    names = {"top": _("top"), "left": _("left"), "bottom": _("bottom"), "right": _("right")}
    wrong = []
    for side, want in MARGINS.items():
        got = _number(section.margins.get(side))
        if got is None or abs(abs(got) - want) > TOLERANCE_TWIPS:
            shown = _("not set") if got is None else _("{mm} mm").format(mm=mm(abs(got)))
            wrong.append(_("{side} {want} mm (found {found})").format(
                side=names[side], want=mm(want), found=shown))
    gutter = _number(section.margins.get("gutter")) or 0
    if abs(gutter) > TOLERANCE_TWIPS:
        wrong.append(_("gutter 0 (found {found} mm)").format(found=mm(gutter)))
    if not wrong:
        return []
    return [Finding("page.margins", _("margins should be {expected}").format(
        expected=_("; ").join(wrong)), place=place)]


def _grid(section: Section, place: str, expect: Expectation) -> list[Finding]:
    kind = section.grid.get("type", "default")
    pitch = _number(section.grid.get("linePitch"))
    want = line_pitch(expect)
    if kind in ("lines", "linesAndChars", "snapToChars") and pitch != want:
        return [Finding("page.grid", _(
            "the document grid should have a line pitch of {want} twips ({lines} lines a page), "
            "found {found}").format(want=want, lines=expect.profile.lines_per_page,
                                    found=pitch if pitch is not None else _("not set")),
            place=place)]
    if kind in ("linesAndChars", "snapToChars"):
        return [Finding("page.grid", _(
            "a grid of lines and characters (w:docGrid type={kind}) gives 14 characters a line "
            "in LibreOffice; use a grid of lines only"). format(kind=kind),
            Severity.WARNING, place=place)]
    if kind == "default":
        return [Finding("page.grid", _(
            "the document has no line grid (expected w:docGrid type=lines linePitch={want})")
            .format(want=want), Severity.WARNING, place=place)]
    return []


def _footer_place(docx: DocxFile, section: Section, kind: str) -> str:
    names = {"default": _("odd-page footer"), "even": _("even-page footer"),
             "first": _("first-page footer")}
    if kind == "default" and not docx.even_and_odd:
        names["default"] = _("footer")
    if len(docx.sections) == 1:
        return names[kind]
    return _("section {number} {footer}").format(number=section.number, footer=names[kind])


def check_footers(docx: DocxFile, section: Section, expect: Expectation) -> list[Finding]:
    """Odd pages right, even pages left, ``— N —`` in 宋体 14 pt (7.5)."""
    found = []
    if section.number == 1 and not docx.even_and_odd:
        found.append(Finding("footer.even_odd", _(
            "odd and even pages need different footers (page numbers right on odd pages, left "
            "on even): w:evenAndOddHeaders is not set"), place=_("document settings")))
    kinds = ["default"] + (["even"] if docx.even_and_odd else [])
    for kind in kinds:
        place = _footer_place(docx, section, kind)
        paras = section.footers.get(kind)
        if not paras:
            found.append(Finding(f"footer.{'even' if kind == 'even' else 'missing'}", _(
                "there is no footer with the page number"), place=place))
            continue
        found += check_page_number(paras, kind, place, expect)
    if section.title_page and not any(PAGE_FIELD in p.text
                                      for p in section.footers.get("first", [])):
        found.append(Finding("footer.first", _(
            "the first page has its own footer without a page number; every page is numbered"),
            place=_footer_place(docx, section, "first")))
    return found


def check_page_number(paras: list[Paragraph], kind: str, place: str,
                      expect: Expectation) -> list[Finding]:
    para = next((p for p in paras if PAGE_FIELD in p.text), None)
    if para is None:
        return [Finding("footer.page", _("the footer has no page number field (PAGE)"),
                        place=place)]
    found = []
    text = para.text.strip()
    if not _PAGE_TEXT.match(text):
        found.append(Finding("footer.dash", _(
            "page numbers should read “— 1 —” (em dashes U+2014 and spaces), found “{found}”")
            .format(found=text.replace(PAGE_FIELD, "1")), place=place))
    found += _footer_position(para, kind, place)
    for run in para.runs:
        found += _footer_run(run, place, expect)
    unique = {f.rule: f for f in reversed(found)}
    return [f for f in found if unique[f.rule] is f]


def _footer_position(para: Paragraph, kind: str, place: str) -> list[Finding]:
    even = kind == "even"
    side = "left" if even else "right"
    jc = para.format.jc
    want_jc = ("left", "start", None) if even else ("right", "end")
    if jc not in want_jc:
        return [Finding("footer.align", _(
            "page numbers should be at the {side} on {pages} pages").format(
            side=_("left") if even else _("right"),
            pages=_("even") if even else _("odd")), place=place)]
    ind = para.format.ind
    chars = ind.get(f"{side}Chars", 0) / 100 or ind.get(side, 0) / 280
    if ind.get(f"{side}Chars") and not ind.get(side):
        return [Finding("footer.indent", _(
            "the page number's indent is set only in characters (w:{side}Chars); LibreOffice "
            "ignores that and puts the number at the edge; also set w:{side}=\"280\"").format(
            side=side), Severity.WARNING, place=place)]
    if abs(chars - 1) > 0.15:
        return [Finding("footer.indent", _(
            "page numbers should be 1 character in from the {side} edge of the text block, "
            "found {found}").format(side=_("left") if even else _("right"), found=f"{chars:g}"),
            Severity.WARNING, place=place)]
    return []


def _slots(run: Run) -> set[str]:
    """The font slots Word uses for the run's characters."""
    slots = set()
    for char in run.text.replace(PAGE_FIELD, "1"):
        if char.isspace():
            continue
        if _CJK.match(char):
            slots.add("eastAsia")
        elif char.isascii():
            slots.add("ascii")
        else:
            slots.add("eastAsia" if run.format.hint == "eastAsia" else "hAnsi")
    return slots


def _footer_run(run: Run, place: str, expect: Expectation) -> list[Finding]:
    if not run.text.strip():
        return []
    found = []
    want = expect.profile.fonts.page_number
    for slot in sorted(_slots(run)):
        font = run.format.fonts.get(slot)
        name = font.name if font is not None else ""
        if font is None or font.theme or not expect.font_ok(name, want):
            shown = name or _("not set")
            if font is not None and font.theme:
                shown = _("theme font {font}").format(font=name or "?")
            found.append(Finding("footer.font", _(
                "page numbers should be in {expected}, found {found}").format(
                expected=want, found=shown), place=place))
    if run.format.size != expect.page_number_size:
        from summarygen.verify.text import points

        found.append(Finding("footer.size", _("page numbers should be {expected}, found {found}")
                             .format(expected=points(expect.page_number_size),
                                     found=points(run.format.size)), place=place))
    if run.format.color is not None:
        found.append(Finding("text.color", _("text should be black (automatic), found colour "
                                             "{color}").format(color=run.format.color),
                             place=place))
    return found


_PROGRAM_NAMES = frozenset({
    "python-docx", "docx4j", "apache poi", "poi", "openpyxl", "phpword", "docxtemplater",
    "aspose", "aspose.words", "pandoc", "libreoffice", "openoffice", "wps", "wps office",
    "microsoft office user", "microsoft office 用户", "windows user", "windows 用户",
    "administrator", "admin", "user", "owner", "author", "unknown", "作者", "用户", "微软用户"})
"""Authors that name a program or a computer's default account, not an organisation."""
_PROGRAM_LIKE = re.compile(r"^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$")
"""Lower-case dotted or dashed names (``python-docx``, ``docx.js``): a program's."""


def check_core(docx: DocxFile, expect: Expectation) -> list[Finding]:
    """Title, author, dates and language of the file's properties."""
    place = _("file properties")
    if not docx.has_core:
        return [Finding("core.missing", _("the file has no core properties (title, author)"),
                        Severity.WARNING, place=place)]
    core = docx.core
    found = _author(core.get("creator", ""), expect, place)
    if core.get("lastModifiedBy", "").lower() == "python-docx":
        found.append(Finding("core.modified_by", _("“last modified by” is “python-docx”"),
                             Severity.WARNING, place=place))
    if not core.get("title"):
        found.append(Finding("core.title", _("the title property is empty"),
                             Severity.WARNING, place=place))
    if core.get("created", "").startswith("2013-12-23"):
        found.append(Finding("core.created", _(
            "the creation date is python-docx's template's (2013-12-23), not the document's"),
            Severity.WARNING, place=place))
    language = core.get("language", "")
    if not language:
        found.append(Finding("core.language", _("the language property is empty; it should be "
                                                "zh-CN"), Severity.WARNING, place=place))
    elif language.lower() not in ("zh-cn", "zh-hans-cn", "zh_cn"):
        found.append(Finding("core.language", _("the language should be zh-CN, found {found}")
                             .format(found=language), Severity.WARNING, place=place))
    return found


def _author(creator: str, expect: Expectation, place: str) -> list[Finding]:
    """The author should be the organisation: the workspace's, when ``verify`` knows it;
    otherwise at least not a program's name or a computer's default account."""
    name = creator.strip()
    if name.lower() == "python-docx":
        return [Finding("core.creator", _(
            "the author is “python-docx”; it should be the organisation"), place=place)]
    if not name:
        return [Finding("core.creator", _("the author (the organisation) is empty"),
                        Severity.WARNING, place=place)]
    if expect.organisation is not None and name != expect.organisation:
        return [Finding("core.creator", _("the author is “{found}”; it should be the "
                                          "organisation, “{expected}”").format(
            found=name, expected=expect.organisation), Severity.WARNING, place=place)]
    if name.lower() in _PROGRAM_NAMES or _PROGRAM_LIKE.match(name):
        return [Finding("core.creator", _(
            "the author “{found}” looks like a program's name or a computer's account, not the "
            "organisation").format(found=name), Severity.WARNING, place=place)]
    return []
