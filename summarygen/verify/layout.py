"""Rules about paragraph layout: alignment, indents, line spacing, the signature block."""

from __future__ import annotations

from summarygen.document import geometry
from summarygen.errors import Severity
from summarygen.i18n import _, listing
from summarygen.ooxml.limits import to_int
from summarygen.verify.classify import Item, is_date_line
from summarygen.verify.model import Expectation, Finding

_LEFT_JC = (None, "left", "start")
_TOLERANCE_CHARS = 0.1
_AFTER_DATE = ("（", "(", "附件")
"""What may follow the 成文日期: 附注 in brackets (7.3.6), 附件 (7.3.4 and 8)."""


def line_pitch(expect: Expectation) -> int:
    """579 twips: the text block's height over 22 lines, rounded down so that 22 fit."""
    return geometry.line_pitch(expect.profile.lines_per_page)


def _finding(item: Item, rule: str, message: str,
             severity: Severity = Severity.ERROR) -> Finding:
    text = item.excerpt if item.kind != "empty" else _("(empty paragraph)")
    return Finding(rule, message, severity, item.para.index, text)


def check_layout(item: Item, expect: Expectation) -> list[Finding]:
    """Alignment, indents and spacing of one paragraph (tables are not checked)."""
    if item.kind == "table":
        return []
    found = _spacing(item, expect)
    if item.kind == "title":
        found += _title(item)
    elif item.kind in ("heading", "body"):
        found += _indent(item, expect) + _alignment(item)
    elif item.kind == "signature" and item.para.format.jc not in ("right", "end") \
            and not is_date_line(item.text):
        found.append(_finding(item, "signature.align", _(
            "the signature (organisation and date) should be right-aligned, found {found}")
            .format(found=alignment_name(item.para.format.jc))))
    return found


def describe_spacing(spacing: dict[str, str]) -> str:
    """``exactly 29 pt``, ``1.15 lines``: how a paragraph's line spacing reads in Word."""
    line, rule = to_int(spacing.get("line")), spacing.get("lineRule", "auto")
    if line is None:
        return _("single (not set)")
    if rule == "exact":
        return _("exactly {pt} pt ({twips})").format(pt=f"{line / 20:g}", twips=line)
    if rule == "atLeast":
        return _("at least {pt} pt ({twips})").format(pt=f"{line / 20:g}", twips=line)
    return _("multiple {lines} (not fixed)").format(lines=f"{line / 240:g}")


def _spacing_part(key: str, value: str) -> str:
    """One of a paragraph's spaces as Word names it: 段前 12 磅, 段后 0.5 行."""
    number = to_int(value) or 0
    if key.endswith("Lines"):
        amount = _("{lines} lines").format(lines=f"{number / 100:g}")
    else:
        amount = _("{pt} pt").format(pt=f"{number / 20:g}")
    label = _("space before") if key.startswith("before") else _("space after")
    return f"{label} {amount}"


def _spacing(item: Item, expect: Expectation) -> list[Finding]:
    spacing = item.para.format.spacing
    pitch = line_pitch(expect)
    found = []
    if spacing.get("lineRule") != "exact" or spacing.get("line") != str(pitch):
        found.append(_finding(item, "line.spacing", _(
            "line spacing should be exactly {pt} pt ({twips}) for {lines} lines a page, found "
            "{found}").format(pt=f"{pitch / 20:g}", twips=pitch,
                              lines=expect.profile.lines_per_page,
                              found=describe_spacing(spacing))))
    extra = {k: v for k, v in spacing.items()
             if k in ("before", "after", "beforeLines", "afterLines") and v not in ("0", "")}
    if extra:
        shown = listing(_spacing_part(k, v) for k, v in sorted(extra.items()))
        found.append(_finding(item, "para.spacing", _(
            "space before and after paragraphs should be 0 (it breaks the line grid), found "
            "{found}").format(found=shown)))
    return found


def alignment_name(jc: str | None) -> str:
    names = {"center": _("centred"), "right": _("right-aligned"), "end": _("right-aligned"),
             "both": _("justified"), "distribute": _("distributed")}
    return names.get(jc or "left", _("left-aligned"))


