"""Workspaces are a public interface: a workspace written for an earlier version still builds.

``tests/data/frozen-workspace/`` is a copy of the repository's sample workspace
(``summarygen.yaml``, ``templates/``, ``variants/``, ``datasets/``) as it was when the package was
split into subpackages (issue #16). It must never be edited to follow a change of the code: it
stands for the workspaces users wrote then. ``frozen-workspace.expected.json`` holds, per variant,
the text of every paragraph of the DOCX built from it on that day, and the DOCX's SHA-256 on that
day.

What is asserted, and why not the frozen bytes: the DOCX writer is still legitimately changing (a
language tag, paragraph spacing and the like change the bytes of every document without changing a
word a reader sees). So the test asserts what a user's workspace may rely on across versions:

- it still builds, with no error (warnings are the data's own, as on that day);
- every paragraph reads the same, read back from the DOCX with python-docx;
- two builds of it give identical bytes (same inputs → same DOCX).

The recorded SHA-256 is kept for reference only (to tell, when this test fails, whether the bytes
had changed already before the text did).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from workspaces import digest, run

FROZEN = Path(__file__).parent / "data" / "frozen-workspace"
EXPECTED = json.loads((FROZEN.parent / "frozen-workspace.expected.json").read_text("utf-8"))

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    root = tmp_path_factory.mktemp("frozen") / "workspace"
    shutil.copytree(FROZEN, root)
    code, _out, err = run("build", "-C", str(root), env={"SUMMARYGEN_NO_CACHE": "1"})
    return root, code, err


def test_the_frozen_workspace_builds_without_errors(built: tuple[Path, int, str]) -> None:
    root, code, err = built
    assert code == 0, err
    assert "错误" not in err
    assert sorted(p.stem for p in (root / "out/2024-H1").glob("*.docx")) == sorted(EXPECTED)


@pytest.mark.parametrize("variant", sorted(EXPECTED))
def test_every_paragraph_reads_as_on_the_day_it_was_frozen(
        built: tuple[Path, int, str], variant: str) -> None:
    root = built[0]
    document = docx.Document(str(root / "out/2024-H1" / f"{variant}.docx"))
    assert [p.text for p in document.paragraphs] == EXPECTED[variant]["paragraphs"]


def test_two_builds_of_the_frozen_workspace_are_byte_identical(
        built: tuple[Path, int, str], tmp_path: Path) -> None:
    root = built[0]
    again = tmp_path / "again"
    shutil.copytree(FROZEN, again)
    code, _out, err = run("build", "-C", str(again), env={"SUMMARYGEN_NO_CACHE": "1"})
    assert code == 0, err
    assert digest(again / "out") == digest(root / "out")
