"""Every report the repository builds (the root workspace's variants and each ``examples/*``
workspace), converted to PDF by one LibreOffice run and read back with ``pdftotext``, prints as
a clerk expects: no number split across lines, every character of the DOCX on the page, full
pages of 22 lines, no line wider than 28 characters, no page holding only the signature, the
成文日期 two characters right of the 署名's start and the page-number dashes 7 mm below the text.

Needs LibreOffice, poppler and the fonts of ``scripts/install-render-tools.sh`` (run by
``.ci/run``); skipped with that reason without them.
"""

from __future__ import annotations

import itertools
import shutil

import pytest
from pdf_layout import POINTS_PER_MM, Page
from repo_reports import CLOSING, WORKSPACES, Measured, build_docx, measure, width

from summarygen.verify.classify import heading_match, is_date_line

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice/poppler not installed: run scripts/install-render-tools.sh")

LINES, CHARS = 22, 28
TOP_MM, LEFT_MM, TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 37, 28, 156, 225
CHAR_PT = 15.75  # 16 pt less the −0.25 pt letter spacing


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Measured]:
    folder = tmp_path_factory.mktemp("reports")
    return measure(build_docx(folder / "docx"), folder / "pdf")


def test_every_report_of_the_repository_is_measured(reports: list[Measured]) -> None:
    # three variants at the root, one report in each example
    assert len(reports) >= 3 + len(WORKSPACES) - 1
    assert {"zixing", "huoshan", "qingshan"} <= {r.name for r in reports}
    assert all(len(r.pages) >= 2 for r in reports)


def test_no_number_is_split_across_lines(reports: list[Measured]) -> None:
    split = {r.name: r.split_numbers() for r in reports}
    assert split == {r.name: [] for r in reports}


def test_every_character_of_the_docx_is_printed(reports: list[Measured]) -> None:
    missing = {r.name: r.missing() for r in reports}
    assert missing == {r.name: [] for r in reports}


def test_no_line_is_wider_than_28_characters(reports: list[Measured]) -> None:
    right_edge = (LEFT_MM + TEXT_WIDTH_MM) * POINTS_PER_MM
    for report in reports:
        assert report.wide_lines(CHARS) == [], report.name
        for page in report.pages:
            body = page.body if page is not report.pages[-1] else page.body[:-2]
            for line in body:
                hanging = CHAR_PT if line.text[-1:] in CLOSING else 0
                assert line.right <= right_edge + hanging + 1, (report.name, line.text)


def test_lines_are_filled_to_28_characters(reports: list[Measured]) -> None:
    """Many lines hold exactly 28 characters: the grid is 28 wide, not 27."""
    for report in reports:
        widths = [width(line.text) for page in report.pages for line in page.body]
        assert widths.count(CHARS) >= len(widths) // 4, report.name


def heading_lines(page: Page) -> int:
    """Lines at the top of ``page`` that are whole headings (kept with the text below them)."""
    count = 0
    for line in page.body:
        if heading_match(line.text) is None or width(line.text) >= CHARS - 1:
            break
        count += 1
    return count


def text_rows(page: Page, first: bool) -> int:
    """Grid lines a page's text takes: the title page's blank line under the title counts."""
    return len(page.rows()) + (1 if first else 0)


def test_full_pages_hold_22_lines(reports: list[Measured]) -> None:
    """A page is full (22 lines) unless a heading is kept with its text on the next page (one
    line less for each heading line that moved) or the last lines of the text moved with the
    signature (fewer lines than moved: widow control moves two or more)."""
    for report in reports:
        pages = report.pages
        for number, (page, following) in enumerate(itertools.pairwise(pages), 1):
            short = LINES - text_rows(page, number == 1)
            where = f"{report.name} page {number}: {LINES - short} lines"
            assert short >= 0, where
            if short == 0:
                continue
            if number == len(pages) - 1 and short < len(following.body) - 2:
                continue  # lines kept with the signature
            assert short <= heading_lines(following), where


def signed(reports: list[Measured]) -> list[Measured]:
    """The reports that close with a 落款 (``examples/outline`` has none: ``signature: false``)."""
    return [r for r in reports if is_date_line(r.paragraphs[-1])]


def test_the_last_page_holds_more_than_the_signature(reports: list[Measured]) -> None:
    assert len(signed(reports)) >= 3
    for report in signed(reports):
        lines = report.last_page_lines()
        assert len(lines) >= 3, (report.name, lines)
        signature = report.paragraphs[-2:]
        assert [lines[-2], lines[-1]] == signature, report.name


def test_the_date_starts_two_characters_right_of_the_organisation(
        reports: list[Measured]) -> None:
    """Placed by its start, the date stays there although LibreOffice, unlike Word, puts a
    little space between digits and Chinese characters (it ignores ``w:autoSpaceDE``); that
    space may carry the date's end at most a character past the text block's edge."""
    right_edge = (LEFT_MM + TEXT_WIDTH_MM) * POINTS_PER_MM
    for report in signed(reports):
        org, date = report.pages[-1].body[-2:]
        # LibreOffice's space between Latin letters and Chinese characters in a name
        # (“XX县民政局”) makes the name about a fifth of a character wider than in Word.
        switches = sum(a.isascii() != b.isascii() for a, b in itertools.pairwise(org.text))
        offset = date.left - org.left - 2 * CHAR_PT
        assert -2 < offset < 2 + switches * CHAR_PT / 4, (report.name, org.left, date.left)
        assert abs(date.top - org.top - 579 / 20) < 2
        assert org.right <= right_edge - 2 * CHAR_PT + 2
        assert date.right <= right_edge + CHAR_PT * 1.1


def test_page_number_dashes_are_7_mm_below_the_text_block(reports: list[Measured]) -> None:
    bottom = (TOP_MM + TEXT_HEIGHT_MM) * POINTS_PER_MM
    for report in reports:
        for number, page in enumerate(report.pages, 1):
            [footer] = page.footer
            assert footer.text == f"—{number}—"
            dash = (footer.top + footer.bottom) / 2  # an em dash sits in the line's middle
            assert abs((dash - bottom) / POINTS_PER_MM - 7) < 0.3, (report.name, number)
