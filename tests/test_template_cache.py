"""Compiled templates are cached between runs, and an edited template is compiled again."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from workspaces import make_workspace

from summarygen.cli.commands import cli


def markdown(root: Path) -> str:
    result = CliRunner().invoke(cli, ["build", "-C", str(root), "-f", "md", "-V", "county"])
    assert result.exit_code == 0, result.output
    return (root / "out/2024-H1/county.md").read_text(encoding="utf-8")


def test_an_edited_template_is_compiled_again(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SUMMARYGEN_NO_CACHE", raising=False)
    root = make_workspace(tmp_path / "ws")
    assert "民政工作稳步推进" in markdown(root)
    assert list((tmp_path / "cache" / "summarygen").glob("jinja-*/*.cache"))
    report = root / "templates/report.md.j2"
    report.write_text(report.read_text(encoding="utf-8").replace("稳步推进", "扎实推进"),
                      encoding="utf-8")
    assert "民政工作扎实推进" in markdown(root)


def test_no_cache_when_turned_off_or_unwritable(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path / "ws")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMMARYGEN_NO_CACHE", "1")
    assert "民政工作稳步推进" in markdown(root)
    assert not (tmp_path / "cache").exists()
    monkeypatch.delenv("SUMMARYGEN_NO_CACHE")
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))  # not a folder
    assert "民政工作稳步推进" in markdown(root)


def test_a_cached_docx_base_gives_the_same_bytes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from summarygen.writer import base as docx_writer
    root = make_workspace(tmp_path / "ws")
    outputs = []
    for cache in ("off", "fresh", "filled"):
        if cache == "off":
            monkeypatch.setenv("SUMMARYGEN_NO_CACHE", "1")
        else:
            monkeypatch.delenv("SUMMARYGEN_NO_CACHE", raising=False)
            monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        docx_writer.base_package.cache_clear()
        out = tmp_path / cache
        result = CliRunner().invoke(cli, ["build", "-C", str(root), "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append((out / "2024-H1/county.docx").read_bytes())
    assert list((tmp_path / "cache/summarygen/docx-base").glob("*.zip"))
    assert outputs[0] == outputs[1] == outputs[2]
    docx_writer.base_package.cache_clear()


def test_a_docx_base_made_by_another_python_docx_is_not_reused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarygen.writer import base as docx_writer

    root = make_workspace(tmp_path / "ws")
    monkeypatch.delenv("SUMMARYGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bases = tmp_path / "cache/summarygen/docx-base"
    try:
        for release in (b'__version__ = "1.2.0"\n', b'__version__ = "1.3.0"\n'):
            monkeypatch.setattr(docx_writer, "_python_docx_source", lambda r=release: r)
            docx_writer.base_package.cache_clear()
            result = CliRunner().invoke(cli, ["build", "-C", str(root), "-o",
                                              str(tmp_path / "out")])
            assert result.exit_code == 0, result.output
        assert len(list(bases.glob("*.zip"))) == 2  # one base package for each release
    finally:
        docx_writer.base_package.cache_clear()
