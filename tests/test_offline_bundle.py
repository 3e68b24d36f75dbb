"""``scripts/offline-bundle.sh``: a folder that installs summarygen with no network.

The bundle is made for the Python running the tests only (the full one has wheels for Python
3.10–3.13 and takes a few minutes), for Linux and Windows; making it needs the package index,
installing from it must not: the installs below read no pip configuration and use no index.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from summarygen.workspace.period import Period

REPO = Path(__file__).resolve().parents[1]
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"

pytestmark = pytest.mark.skipif(
    not (sys.platform == "linux" and platform.machine() == "x86_64" and shutil.which("bash")),
    reason="the bundle is made and tried here on Linux x86_64 (install.bat needs Windows)")


def index_reachable(folder: Path) -> str | None:
    """Why the package index cannot be used from here, or ``None`` if it can."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--dest", str(folder), "colorama"],
            capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        return "pip download timed out"
    lines = done.stderr.strip().splitlines()
    return None if done.returncode == 0 else (lines[-1] if lines else "pip download failed")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    reason = index_reachable(work / "probe")
    if reason is not None:
        pytest.skip(f"making an offline bundle downloads from the package index: {reason}")
    folder = work / "bundle"
    done = subprocess.run(
        ["bash", str(REPO / "scripts/offline-bundle.sh"), str(folder), "--python", PYTHON,
         "--platform", "linux", "--platform", "windows"], capture_output=True, text=True,
        timeout=900,
        env={**os.environ, "PYTHON": sys.executable})
    assert done.returncode == 0, done.stderr
    return folder


def test_the_bundle_holds_every_wheel_and_the_installers(bundle: Path) -> None:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename

    wheels = {parse_wheel_filename(p.name) for p in (bundle / "wheels").iterdir()}
    versions = {name: version for name, version, _build, _tags in wheels}
    [own] = (bundle / "wheels").glob("summarygen_gongwen-*.whl")
    archive = zipfile.ZipFile(own)
    assert "summarygen/pack/summarygen.yaml" in archive.namelist()
    info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = archive.read(info).decode("utf-8").splitlines()
    required = [Requirement(line.split(":", 1)[1]) for line in metadata
                if line.startswith("Requires-Dist:")]
    runtime = [r for r in required if r.marker is None]  # not an extra
    assert {"lxml", "pyyaml", "python-docx", "jinja2", "click"} <= {
        canonicalize_name(r.name) for r in runtime}
    for requirement in runtime:
        assert canonicalize_name(requirement.name) in versions, requirement
    tag = f"cp{PYTHON.replace('.', '')}"
    for name in ("lxml", "pyyaml", "markupsafe"):  # compiled: one wheel per platform and Python
        assert any(n == name and any(t.interpreter == tag and "manylinux" in t.platform
                                     for t in tags) for n, _v, _b, tags in wheels), name
    constraints = REPO / "constraints.txt"
    for line in constraints.read_text().splitlines() if constraints.is_file() else []:
        if line.strip() and not line.startswith("#"):
            bound = Requirement(line)
            version = versions.get(canonicalize_name(bound.name))
            assert version is None or bound.specifier.contains(version), (bound, version)
    assert (bundle / "使用手册.md").read_bytes() == (REPO / "docs/guide.md").read_bytes()
    assert os.access(bundle / "install.sh", os.X_OK)


def test_install_bat_is_for_chinese_windows(bundle: Path) -> None:
    raw = (bundle / "install.bat").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # cmd.exe needs CRLF
    text = raw.decode("gbk")  # the code page of cmd.exe on Chinese Windows
    assert "--no-index --find-links \"%HERE%wheels\"" in text
    assert "SetEnvironmentVariable('Path'" in text and "'User'" in text
    assert "summarygen 命令行.cmd" in text
    (bundle / "使用说明.txt").read_bytes().decode("gbk")


def offline_env(**extra: str) -> dict[str, str]:
    """The environment without pip's settings or this checkout: no index, no configuration."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PIP_", "PYTHON")) and key != "VIRTUAL_ENV"}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", **extra}


def test_the_windows_wheels_are_complete(bundle: Path, tmp_path: Path) -> None:
    """What install.bat asks pip for resolves from the bundle alone for Windows (pip's own
    resolver, told the target platform; colorama is what click needs there)."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links",
         str(bundle / "wheels"), "--platform", "win_amd64", "--python-version", PYTHON,
         "--implementation", "cp", "--only-binary=:all:", "--target", str(tmp_path / "t"),
         "summarygen-gongwen", "colorama"],
        capture_output=True, text=True, timeout=300, env=offline_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "summarygen-gongwen" in done.stdout and "lxml" in done.stdout
    tag = f"cp{PYTHON.replace('.', '')}-win_amd64"
    assert any(p.name.startswith("lxml-") and tag in p.name for p in (bundle / "wheels").iterdir())


def test_installs_with_no_network_and_builds_a_report(bundle: Path, tmp_path: Path) -> None:
    env = offline_env(PYTHON=sys.executable, SUMMARYGEN_BIN_DIR=str(tmp_path / "bin"),
                      HOME=str(tmp_path / "home"))
    installed = subprocess.run(["sh", str(bundle / "install.sh"), str(tmp_path / "venv")],
                               capture_output=True, text=True, timeout=600, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert f"已安装：{tmp_path / 'bin/summarygen'}" in installed.stdout
    command = str(tmp_path / "bin/summarygen")
    env["SUMMARYGEN_LANG"] = "zh"
    for args in (["init", "ws", "--org", "岳西县民政局"], ["build", "-C", "ws"]):
        done = subprocess.run([command, *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=300, env=env)
        assert done.returncode == 0, done.stderr
    where = subprocess.run([str(tmp_path / "venv/bin/python"), "-c",
                            "import summarygen; print(summarygen.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True,
                           env=env).stdout
    assert Path(where.strip()).is_relative_to(tmp_path / "venv")
    [report] = (tmp_path / "ws/out").glob("*/county.docx")
    texts = [p.text for p in Document(str(report)).paragraphs]
    assert texts[0] == "岳西县民政局"
    # the period init chose for today's date, with its own title (test_periods checks each)
    assert texts[1] == Period.parse(report.parent.name).words()["title"]
    assert "岳西县民政局" in texts[-2:]  # the signature
