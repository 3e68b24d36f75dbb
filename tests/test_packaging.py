"""The template pack ships inside the package: a real (non-editable) install can ``init``.

This builds the package from a copy of the repository with pip (no network: ``--no-deps`` and
``--no-build-isolation`` use the setuptools already installed), installs it into a folder, and
runs ``summarygen init`` and ``summarygen build`` from that folder, far from the repository.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_NOT_SOURCE = shutil.ignore_patterns(".git", "*.egg-info", "__pycache__", ".*_cache", ".venv")
_TOP_LEVEL_OUTPUT = {"build", "dist", "out", "archive", "preview"}
"""Outputs in the repository's root folder only: ``summarygen/build/`` and
``summarygen/archive/`` are subpackages, and a wheel without them would still import them from
an editable install of the repository, hiding the loss."""


def not_source(folder: str, names: list[str]) -> set[str]:
    """What a build must not see: build output, caches, and a pack left by an earlier build."""
    ignored = set(_NOT_SOURCE(folder, names))
    if Path(folder) == REPO:
        ignored |= _TOP_LEVEL_OUTPUT & set(names)
    if Path(folder).name == "summarygen" and Path(folder).parent == REPO:
        ignored.add("pack")
    return ignored


def can_build_wheels() -> bool:
    """pip and setuptools, and bdist_wheel: in setuptools from 70.1 on, else in ``wheel``."""
    if importlib.util.find_spec("pip") is None or importlib.util.find_spec("setuptools") is None:
        return False
    from importlib.metadata import version

    major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def pip(*args: str, cwd: Path) -> None:
    if not can_build_wheels():
        pytest.skip("building the package needs pip, setuptools and bdist_wheel (the test "
                    "extra installs them)")
    done = subprocess.run([sys.executable, "-m", "pip", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, a folder it is installed in)."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=not_source)
    pip("wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(work / "dist"),
        str(source), cwd=work)
    [wheel] = (work / "dist").glob("summarygen_gongwen-*.whl")
    site = work / "site"
    pip("install", "--no-deps", "--no-index", "-q", "--target", str(site), str(wheel), cwd=work)
    return wheel, site


def test_the_wheel_carries_the_pack_and_the_catalogs(built: tuple[Path, Path]) -> None:
    wheel, _site = built
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.relative_to(REPO).as_posix() for p in (REPO / "templates").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    assert templates, "the repository has no template pack"
    assert {f"summarygen/pack/{name}" for name in templates} <= names
    assert "summarygen/pack/summarygen.yaml" in names
    assert {"summarygen/pack/docs/guide.md", "summarygen/pack/docs/images/page-1.png"} <= names
    assert any(n.startswith("summarygen/pack/datasets/") and n.endswith(".yaml") for n in names)
    assert {"summarygen/locale/zh_CN/LC_MESSAGES/summarygen.mo",
            "summarygen/locale/zh_CN/LC_MESSAGES/click.mo"} <= names
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "summarygen").rglob("*.py")}
    assert modules <= names, sorted(modules - names)


DISTRIBUTION = "summarygen-gongwen"
"""The name on the package index: ``summarygen`` there is an unrelated text-summarisation tool."""


def test_the_wheel_has_its_own_name_and_the_summarygen_command(built: tuple[Path, Path]) -> None:
    wheel, _site = built
    archive = zipfile.ZipFile(wheel)
    info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = archive.read(info).decode("utf-8")
    assert f"\nName: {DISTRIBUTION}\n" in metadata
    entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode("utf-8")
    assert "summarygen = summarygen.cli:main" in entry_points
    assert "summarygen/__init__.py" in archive.namelist()


def test_the_docs_install_this_project_not_the_other_one() -> None:
    import re

    bare = re.compile(r"pip install\s+(-U\s+)?summarygen(?![-\w\[])")
    docs = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    wrong = [f"{path.name}: {line.strip()}" for path in docs
             for line in path.read_text(encoding="utf-8").splitlines() if bare.search(line)]
    assert wrong == []
    assert DISTRIBUTION in (REPO / "docs/guide.md").read_text(encoding="utf-8")
    assert f'name = "{DISTRIBUTION}"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "SUMMARYGEN_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "summarygen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("level", ["county", "city"])
def test_init_far_from_the_repository_then_build(built: tuple[Path, Path], tmp_path: Path,
                                                 level: str) -> None:
    _wheel, site = built
    made = run(site, tmp_path, "init", "ws", "--level", level, "--org", "岳西县民政局")
    assert made.returncode == 0, made.stderr
    assert "已新建工作区" in made.stdout
    code = "import summarygen; print(summarygen.__file__)"
    package = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                             env={**os.environ, "PYTHONPATH": str(site)},
                             capture_output=True, text=True, check=True).stdout.strip()
    assert Path(package).is_relative_to(site)
    build = run(site, tmp_path, "build", "-C", "ws")
    assert build.returncode == 0, build.stderr
    written = sorted((tmp_path / "ws/out").rglob("*.docx"))
    assert [p.name for p in written] == [f"{level}.docx"]
    guide = (tmp_path / "ws/使用手册.md").read_text(encoding="utf-8")
    assert guide.startswith("# summarygen 使用手册")
    assert (tmp_path / "ws/.summarygen/docs/common-errors.md").is_file()


def test_the_version_is_written_once_and_shown_by_both(built: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    """pyproject.toml reads the version from summarygen.__version__: the wheel's metadata, the
    installed command and a source checkout all say the same."""
    from summarygen import __version__

    wheel, site = built
    archive = zipfile.ZipFile(wheel)
    info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    assert f"\nVersion: {__version__}\n" in archive.read(info).decode("utf-8")
    shown = run(site, tmp_path, "--version")
    assert shown.stdout == f"summarygen {__version__}\n"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject.split(
        "[tool.setuptools.dynamic]")[0]
