"""One source for each fact: the width of text on a terminal and on the page, the exact decimal
shift, the page geometry of GB/T 9704 and the version are each written once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lxml import etree

from summarygen.data.yamlio import load_text
from summarygen.document import geometry
from summarygen.errors import Problems
from summarygen.termtable import display_width

PACKAGE = Path(__file__).resolve().parents[1] / "summarygen"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.usefixtures("chinese")


def defined_functions() -> dict[str, list[str]]:
    """Every function name defined at module level in the package, with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                found.setdefault(node.name.lstrip("_"), []).append(
                    path.relative_to(PACKAGE).as_posix())
    return found


@pytest.mark.parametrize(("name", "home"), [
    ("display_width", "termtable.py"),
    ("shift", "data/values.py"),
    ("line_pitch", "document/geometry.py"),
    ("text_width", "document/geometry.py"),
])
def test_written_once(name: str, home: str) -> None:
    places = defined_functions().get(name, [])
    assert home in places
    others = [p for p in places if p != home]
    # verify.layout keeps a thin adapter that calls the geometry with a profile
    assert all(p == "verify/layout.py" for p in others), others


def test_no_second_page_geometry() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "geometry.py":
            continue
        text = path.read_text(encoding="utf-8")
        for number in ("11906", "16838", "2098", "12756", "8845"):
            assert number not in text, f"{path.relative_to(PACKAGE)} writes {number} again"


def test_the_caret_under_an_ideographic_space_lands_right(tmp_path: Path) -> None:
    problems = Problems()
    load_text("说明: 甲\u3000乙: 丙\n", tmp_path / "x.yaml", problems)
    [problem] = list(problems)
    shown, caret = problem.message.splitlines()[1:3]
    assert "\u3000" in shown  # shown as itself, two columns wide, not as “�”
    column = display_width(caret) - 1
    assert shown[:4] == caret[:4] == "    "
    # the caret stands under the second “:”, the one YAML refuses
    before = next(i for i, c in enumerate(shown) if display_width(shown[:i]) == column)
    assert shown[before] == ":" and shown[before - 1] == "乙"


def test_the_writer_lays_out_the_page_the_checker_expects(tmp_path: Path) -> None:
    from workspaces import make_workspace, run

    from summarygen.verify import verify_files

    root = make_workspace(tmp_path)
    assert run("build", "-C", str(root), "-V", "county")[0] == 0
    built = root / "out/2024-H1/county.docx"
    import zipfile

    body = etree.fromstring(zipfile.ZipFile(built).read("word/document.xml"))
    size = body.find(f".//{W}sectPr/{W}pgSz")
    margins = body.find(f".//{W}sectPr/{W}pgMar")
    grid = body.find(f".//{W}sectPr/{W}docGrid")
    assert size is not None and margins is not None and grid is not None
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (geometry.PAGE_WIDTH,
                                                                geometry.PAGE_HEIGHT)
    assert {side: int(margins.get(f"{W}{side}")) for side in geometry.MARGINS} == \
        geometry.MARGINS
    assert int(grid.get(f"{W}linePitch")) == geometry.line_pitch(22) == 579
    found = verify_files([built], "practice").findings[built]
    assert not [f for f in found if f.rule.startswith(("page.", "line."))]
