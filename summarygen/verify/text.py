"""Rules about the text: fonts, sizes, colour, indents, line spacing, heading numbers, dates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from summarygen.document.numbering import Numbering
from summarygen.document.tree import heading_number
from summarygen.errors import Severity
from summarygen.i18n import _
from summarygen.ooxml.package import DEFAULTS, DIRECT, DocxFile, Font, Run
from summarygen.verify.classify import Item, classify
from summarygen.verify.layout import check_layout, check_signature
from summarygen.verify.model import EXCERPT_CHARS, Expectation, Finding

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_LATIN = re.compile(r"[A-Za-z0-9]")


def finding(item: Item, rule: str, message: str,
            severity: Severity = Severity.ERROR) -> Finding:
    """A finding about one paragraph."""
    return Finding(rule, message, severity, item.para.index, item.excerpt)


def check_text(docx: DocxFile, expect: Expectation) -> list[Finding]:
    """Every rule about the body's paragraphs; a setting of a style that is wrong in several
    paragraphs is reported once, at the style."""
    items = classify(docx.paragraphs, expect.title_size, expect.profile.numbering)
    found: list[Finding] = []
    by_style: dict[tuple[str, str, str], list[Finding]] = {}
    for item in items:
        own = check_layout(item, expect)
        if item.kind in ("title", "heading", "body", "signature"):
            own = check_runs(item, expect) + own
        for result in own:
            origin = _origin(item, result.rule)
            if origin is None:
                found.append(result)
            else:
                by_style.setdefault((result.rule, origin, result.message), []).append(result)
    for (_rule, origin, _message), group in by_style.items():
        found += group if len(group) == 1 else [at_style(origin, group)]
    found += check_language(items)
    found += check_numbers(items, expect)
    found += check_dates(items)
    found += check_signature(items, expect)
    return sorted(found, key=lambda f: f.paragraph or 0)


_PARAGRAPH_PROPERTY = {"line.spacing": "spacing", "para.spacing": "spacing", "para.indent": "ind",
                       "para.indent_units": "ind", "para.align": "jc", "title.align": "jc"}
_RUN_PROPERTY = {"font.size": "sz", "font.name": "rFonts", "font.theme": "rFonts",
                 "font.missing": "rFonts", "font.latin": "rFonts", "text.color": "color",
                 "font.bold": "b"}


def _origin(item: Item, rule: str) -> str | None:
    """The style (or :data:`DEFAULTS`) the setting a finding is about comes from; ``None``
    when the paragraph or its runs set it themselves."""
    if rule in _PARAGRAPH_PROPERTY:
        origin = item.para.format.origin.get(_PARAGRAPH_PROPERTY[rule], DEFAULTS)
    elif rule in _RUN_PROPERTY:
        origins = {run.format.origin.get(_RUN_PROPERTY[rule], DEFAULTS)
                   for run in item.para.runs if run.text.strip()}
        origin = origins.pop() if len(origins) == 1 else DIRECT
    else:
        return None
    return None if origin == DIRECT else origin


def at_style(origin: str, group: list[Finding]) -> Finding:
    """One finding for the paragraphs of ``group``, all wrong through one style (or the
    document defaults)."""
    first = group[0]
    start = first.excerpt[:EXCERPT_CHARS] + ("…" if len(first.excerpt) > EXCERPT_CHARS else "")
    where = _("the document defaults") if origin == DEFAULTS else _("style “{style}”").format(
        style=origin)
    place = _("{where}, {count} paragraphs (the first: paragraph {number} “{start}”)").format(
        where=where, count=len(group), number=first.paragraph, start=start)
    return Finding(first.rule, first.message, first.severity, place=place)


def check_language(items: list[Item]) -> list[Finding]:
    """The text's language: Chinese text tagged Chinese, Latin text and digits not (tagged
    ``zh-CN``, LibreOffice breaks numbers across lines), reported once for the document."""
    latin: Counter[str] = Counter()
    chinese: Counter[str] = Counter()
    for item in items:
        if item.kind in ("title", "heading", "body", "signature"):
            for run in item.para.runs:
                tags = run.format.lang
                if _LATIN.search(run.text) and tags.get("val", "").lower().startswith("zh"):
                    latin[tags["val"]] += 1
                if _CJK.search(run.text) and not tags.get("eastAsia", "").lower().startswith("zh"):
                    chinese[tags.get("eastAsia", "")] += 1
    place = _("document")
    found = [Finding("text.lang", _(
        "Latin letters and digits are tagged Chinese (w:lang w:val=\"{lang}\", {count} run(s)); "
        "LibreOffice then breaks numbers across lines (60|7人): tag them en-US").format(
        lang=lang, count=count), Severity.WARNING, place=place) for lang, count in latin.items()]
    for lang, count in chinese.items():
        message = _("the Chinese text is tagged {lang} (w:lang w:eastAsia, {count} run(s)); set "
                    "zh-CN, for line breaking and proofing as Chinese") if lang else _(
            "the language of the Chinese text (w:lang w:eastAsia) is not set, in {count} "
            "run(s); set zh-CN, for line breaking and proofing as Chinese")
        found.append(Finding("text.lang", message.format(lang=lang, count=count),
                             Severity.WARNING, place=place))
    return found


def expected_font(item: Item, offset: int, expect: Expectation) -> str:
    """The East Asian font a run starting at ``offset`` of the paragraph should have."""
    fonts = expect.profile.fonts
    if item.kind == "title":
        return fonts.title
    if item.kind == "heading" and offset < item.head_end:
        return fonts.heading(item.level)
    return fonts.body


def role_name(item: Item, offset: int) -> str:
    if item.kind == "title":
        return _("title")
    if item.kind == "heading" and offset < item.head_end:
        return _("level {level} heading").format(level=item.level)
    return _("body text")


def check_runs(item: Item, expect: Expectation) -> list[Finding]:
    """Font, size, colour and bold of each run; at most one finding per rule and paragraph."""
    found: dict[str, Finding] = {}
    offset = len(item.para.label)
    for run in item.para.runs:
        if run.text.strip():
            for result in _run_findings(item, run, offset, expect):
                found.setdefault(result.rule, result)
        offset += len(run.text)
    return list(found.values())


def _run_findings(item: Item, run: Run, offset: int, expect: Expectation) -> Iterable[Finding]:
    role = role_name(item, offset)
    if _CJK.search(run.text):
        yield from _east_asian_font(item, run, expected_font(item, offset, expect), role, expect)
    latin = run.format.fonts.get("ascii")
    if _LATIN.search(run.text) and latin is not None and latin.theme:
        yield finding(item, "font.latin", _(
            "Latin letters and digits fall back to the theme font “{font}” ({theme}); set a "
            "font such as {expected}").format(font=latin.name, theme=latin.theme,
                                             expected=expect.profile.fonts.latin),
            Severity.WARNING)
    elif _LATIN.search(run.text) and latin is not None and not _latin_ok(
            latin.name, expected_font(item, offset, expect), expect):
        yield finding(item, "font.latin", _(
            "{role}: Latin letters and digits should be in {expected} (or the Chinese font), "
            "found {found}").format(role=role, expected=expect.profile.fonts.latin,
                                    found=latin.name), Severity.WARNING)
    size = expect.title_size if item.kind == "title" else expect.body_size
    if run.format.size != size:
        yield finding(item, "font.size", _("{role}: size should be {expected}, found {found}")
                      .format(role=role, expected=points(size), found=points(run.format.size)))
    if run.format.color is not None:
        yield finding(item, "text.color", _("text should be black (automatic), found colour "
                                            "{color}").format(color=run.format.color))
    if run.format.bold:
        yield finding(item, "font.bold", _("{role} is bold; the standard sets no bold")
                      .format(role=role), Severity.WARNING)


def _east_asian_font(item: Item, run: Run, expected: str, role: str,
                     expect: Expectation) -> Iterable[Finding]:
    font = run.format.fonts.get("eastAsia")
    if font is None or not font.name:
        yield finding(item, "font.missing", _(
            "{role}: no Chinese font is set (the program's default is used); expected "
            "{expected}").format(role=role, expected=expected))
    elif font.theme:
        yield finding(item, "font.theme", theme_message(role, font, expected))
    elif not expect.font_ok(font.name, expected):
        yield finding(item, "font.name", _("{role}: font should be {expected}, found {found}")
                      .format(role=role, expected=expected, found=font.name))


def _latin_ok(found: str, east_asian: str, expect: Expectation) -> bool:
    """Digits and letters in the profile's Latin font (Times New Roman) or in the Chinese font
    of their role (as offices often set them, and the title's 小标宋 digits)."""
    return expect.font_ok(found, expect.profile.fonts.latin) or expect.font_ok(found,
                                                                               east_asian)


def theme_message(role: str, font: Font, expected: str) -> str:
    return _("{role}: Chinese text falls back to the theme font “{font}” ({theme}) instead of "
             "{expected}; set w:eastAsia and remove w:eastAsiaTheme").format(
        role=role, font=font.name or "?", theme=font.theme, expected=expected)


def points(half_points: int | None) -> str:
    """``32`` → ``16 pt (三号)``."""
    if half_points is None:
        return _("not set (10 pt)")
    value = half_points / 2
    text = f"{value:g} pt"
    name = _SIZE_NAMES.get(half_points)
    return f"{text}（{name}）" if name else text


_SIZE_NAMES = {84: "初号", 72: "小初", 52: "一号", 48: "小一", 44: "二号", 36: "小二",
               32: "三号", 30: "小三", 28: "四号", 24: "小四", 21: "五号", 18: "小五"}


def check_numbers(items: list[Item], expect: Expectation) -> list[Finding]:
    """Heading numbers: the form of each level (the profile's numbering), and the sequence
    (一、二、… restarting under each parent, no gap, no repeat, no level skipped on the way down;
    the first heading may be of any level, as an outline may start at （一））."""
    found: list[Finding] = []
    numbering = expect.profile.numbering
    counters = [0, 0, 0, 0]
    depth = 0
    for item in items:
        if item.kind != "heading":
            continue
        level = item.level
        if not item.number:
            found.append(finding(item, "heading.number", _(
                "a level {level} heading has no number; expected {expected}").format(
                level=level, expected=heading_number(level, counters[level - 1] + 1,
                                                     numbering))))
        else:
            found += _number_form(item, numbering)
            found += _sequence(item, counters, numbering)
        if depth and level > depth + 1:
            found.append(finding(item, "heading.level", _(
                "a level {level} heading follows level {previous}; a level is skipped").format(
                level=level, previous=depth), Severity.WARNING))
        counters[level - 1] = item.value or counters[level - 1] + 1
        counters[level:] = [0] * (4 - level)
        depth = level
    return found


def _sequence(item: Item, counters: list[int], numbering: Numbering) -> list[Finding]:
    want = counters[item.level - 1] + 1
    if item.value == want:
        return []
    return [finding(item, "heading.sequence", _(
        "heading number out of sequence: expected {expected}, found {found}").format(
        expected=heading_number(item.level, want, numbering),
        found=heading_number(item.level, item.value, numbering)))]


def _number_form(item: Item, numbering: Numbering) -> list[Finding]:
    expected = heading_number(item.level, item.value, numbering)
    written = item.number
    found: list[Finding] = []
    if written != expected:
        found.append(finding(item, "heading.punct", _(
            "the number should be written “{expected}”, found “{found}”").format(
            expected=expected, found=written)))
    if item.spaced:
        found.append(finding(item, "heading.space", _(
            "nothing may follow the number “{number}” before the heading's words; found a "
            "space").format(number=expected)))
    return found


_PADDED = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
_SHORT_YEAR = re.compile(r"(?<![\d〇○零一二三四五六七八九])(\d{2})年(\d{1,2})月")
_CHINESE_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}年[〇○零一二三四五六七八九十]{1,2}月"
                           r"(?:[〇○零一二三四五六七八九十]{1,3}日)?")


def check_dates(items: list[Item]) -> list[Finding]:
    """Dates in Arabic numerals with the full year and no zero padding (7.3.5.4)."""
    found: list[Finding] = []
    for item in items:
        for message in date_problems(item.text):
            found.append(finding(item, "date.format", message))
    return found


def date_problems(text: str) -> list[str]:
    """What is wrong with each date in ``text`` (an empty list if nothing)."""
    problems = []
    for match in _PADDED.finditer(text):
        year, month, day = match.group(1), match.group(2), match.group(3)
        if month.startswith("0") or (day or "").startswith("0"):
            right = f"{year}年{int(month)}月" + (f"{int(day)}日" if day else "")
            problems.append(_("dates are written without leading zeros: “{right}”, not "
                              "“{wrong}”").format(right=right, wrong=match.group(0)))
    for match in _SHORT_YEAR.finditer(text):
        problems.append(_("the year must be written in full (four digits): “{wrong}”").format(
            wrong=match.group(0)))
    for match in _CHINESE_YEAR.finditer(text):
        problems.append(_("dates are written in Arabic numerals (2024年7月1日), not "
                          "“{wrong}”").format(wrong=match.group(0)))
    return problems