def _title(item: Item) -> list[Finding]:
    para = item.para
    found = []
    if para.format.jc != "center":
        found.append(_finding(item, "title.align", _("the title should be centred, found {found}")
                              .format(found=alignment_name(para.format.jc))))
    first, left = indents(item, 44)
    if abs(first) > _TOLERANCE_CHARS or abs(left) > _TOLERANCE_CHARS:
        found.append(_finding(item, "para.indent", _(
            "the title should have no indent (it shifts the centre), found {first} characters "
            "first line, {left} left").format(first=f"{first:g}", left=f"{left:g}")))
    if para.format.style.lower() == "title":
        found.append(_finding(item, "title.style", _(
            "the title uses Word's built-in “Title” style (blue border and colour); use a "
            "custom style"), Severity.WARNING))
    return found


def indents(item: Item, size: int) -> tuple[float, float]:
    """First-line and left indent in characters of ``size`` half-points (hanging is negative);
    a ``*Chars`` value wins over twips, as in Word."""
    ind = item.para.format.ind
    char = size * 10
    if ind.get("hangingChars") or ind.get("hanging"):
        first = -(ind.get("hangingChars", 0) / 100 or ind.get("hanging", 0) / char)
    else:
        first = ind.get("firstLineChars", 0) / 100 or ind.get("firstLine", 0) / char
    left = (ind.get("leftChars", 0) or ind.get("startChars", 0)) / 100 or (
        ind.get("left", 0) or ind.get("start", 0)) / char
    return round(first, 2), round(left, 2)


def chars_only(ind: dict[str, int], key: str) -> bool:
    """An indent given only in characters (``firstLineChars`` without ``firstLine``), which
    LibreOffice ignores (measured with 7.4: the line is not indented at all)."""
    return bool(ind.get(f"{key}Chars")) and not ind.get(key)


def units_finding(item: Item, key: str, twips: int) -> Finding:
    return _finding(item, "para.indent_units", _(
        "the indent is set only in characters (w:{key}Chars); LibreOffice ignores that and "
        "indents nothing; also set w:{key}=\"{twips}\"").format(key=key, twips=twips),
        Severity.WARNING)


def _indent(item: Item, expect: Expectation) -> list[Finding]:
    first, left = indents(item, expect.body_size)
    found = []
    if chars_only(item.para.format.ind, "firstLine"):
        found.append(units_finding(item, "firstLine", round(first * expect.body_size * 10)))
    if abs(first - 2) > _TOLERANCE_CHARS or abs(left) > _TOLERANCE_CHARS:
        found.append(_finding(item, "para.indent", _(
            "the first line should be indented 2 characters and the others not at all, found "
            "{first} characters first line, {left} left").format(first=f"{first:g}",
                                                                 left=f"{left:g}")))
    if item.lead:
        found.append(_finding(item, "para.spaces", _(
            "the paragraph begins with {count} typed space(s); indent with the first-line "
            "indent instead").format(count=item.lead), Severity.WARNING))
    return found


def _alignment(item: Item) -> list[Finding]:
    jc = item.para.format.jc
    if jc in ("both", "distribute") or (item.kind == "heading" and jc in _LEFT_JC):
        return []
    if jc in _LEFT_JC:
        return [_finding(item, "para.align", _(
            "body text should be justified so that lines fill the text block, found "
            "left-aligned"), Severity.WARNING)]
    return [_finding(item, "para.align", _("{kind} should be justified, found {found}").format(
        kind=_("a heading") if item.kind == "heading" else _("body text"),
        found=alignment_name(jc)))]


def text_width(text: str) -> float:
    """Width in characters of a paragraph's text, without its leading and trailing spaces."""
    return geometry.text_width(text.strip())


def right_indent(item: Item, size: int) -> float:
    ind = item.para.format.ind
    chars = ind.get("rightChars", 0) or ind.get("endChars", 0)
    return chars / 100 if chars else (ind.get("right", 0) or ind.get("end", 0)) / (size * 10)


def start_from_right(item: Item, size: int, width: float) -> float:
    """Where a signature line's first character stands, in characters from the text block's
    right edge: a right-aligned line by its right indent and width, another by its indents (a
    date is best placed so, as its width differs between programs)."""
    if item.para.format.jc in ("right", "end"):
        return right_indent(item, size) + width
    first, left = indents(item, size)
    return geometry.TEXT_WIDTH / (size * 10) - left - first


