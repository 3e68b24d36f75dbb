"""The layout as printed: a long report built, converted by LibreOffice (``build --format pdf``),
and measured from the PDF's text positions — 22 lines a page, 28 characters a line, the title
centred, page numbers ``— N —`` alternating right and left. The same is measured on the
hand-made Word file that ``verify`` passes (tests/handmade.py), converted by
:func:`summarygen.pdf.convert`: what verify accepts must print as the standard wants.

Needs LibreOffice, poppler and the CJK fonts with the font-name mapping
(``scripts/install-render-tools.sh``, run by ``.ci/run``); skipped with that reason without them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from handmade import handmade_docx
from pdf_layout import POINTS_PER_MM, Page, paragraph_lines, read_layout

from summarygen.pdf import convert

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice/poppler not installed: run scripts/install-render-tools.sh")

LINE_PITCH_PT = 579 / 20
LEFT_MM, RIGHT_MM, TEXT_WIDTH_MM = 28, 26, 156
HAN = "民政工作围绕中心服务大局兜牢民生底线推进救助帮扶养老服务儿童福利社会事务持续提升"
MEASURED = (HAN * 5)[:177] + "。"
"""178 characters without punctuation inside (so no line-breaking rule moves one):
26 on the indented first line, 5 × 28, then 12."""
SENTENCE = "今年来，围绕县委、县政府决策部署，扎实推进各项民政工作，取得了明显成效。"


def long_report() -> str:
    """Markup for about four pages: headings of every level, run-in heads, long paragraphs."""
    parts = ["# {{ org.name }}{{ period.year }}年{{ period.label }}工作总结", "",
             SENTENCE * 3, "", MEASURED, ""]
    for section in ("主要工作", "存在问题", "下一步打算"):
        parts += [f"## {section}", ""]
        for sub in ("社会救助", "养老服务"):
            parts += [f"### {sub}工作", "", SENTENCE * 4, "", f"#### 落实{sub}政策。",
                      SENTENCE * 2, "", f"##### 细化{sub}措施", "", SENTENCE * 2, ""]
    return "\n".join(parts) + "\n"


def handmade_pdf(folder: Path) -> Path:
    """The hand-made report with the measured paragraph and enough text for four pages."""
    source = handmade_docx(folder / "handmade.docx", extra=[MEASURED] + [SENTENCE * 3] * 24)
    [pdf] = convert([source], folder)
    return pdf


SOURCES = {"handmade": handmade_pdf}


@pytest.fixture(scope="module", params=sorted(SOURCES))
def pages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    pdf = SOURCES[request.param](tmp_path_factory.mktemp(request.param))
    assert pdf.read_bytes().startswith(b"%PDF")
    return read_layout(pdf)


def test_the_report_is_long_enough(pages: list[Page]) -> None:
    assert len(pages) >= 3


def test_full_pages_hold_22_lines(pages: list[Page]) -> None:
    for number, page in enumerate(pages[:-1], 1):
        rows = page.rows()
        slots = round((rows[-1] - rows[0]) / LINE_PITCH_PT) + 1
        assert slots == 22, f"page {number}: {slots} line slots"
        if number > 1:  # the first page may have an empty line under the title
            assert len(rows) == 22, f"page {number}: {len(rows)} lines"


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
