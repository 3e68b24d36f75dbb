"""The style profile: the layout choices a DOCX is written with (GB/T 9704-2012 by default).

Offices differ in the font names their machines have (仿宋_GB2312 under WPS, 仿宋 under
Windows 10+, 方正仿宋_GBK …), in the numbering forms of their outline levels (``1.`` or
``1、``, ``（1）`` or ``1）`` …) and in whether the report closes with a 落款; everything else is
fixed by the standard. A workspace chooses a named preset and may override single fonts and the
numbering.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from summarygen.document.numbering import FORMS, GBT9704, Numbering, numbering_of


@dataclass(frozen=True)
class Fonts:
    """East Asian font names per role, as the office's machines name them."""

    body: str = "仿宋_GB2312"
    """Body text and heading levels 3–4 (仿宋)."""
    heading1: str = "黑体"
    """Level 1 headings ``一、`` (黑体)."""
    heading2: str = "楷体_GB2312"
    """Level 2 headings ``（一）`` (楷体)."""
    heading3: str = "仿宋_GB2312"
    """Level 3 headings ``1.``."""
    heading4: str = "仿宋_GB2312"
    """Level 4 headings ``（1）``."""
    title: str = "方正小标宋简体"
    """The title (小标宋)."""
    page_number: str = "宋体"
    """Page numbers ``— 1 —`` (宋体, half-width digits)."""
    latin: str = "Times New Roman"
    """Latin letters and digits in every role except page numbers."""

    def heading(self, level: int) -> str:
        return (self.heading1, self.heading2, self.heading3, self.heading4)[level - 1]


@dataclass(frozen=True)
class StyleProfile:
    """Everything the writer needs to know beyond the document tree."""

    name: str = "gbt9704"
    fonts: Fonts = Fonts()
    numbering: Numbering = GBT9704
    """The numbering forms of heading levels 1–4 (GB/T 9704: ``一、`` ``（一）`` ``1.``
    ``（1）``)."""
    body_size_pt: float = 16.0
    """3号."""
    title_size_pt: float = 22.0
    """2号."""
    page_number_size_pt: float = 14.0
    """4号."""
    lines_per_page: int = 22
    chars_per_line: int = 28


PRESETS: dict[str, StyleProfile] = {
    "gbt9704": StyleProfile(),
    # Windows 10 and later ship 仿宋/楷体 without the _GB2312 suffix.
    "windows": StyleProfile(
        name="windows",
        fonts=Fonts(body="仿宋", heading2="楷体", heading3="仿宋", heading4="仿宋"),
    ),
    # Many offices have the 方正 GBK fonts.
    "fangzheng": StyleProfile(
        name="fangzheng",
        fonts=Fonts(body="方正仿宋_GBK", heading1="方正黑体_GBK", heading2="方正楷体_GBK",
                    heading3="方正仿宋_GBK", heading4="方正仿宋_GBK"),
    ),
    # Both samples write level three as 1、.
    "practice": StyleProfile(
        name="practice", numbering=numbering_of([FORMS["一、"], FORMS["（一）"], FORMS["1、"]])),
}


@dataclass(frozen=True)
class SignatureSetting:
    """Whether and how a report closes with its 落款 (GB/T 9704 7.3.5): ``signature:`` in
    ``summarygen.yaml``, workspace-wide or per variant."""

    shown: bool = True
    """``signature: false`` leaves out both 署名 and 成文日期."""
    name: str | None = None
    """The 署名; ``None``: the organisation's name."""
    date: bool = True
    """``signature: {date: false}`` leaves out the 成文日期."""


def make_profile(preset: str = "gbt9704", numbering: Numbering | None = None,
                 fonts: dict[str, Any] | None = None) -> StyleProfile:
    """A preset with the workspace's overrides applied (the caller has validated the names)."""
    profile = PRESETS[preset]
    if numbering is not None:
        profile = replace(profile, numbering=numbering)
    if fonts:
        profile = replace(profile, fonts=replace(profile.fonts, **fonts))
    return profile
