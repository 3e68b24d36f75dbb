"""Text positions in a PDF (``pdftotext -bbox-layout``), grouped into lines, pages and footers."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
POINTS_PER_MM = 72 / 25.4
BOTTOM_MARGIN_MM = 35


@dataclass
class Line:
    """One line of text as pdftotext found it."""

    top: float
    left: float
    right: float
    words: list[str]
    bottom: float = 0.0

    @property
    def text(self) -> str:
        """The characters without spaces (Chinese text has none)."""
        return "".join(self.words)

    @property
    def spaced(self) -> str:
        return " ".join(self.words)

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)

    @property
    def footer_top(self) -> float:
        """Text below the text block's bottom edge is the footer."""
        return self.height - BOTTOM_MARGIN_MM * POINTS_PER_MM

    @property
    def body(self) -> list[Line]:
        return [line for line in self.lines if line.top < self.footer_top]

    @property
    def footer(self) -> list[Line]:
        return [line for line in self.lines if line.top >= self.footer_top]

    def rows(self, tolerance: float = 6.0) -> list[float]:
        """Tops of the body's text rows (lines side by side on one row count once)."""
        tops: list[float] = []
        for line in sorted(self.body, key=lambda line: line.top):
            if not tops or line.top - tops[-1] > tolerance:
                tops.append(line.top)
        return tops


def read_layout(pdf: Path) -> list[Page]:
    """The pages of ``pdf`` with their lines, in reading order."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter(f"{XHTML}page"):
        current = Page(float(page.get("width", 0)), float(page.get("height", 0)))
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            current.lines.append(Line(float(line.get("yMin", 0)), float(line.get("xMin", 0)),
                                      float(line.get("xMax", 0)), words,
                                      float(line.get("yMax", 0))))
        pages.append(current)
    return pages


def paragraph_lines(pages: list[Page], text: str) -> list[str]:
    """The printed lines of the paragraph ``text`` (which must be on one page)."""
    for page in pages:
        body = page.body
        for start, line in enumerate(body):
            if line.text and text.startswith(line.text) and len(line.text) > 8:
                found = []
                for following in body[start:]:
                    found.append(following.text)
                    if "".join(found) == text:
                        return found
                    if not text.startswith("".join(found)):
                        break
    raise AssertionError("paragraph not found in the PDF")
