"""A failure never costs an earlier output: ``out/`` stays exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from workspaces import DATASET, make_workspace

from summarygen.cli.commands import cli

BROKEN = "extremely_poor:\n  people: [3258人\nfunds: 822万元\n"
MISMATCH = DATASET.replace("people: 3258人", "people: 2651人")


pytestmark = pytest.mark.usefixtures("chinese")


def build(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["build", "-C", str(root), "-f", "md", "-f", "txt", *args])


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its content and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A workspace whose reports were built once."""
    root = make_workspace(tmp_path)
    result = build(root)
    assert result.exit_code == 0, result.output
    return root


def test_a_failed_build_leaves_out_as_it_was(built: Path) -> None:
    before = state(built / "out")
    (built / "datasets/2024-H1/social_assistance.yaml").write_text(BROKEN, encoding="utf-8")
    result = build(built)
    assert result.exit_code == 1
    assert "YAML 格式错误" in result.stderr
    assert state(built / "out") == before
    assert sorted(before) == ["2024-H1/city.md", "2024-H1/city.txt", "2024-H1/county.md",
                              "2024-H1/county.txt"]


def test_one_failing_variant_touches_no_other_output(built: Path) -> None:
    before = state(built / "out")
    own = built / "datasets/2024-H1/city/social_assistance.yaml"
    own.parent.mkdir()
    own.write_text(BROKEN, encoding="utf-8")
    result = build(built)
    assert result.exit_code == 1
    assert result.stderr.startswith("datasets/2024-H1/city/social_assistance.yaml:3: 错误:")
    assert state(built / "out") == before
    # the county report still builds on its own, and the city's output is left alone
    result = build(built, "--variant", "county")
    assert result.exit_code == 0, result.output
    after = state(built / "out")
    assert after["2024-H1/city.md"] == before["2024-H1/city.md"]
    assert after["2024-H1/county.md"][0] == before["2024-H1/county.md"][0]


def test_a_warning_builds_unless_strict(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": MISMATCH})
    result = build(root, "--strict")
    assert result.exit_code == 1
    assert "“特困人员总数”为 2651人，但各部分之和为 3258人" in result.stderr
    assert not (root / "out").exists()
    result = build(root)
    assert result.exit_code == 0, result.output
    assert "警告: “特困人员总数”为 2651人" in result.stderr
    assert (root / "out/2024-H1/county.md").is_file()


def test_a_failed_rename_puts_back_the_renamed_ones(built: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import summarygen.output

    real_replace = os.replace
    before = state(built / "out")
    (built / "datasets/2024-H1/social_assistance.yaml").write_text(
        DATASET.replace("822万元", "823万元"), encoding="utf-8")
    calls = []

    def failing_replace(src: Path, dst: Path) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(summarygen.output.os, "replace", failing_replace)
    result = build(built)
    assert result.exit_code == 1
    assert "无法写入" in result.stderr and "磁盘空间已满" in result.stderr
    # the first file had been renamed into place: it is put back, the very same file (mtime),
    # and no temporary file or kept copy is left behind
    assert state(built / "out") == before


def test_a_bug_while_writing_leaves_out_as_it_was(built: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import summarygen.build.run

    before = state(built / "out")
    real_encode = summarygen.build.run.encode
    calls = []

    def failing_encode(*args: object) -> bytes:
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("a bug in a writer")
        return real_encode(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(summarygen.build.run, "encode", failing_encode)
    result = build(built)
    assert result.exit_code == 3  # shown as a bug of ours, not as the user's mistake
    assert "RuntimeError: a bug in a writer" in result.stderr
    assert state(built / "out") == before
