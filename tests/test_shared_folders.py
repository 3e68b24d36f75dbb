"""Outputs on a shared drive: files and folders get the modes the umask asks for (0644 and 0755
under umask 022), so colleagues can open the reports, also after a rebuild."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from workspaces import make_workspace

from summarygen.cli.commands import cli

pytestmark = [pytest.mark.usefixtures("chinese"),
              pytest.mark.skipif(os.name == "nt", reason="Windows has no umask or Unix modes")]


@contextmanager
def umask_set(mask: int) -> Iterator[int]:
    """The process's umask set to ``mask``, and restored afterwards."""
    before = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(before)


@pytest.fixture(params=[0o022, 0o027, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The usual umask, one that hides files from others, one that shares with the group."""
    with umask_set(request.param) as mask:
        yield mask


def modes(folder: Path) -> dict[str, int]:
    """Every file and folder under ``folder`` (itself as ``.``) with its permission bits."""
    return {p.relative_to(folder).as_posix(): stat.S_IMODE(p.stat().st_mode)
            for p in [folder, *folder.rglob("*")]}


def invoke(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def test_built_reports_follow_the_umask_also_when_rebuilt(tmp_path: Path, umask: int) -> None:
    root = make_workspace(tmp_path)
    invoke("build", "-C", str(root), "-f", "docx", "-f", "md")
    first = modes(root / "out")
    assert first["2024-H1/county.docx"] == 0o666 & ~umask
    assert set(first.values()) == {0o666 & ~umask, 0o777 & ~umask}
    invoke("build", "-C", str(root), "-f", "docx", "-f", "md")
    assert modes(root / "out") == first


def test_under_umask_022_colleagues_can_read(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with umask_set(0o022):
        invoke("build", "-C", str(root), "--jobs", "2")
    assert modes(root / "out") == {".": 0o755, "2024-H1": 0o755, "2024-H1/city.docx": 0o644,
                                   "2024-H1/county.docx": 0o644}


def test_a_new_workspace_follows_the_umask(tmp_path: Path, umask: int) -> None:
    invoke("init", str(tmp_path / "ws"))
    found = modes(tmp_path / "ws")
    folders = {name for name in found if (tmp_path / "ws" / name).is_dir()}
    assert {".", "templates", "datasets", ".summarygen/schema"} <= folders
    assert {found[name] for name in folders} == {0o777 & ~umask}
    assert {found[name] for name in set(found) - folders} == {0o666 & ~umask}


def test_new_period_and_schemas_follow_the_umask(tmp_path: Path, umask: int) -> None:
    invoke("init", str(tmp_path / "ws"))
    root = tmp_path / "ws"
    [period] = (root / "datasets").iterdir()
    year = int(period.name[:4])
    invoke("new-period", "-C", str(root), f"{year}-H2")
    folder = modes(root / "datasets" / f"{year}-H2")
    assert folder.pop(".") == 0o777 & ~umask
    assert set(folder.values()) == {0o666 & ~umask}
    invoke("schema", "-C", str(root), "--write")
    assert set(modes(root / ".summarygen/schema").values()) == {0o666 & ~umask, 0o777 & ~umask}