def check_signature(items: list[Item], expect: Expectation) -> list[Finding]:
    """Organisation 2 characters from the right, the date starting 2 characters to the right of
    the organisation's first character, a blank line before them (7.3.5.2). The date may be
    right-aligned or placed from the left by its indent. In a workspace, the 落款 its
    ``signature:`` setting asks for."""
    org, date = signature_lines(items)
    found = _signature_setting(items, org, date, expect)
    if date is not None:
        found += [_finding(item, "signature.after", _(
            "text after the date of the signature; GB/T 9704 puts only a note in brackets (附注) "
            "and the attachments (附件) there"), Severity.WARNING)
            for item in items[items.index(date) + 1:]
            if item.kind in ("body", "heading") and not item.text.strip().startswith(_AFTER_DATE)]
    if org is None:
        return found
    before = items[items.index(org) - 1] if items.index(org) > 0 else None
    if before is not None and before.kind != "empty":
        found.append(_finding(org, "signature.blank", _(
            "leave one blank line between the text and the signature"), Severity.WARNING))
    w_org, w_date = text_width(org.text), text_width(date.text) if date is not None else 0.0
    want_org, want_date = 2.0, w_org - w_date
    if w_date > w_org:  # "如成文日期长于发文机关署名，应当使成文日期右空二字编排"
        want_date, want_org = 2.0, w_date + 4 - w_org
    size = expect.body_size
    # As right indents: where each line would end, right-aligned, from where it starts.
    got_org = start_from_right(org, size, w_org) - w_org
    got_date = start_from_right(date, size, w_date) - w_date if date is not None else want_date
    for item in (org, date):
        if item is None:
            continue
        side = "right" if item.para.format.jc in ("right", "end") else "left"
        if chars_only(item.para.format.ind, side):
            chars = right_indent(item, size) if side == "right" else indents(item, size)[1]
            found.append(units_finding(item, side, round(chars * size * 10)))
    if date is None and abs(got_org - want_org) > 0.5:
        found.append(_finding(org, "signature.indent", _(
            "the organisation should end {org} characters from the right, found {got_org}")
            .format(org=f"{want_org:g}", got_org=f"{got_org:g}"), Severity.WARNING))
    elif abs(got_org - want_org) > 0.5 or abs(got_date - want_date) > 0.5:
        found.append(_finding(org, "signature.indent", _(
            "the organisation should end {org} characters from the right and the date "
            "{date} (its first character 2 to the right of the organisation's), found {got_org} "
            "and {got_date}").format(org=f"{want_org:g}", date=f"{want_date:g}",
                                     got_org=f"{got_org:g}", got_date=f"{got_date:g}"),
            Severity.WARNING))
    return found


def signature_lines(items: list[Item]) -> tuple[Item | None, Item | None]:
    """The organisation and the date line of the 落款, where there are."""
    block = [i for i in items if i.kind == "signature"]
    date = block[-1] if block and is_date_line(block[-1].text) else None
    org = block[0] if block and block[0] is not date else None
    return org, date


def _signature_setting(items: list[Item], org: Item | None, date: Item | None,
                       expect: Expectation) -> list[Finding]:
    """Whether the 落款 is what the workspace's ``signature:`` asks for (nothing to say outside a
    workspace: the standard allows a report without one)."""
    rule = expect.signature
    if rule is None:
        return []
    last = next((i for i in reversed(items) if i.kind not in ("empty", "table")), None)
    if not rule.shown:
        first = org if org is not None else date
        if first is not None:
            return [_finding(first, "signature.unexpected", _(
                "the workspace sets “signature: false”, but the document ends with a "
                "signature; remove it or change the setting"))]
        return []
    if org is None:
        message = _("the workspace asks for a signature ({name}) at the end; none was found")\
            .format(name=rule.name or _("the organisation"))
        if last is None:
            return [Finding("signature.missing", message, place=_("document"))]
        return [_finding(last, "signature.missing", message)]
    found = []
    if rule.name is not None and org.text.strip() != rule.name:
        found.append(_finding(org, "signature.name", _(
            "the signature should read “{expected}”, found “{found}”").format(
            expected=rule.name, found=org.text.strip())))
    if rule.date and date is None:
        found.append(_finding(org, "signature.date", _(
            "the workspace asks for the date below the signature; none was found")))
    elif date is not None and not rule.date:
        found.append(_finding(date, "signature.date", _(
            "the workspace sets “date: false” under signature, but the document has a date "
            "below the signature")))
    return found
