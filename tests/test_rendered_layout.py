"""The layout as printed: a long report built, converted by LibreOffice (``build --format pdf``),
and measured from the PDF's text positions — 22 lines a page, 28 characters a line, the title
centred, page numbers ``— N —`` alternating right and left. The same is measured on the
hand-made Word file that ``verify`` passes (tests/handmade.py), converted by
:func:`summarygen.writer.pdf.convert`: what verify accepts must print as the standard wants.

Needs LibreOffice, poppler and the CJK fonts with the font-name mapping
(``scripts/install-render-tools.sh``, run by ``.ci/run``); skipped with that reason without them.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import pytest
from handmade import handmade_docx
from long_report import MEASURED, SENTENCE, long_workspace
from pdf_layout import POINTS_PER_MM, Page, paragraph_lines, read_layout

from summarygen.build import run_build
from summarygen.verify.classify import heading_match
from summarygen.writer.pdf import convert

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice/poppler not installed: run scripts/install-render-tools.sh")

LINE_PITCH_PT = 579 / 20
LEFT_MM, RIGHT_MM, TEXT_WIDTH_MM = 28, 26, 156


def handmade_pdf(folder: Path) -> Path:
    """The hand-made report with the measured paragraph and enough text for four pages."""
    source = handmade_docx(folder / "handmade.docx", extra=[MEASURED] + [SENTENCE * 3] * 24)
    [pdf] = convert([source], folder)
    return pdf


def built_pdf(folder: Path) -> Path:
    """The long report built with ``--format docx --format pdf``."""
    result = run_build(long_workspace(folder / "ws"), ("county",), formats=("docx", "pdf"),
                       out=folder / "out")
    [pdf] = [p for p in result.written if p.suffix == ".pdf"]
    return pdf


SOURCES = {"built": built_pdf, "handmade": handmade_pdf}


@pytest.fixture(scope="module", params=sorted(SOURCES))
def pages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    pdf = SOURCES[request.param](tmp_path_factory.mktemp(request.param))
    assert pdf.read_bytes().startswith(b"%PDF")
    return read_layout(pdf)


def test_the_report_is_long_enough(pages: list[Page]) -> None:
    assert len(pages) >= 3


def grid_top(pages: list[Page]) -> float:
    """Where the first line's text starts on every page but the first (the text block's top
    plus the body font's offset in its line)."""
    return statistics.median(page.rows()[0] for page in pages[1:])


def test_full_pages_hold_22_lines(pages: list[Page]) -> None:
    """Rows sit on a 28.95 pt grid of 22 lines from the text block's top. A full page fills all
    22 (the title page's empty line under the title included); a page followed by a heading may
    end up to 4 lines early, because a heading is kept with what follows it (keepNext and
    widow control). The title, larger, sits differently in its line and is not measured."""
    top = grid_top(pages)
    for number, page in enumerate(pages[:-1], 1):
        rows = page.rows()[1:] if number == 1 else page.rows()
        found = [(row - top) / LINE_PITCH_PT for row in rows]
        # a row in another font (headings) sits a point or so off
        assert all(abs(s - round(s)) < 0.1 for s in found), f"page {number}: off the grid"
        last = round(found[-1]) + 1
        next_first = pages[number].body[0].text
        if heading_match(next_first) is None:
            assert last == 22, f"page {number}: {last} lines"
        else:
            assert 18 <= last <= 22, f"page {number}: {last} lines before “{next_first}”"
        if number > 1 and heading_match(next_first) is None:
            assert len(found) == 22, f"page {number}: {len(found)} rows"


def test_lines_hold_28_characters(pages: list[Page]) -> None:
    lines = paragraph_lines(pages, MEASURED)
    assert [len(line) for line in lines] == [26, 28, 28, 28, 28, 28, 12]


def test_the_title_is_centred_on_the_text_block(pages: list[Page]) -> None:
    title = pages[0].lines[0]
    assert title.text.endswith("工作总结")
    centre = (LEFT_MM + TEXT_WIDTH_MM / 2) * POINTS_PER_MM
    assert abs(title.centre - centre) < 3


def test_page_numbers_alternate_right_and_left(pages: list[Page]) -> None:
    one_char = 14  # 4号
    right_edge = pages[0].width - RIGHT_MM * POINTS_PER_MM - one_char
    left_edge = LEFT_MM * POINTS_PER_MM + one_char
    for number, page in enumerate(pages, 1):
        [footer] = page.footer
        assert footer.spaced == f"— {number} —"
        if number % 2:
            assert abs(footer.right - right_edge) < 3, f"page {number}: {footer.right}"
        else:
            assert abs(footer.left - left_edge) < 3, f"page {number}: {footer.left}"
