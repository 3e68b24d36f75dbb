"""What a summary says about itself: the organisation and its level, and the period.

Read from the title (``霍山县民政局2024年上半年工作总结``), else from the 落款 and the date, else
from the opening paragraph (``现将2024年上半年工作总结……``). Nothing is invented: what cannot be
read is ``None``, and ``import`` asks for it (``--org``, ``--period``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summarygen.adopt.outline import Outline
from summarygen.document.tree import Paragraph
from summarygen.workspace.period import Period

_PERIOD_WORDS = {"上半年": 1, "下半年": 2, "全年": None, "年度": None, "": None}
_TITLE = re.compile(r"^(?P<org>.*?)(?P<year>\d{4})年(?:度)?(?P<half>上半年|下半年|全年|年度)?"
                    r"(?P<kind>.*)$")
_IN_TEXT = re.compile(r"(?P<year>\d{4})年(?P<half>上半年|下半年|全年|年度)")
_ORGANISATION = re.compile(r"^(?P<place>.*(?:自治县|县|市|区|旗|州|盟))(?P<department>[^县市区]+)$")
_HALF = re.compile(r"上半年|下半年|全年")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
LEVELS = ("县", "市", "区")


@dataclass(frozen=True)
class Recognised:
    """Organisation, its level and the period, each ``None`` when the document does not say."""

    organisation: str | None
    level: str | None
    period: Period | None
    organisation_from: str = ""
    """Where the organisation was read (``标题``, ``落款``), for the workspace's comments."""
    period_from: str = ""


def recognise(outline: Outline) -> Recognised:
    """Organisation, level and period as the document states them."""
    title = "".join(outline.title).strip()
    match = _TITLE.match(title) if title else None
    organisation, org_from = None, ""
    if match is not None and match["org"].strip():
        organisation, org_from = match["org"].strip(), "title"
    elif outline.signature is not None and outline.signature.organisation.strip():
        organisation, org_from = outline.signature.organisation.strip(), "signature"
    elif title and not match:
        organisation, org_from = _organisation_in(title), "title"
    period, period_from = _period(outline, match)
    return Recognised(organisation, level_of(organisation), period, org_from if organisation
                      else "", period_from)


def _organisation_in(title: str) -> str | None:
    head = re.split(r"关于|工作总结|总结", title)[0].strip()
    return head if _ORGANISATION.match(head) else None


def level_of(organisation: str | None) -> str | None:
    """``霍山县民政局`` → ``县``; ``XX市XX区民政局`` → ``区`` (the lowest named)."""
    if not organisation:
        return None
    match = _ORGANISATION.match(organisation)
    if match is None:
        return None
    place = match["place"]
    found = max(LEVELS, key=lambda word: place.rfind(word))
    return found if found in place else None


def _period(outline: Outline, title: re.Match[str] | None) -> tuple[Period | None, str]:
    if title is not None and title["half"] is not None:
        return Period(int(title["year"]), _PERIOD_WORDS[title["half"]]), "title"
    for block in outline.blocks[:3]:
        text = block.text if isinstance(block, Paragraph) else block.text + (block.body or "")
        found = _IN_TEXT.search(text)
        if found is not None:
            return Period(int(found["year"]), _PERIOD_WORDS[found["half"]]), "opening"
    if title is not None:
        return Period(int(title["year"])), "title"
    from_years = _period_from_years(outline)
    return from_years if from_years[0] is not None else _period_from_date(outline)


def _period_from_date(outline: Outline) -> tuple[Period | None, str]:
    """A half-year summary is dated in July or after, an annual one at the year's end or early
    the next year; a date in between says nothing."""
    day = outline.signature.date if outline.signature is not None else None
    if day is None:
        return None, ""
    if 7 <= day.month <= 9:
        return Period(day.year, 1), "date"
    if day.month == 12:
        return Period(day.year), "date"
    if day.month <= 3:
        return Period(day.year - 1), "date"
    return None, ""


def _period_from_years(outline: Outline) -> tuple[Period | None, str]:
    """The opening names the half (``上半年，……``) but no year: the year the text names most."""
    first = next((b for b in outline.blocks if isinstance(b, Paragraph)), None)
    half = _HALF.search(first.text) if first is not None else None
    years = Counter(_YEAR.findall(" ".join(
        b.text + (getattr(b, "body", None) or "") for b in outline.blocks)))
    if half is None or not years:
        return None, ""
    year = max(years, key=lambda y: (years[y], y))
    return Period(int(year), _PERIOD_WORDS[half.group(0)]), "years"
