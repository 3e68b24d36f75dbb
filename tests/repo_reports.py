"""Every report the repository builds: the root workspace's variants and each ``examples/*``
workspace, built to DOCX (and, on request, converted to PDF by one LibreOffice run), and the
measures the rendered-layout tests take of the printed text.

Run as a script (``python tests/repo_reports.py OUTDIR``) to build, convert and print the
measures: the tool used to compare writer settings.
"""

from __future__ import annotations

import itertools
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pdf_layout import Line, Page, read_layout

from summarygen.build import run_build

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORKSPACES = (ROOT, *sorted(p.parent for p in (ROOT / "examples").glob("*/summarygen.yaml")))
CLOSING = "，。、；：？！）》」』”’…—"
"""Marks that may hang past the 28th character (LibreOffice sets them in the margin)."""
_NUMBER = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%．,]*")


def build_docx(out: Path) -> list[Path]:
    """Every report the repository builds, as DOCX in ``out/<workspace>/``; names are unique."""
    written: list[Path] = []
    for workspace in WORKSPACES:
        name = "root" if workspace == ROOT else workspace.name
        result = run_build(workspace, formats=("docx",), out=out / name, jobs=1)
        written += [p for p in result.written if p.suffix == ".docx"]
    stems = [p.stem for p in written]
    assert len(set(stems)) == len(stems), f"two reports share a name: {stems}"
    return sorted(written)


def docx_paragraphs(path: Path) -> list[str]:
    """The text of each body paragraph (empty ones too)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


@dataclass
class Measured:
    """One report's DOCX text and its printed pages."""

    name: str
    paragraphs: list[str]
    pages: list[Page]

    def printed_text(self) -> str:
        return "".join(line.text for page in self.pages for line in page.body)

    def missing(self) -> list[str]:
        """Characters of the DOCX not printed, in order (a multiset difference, with context)."""
        docx = "".join("".join(p.split()) for p in self.paragraphs)
        printed = "".join(self.printed_text().split())
        return _diff(docx, printed)

    def split_numbers(self) -> list[str]:
        """Runs of digits or Latin letters broken across two printed lines (``60|7``)."""
        found = []
        for page in self.pages:
            body = page.body
            for line, following in itertools.pairwise(body):
                if _ends_in_number(line) and following.text[:1].isascii() \
                        and following.text[:1].isalnum():
                    found.append(f"{line.text[-6:]}|{following.text[:6]}")
        return found

    def wide_lines(self, limit: int = 28) -> list[str]:
        """Printed lines of more than ``limit`` characters (a digit counts ½, a closing mark at
        the end does not count)."""
        return [line.text for page in self.pages for line in page.body
                if width(line.text.rstrip(CLOSING)) > limit]

    def last_page_lines(self) -> list[str]:
        return [line.text for line in self.pages[-1].body]


def width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _ends_in_number(line: Line) -> bool:
    text = line.text
    return bool(text) and text[-1].isascii() and text[-1].isalnum()


def _diff(docx: str, printed: str) -> list[str]:
    """Where ``docx`` has characters that ``printed`` lacks (each with a little context)."""
    import difflib

    matcher = difflib.SequenceMatcher(None, docx, printed, autojunk=False)
    found = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            found.append(f"{docx[max(0, i1 - 6):i1]}[{docx[i1:i2]}]{docx[i2:i2 + 4]}")
    return found


def measure(docx_files: list[Path], pdf_dir: Path) -> list[Measured]:
    """Convert the files with one LibreOffice run and read each PDF back."""
    from summarygen.writer.pdf import convert

    pdfs = convert(docx_files, pdf_dir)
    return [Measured(d.stem, docx_paragraphs(d), read_layout(p))
            for d, p in zip(docx_files, pdfs, strict=True)]


def main(out: Path) -> None:
    for report in measure(build_docx(out / "docx"), out / "pdf"):
        print(f"== {report.name}: {len(report.pages)} pages")
        print("  missing:", report.missing())
        print("  split numbers:", report.split_numbers())
        print("  wide lines:", report.wide_lines())
        print("  lines per page:", [len(p.rows()) for p in report.pages])
        print("  last page:", report.last_page_lines()[-4:])


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main(Path(sys.argv[1]))
