"""`summarygen build --jobs N`: the same bytes and messages as one process, nothing lost."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from workspaces import FIVE, make_workspace

from summarygen.cli.commands import cli
from summarygen.errors import OutputError


def build(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["build", "-C", str(root), "-f", "docx", "-f", "md", *args])
    return result.exit_code, result.stdout, result.stderr


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_jobs_2_builds_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"summarygen.yaml": FIVE})
    one = build(root, "--jobs", "1", "--out", str(tmp_path / "one"))
    two = build(root, "--jobs", "2", "--out", str(tmp_path / "two"))
    assert one[0] == two[0] == 0, one[2] + two[2]
    assert two[1] == one[1].replace(str(tmp_path / "one"), str(tmp_path / "two"))
    assert two[2] == one[2]
    first = {k: v[0] for k, v in state(tmp_path / "one").items()}
    assert {k: v[0] for k, v in state(tmp_path / "two").items()} == first
    assert len(first) == 10


def test_a_failing_variant_with_jobs_2_leaves_out_untouched(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"summarygen.yaml": FIVE})
    assert build(root, "--jobs", "2")[0] == 0
    before = state(root / "out")
    own = root / "datasets/2024-H1/c4/social_assistance.yaml"
    own.parent.mkdir()
    own.write_text("funds: 很多\n", encoding="utf-8")
    code, out, err = build(root, "--jobs", "2")
    assert (code, out) == (1, "")
    assert build(root, "--jobs", "1")[2] == err  # the same messages as in one process
    assert "datasets/2024-H1/c4/social_assistance.yaml:1: funds: " in err
    assert state(root / "out") == before  # same files, same times, no temporary files


def test_warnings_from_workers_are_shown_once_and_in_order(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"summarygen.yaml": FIVE,
                                     "datasets/2024-H1/social_assistance.yaml": (
        "extremely_poor:\n  people: 2651人\n  dispersed: 2651人\n  centralized: 607人\n"
        "funds: 822万元\n")})
    one = build(root, "--jobs", "1", "--out", str(tmp_path / "one"))
    two = build(root, "--jobs", "2", "--out", str(tmp_path / "two"))
    assert one[0] == two[0] == 0
    assert two[2] == one[2] and one[2].count("\n") == 1
    code, _out, _err = build(root, "--jobs", "2", "--strict")
    assert code == 1 and not (root / "out").exists()


def test_user_errors_cross_process_boundaries() -> None:
    error = OutputError("无法写入 out/a.docx", Path("out/a.docx"), 3, "k")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is OutputError
    assert copy.format_message() == error.format_message()
    assert copy.problem == error.problem


def test_a_bug_in_a_worker_leaves_out_as_it_was(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import summarygen.build.pool

    root = make_workspace(tmp_path, {"summarygen.yaml": FIVE})
    assert build(root, "--jobs", "2")[0] == 0
    before = state(root / "out")
    real_encode = summarygen.build.pool.encode
    calls = []  # each forked worker counts its own calls

    def failing_encode(*args: object) -> bytes:
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("a bug in a writer")
        return real_encode(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(summarygen.build.pool, "encode", failing_encode)
    result = CliRunner().invoke(cli, ["build", "-C", str(root), "-f", "docx", "-f", "md",
                                      "--jobs", "2"])
    assert result.exit_code == 3  # shown as a bug of ours, not as the user's mistake
    assert "RuntimeError: a bug in a writer" in result.stderr
    assert state(root / "out") == before


def test_each_dataset_folder_is_listed_once_however_many_variants(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the period folder holds a folder per variant: listed again for each variant, a batch of
    # thousands took time growing with the square of its size
    from summarygen.workspace import datasets

    listed: list[Path] = []
    original = datasets.yaml_files

    def counted(folder: Path) -> list[Path]:
        listed.append(folder)
        return original(folder)

    monkeypatch.setattr(datasets, "yaml_files", counted)
    root = make_workspace(tmp_path, {"summarygen.yaml": FIVE})
    for k in (3, 4, 5):
        own = root / f"datasets/2024-H1/c{k}"
        own.mkdir()
        (own / "social_assistance.yaml").write_text(
            (root / "datasets/2024-H1/social_assistance.yaml").read_text(encoding="utf-8"),
            encoding="utf-8")
    assert build(root, "--jobs", "1")[0] == 0
    shared = root / "datasets/2024-H1"
    assert listed.count(shared) == 1
    assert sorted(p.name for p in listed if p != shared) == ["c3", "c4", "c5"]


@pytest.mark.parametrize(("variants", "jobs", "workers"), [
    (5, None, False),  # a few reports: built faster in this process than by starting workers
    (5, "2", True),  # unless asked for
    (8, None, True),
])
def test_workers_are_started_from_eight_reports_unless_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variants: int, jobs: str | None,
        workers: bool) -> None:
    from summarygen.build import pool, run

    started: list[int] = []
    original = pool.run_parallel

    def counted(*args: object, **kwargs: object) -> object:
        started.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pool, "run_parallel", counted)
    monkeypatch.setattr(run, "default_jobs", lambda: 2)
    config = FIVE.replace("variants:\n", "variants:\n" + "".join(
        f"  c{k}:\n    organisation: hs\n" for k in range(6, variants + 1)))
    root = make_workspace(tmp_path, {"summarygen.yaml": config})
    code, _out, err = build(root, *(["--jobs", jobs] if jobs else []))
    assert code == 0, err
    assert len(list((root / "out/2024-H1").glob("*.docx"))) == variants
    assert bool(started) is workers
