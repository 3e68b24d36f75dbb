"""A build killed at any moment: its workers die with it, the next run removes what it left, and
``out/`` holds one build's set of files (the old one, or the new one completed), never a mix.

The build is paused at a chosen point (``SUMMARYGEN_TEST_PAUSE``, see
:func:`summarygen.journal.pause_point`), which it announces in a file; the test then kills it, so
nothing depends on timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workspaces import DATASET, FIVE, digest, make_workspace, run

from summarygen.journal import HOST, JOURNAL_PREFIX

pytestmark = [pytest.mark.skipif(os.name == "nt", reason="kills processes with POSIX signals"),
              pytest.mark.usefixtures("chinese")]

REPOSITORY = Path(__file__).resolve().parent.parent
NEW_DATASET = DATASET.replace("3258人", "3300人")


def start(root: Path, pause: str, signal_file: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "SUMMARYGEN_TEST_PAUSE": pause,
           "SUMMARYGEN_TEST_PAUSE_FILE": str(signal_file), "SUMMARYGEN_NO_CACHE": "1"}
    return subprocess.Popen([sys.executable, "-m", "summarygen", "build", "-C", str(root),
                             "-f", "docx", "-f", "md", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def paused(signal_file: Path, process: subprocess.Popen[bytes], count: int = 1) -> list[int]:
    """The pids that reached the pause point, once ``count`` have."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = [p for p in signal_file.parent.glob(signal_file.name + ".*")
                 if not p.name.endswith(".part")]
        if len(found) >= count:
            return [int(p.read_text(encoding="utf-8")) for p in found]
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode() if process.stderr else "ended")
        time.sleep(0.02)
    raise AssertionError("the build never reached the pause point")


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def kill(process: subprocess.Popen[bytes], how: signal.Signals = signal.SIGKILL) -> None:
    os.kill(process.pid, how)
    process.communicate(timeout=60)


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A workspace built once (the old set), and the digests of the old and the new set that
    its changed dataset gives."""
    root = make_workspace(tmp_path / "ws", {"summarygen.yaml": FIVE})
    assert run("build", "-C", str(root), "-f", "docx", "-f", "md", "--jobs", "1")[0] == 0
    old = digest(root / "out")
    (root / "datasets/2024-H1/social_assistance.yaml").write_text(NEW_DATASET, encoding="utf-8")
    new_out = tmp_path / "new-out"
    assert run("build", "-C", str(root), "-f", "docx", "-f", "md", "--jobs", "1",
               "--out", str(new_out))[0] == 0
    new = digest(new_out)
    assert len(old) == len(new) == 10 and old != new
    return root, old, new


@pytest.mark.parametrize(("pause", "jobs", "finished"), [
    ("staged", "1", False),
    ("renamed:1", "1", True),
    ("renamed:4", "1", True),
    ("renamed:9", "1", True),
    ("staged", "2", False),
    ("renamed:5", "2", True),
])
def test_a_build_killed_while_writing_leaves_one_set(
        workspace: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path, pause: str,
        jobs: str, finished: bool) -> None:
    root, old, new = workspace
    process = start(root, pause, tmp_path / "paused", "--jobs", jobs)
    paused(tmp_path / "paused", process)
    kill(process)
    left = hidden(root / "out")
    assert any(name.endswith(".tmp") for name in left)
    assert finished == any(name.startswith(JOURNAL_PREFIX) for name in left)

    code, _out, err = run("check", "-C", str(root))  # notices and finishes the interrupted write
    assert code == 0, err
    assert digest(root / "out") == (new if finished else old)
    assert hidden(root / "out") == []


def test_the_next_build_removes_what_a_killed_build_left(
        workspace: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> None:
    root, _old, new = workspace
    process = start(root, "staged", tmp_path / "paused", "--jobs", "2")
    paused(tmp_path / "paused", process)
    kill(process)
    assert len([n for n in hidden(root / "out") if n.endswith(".tmp")]) == 10
    assert run("build", "-C", str(root), "-f", "docx", "-f", "md", "--jobs", "1")[0] == 0
    assert hidden(root / "out") == []
    assert digest(root / "out") == new


def test_a_running_build_s_files_are_left_alone(
        workspace: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> None:
    """Another build's temporary files and journal are not touched while it runs."""
    root, old, _new = workspace
    process = start(root, "renamed:2", tmp_path / "paused", "--jobs", "1")
    try:
        paused(tmp_path / "paused", process)
        before = hidden(root / "out")
        assert run("check", "-C", str(root))[0] == 0
        assert hidden(root / "out") == before
    finally:
        kill(process)
    assert run("check", "-C", str(root))[0] == 0
    assert hidden(root / "out") == []
    assert digest(root / "out") != old


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL, signal.SIGHUP])
def test_workers_die_with_their_parent(
        workspace: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path,
        how: signal.Signals) -> None:
    root, old, _new = workspace
    process = start(root, "worker", tmp_path / "paused", "--jobs", "2")
    workers = paused(tmp_path / "paused", process, count=2)
    assert process.pid not in workers and all(running(pid) for pid in workers)
    kill(process, how)
    deadline = time.monotonic() + 10
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(running(pid) for pid in workers)
    assert digest(root / "out") == old


def test_a_killed_archive_s_folder_is_removed_by_the_next(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    left = root / f"archive/2024-H1/.r1.{HOST}-{gone.pid}.0badf00d.tmp"
    (left / "out").mkdir(parents=True)
    (left / "out/county.docx").write_bytes(b"half")
    left.chmod(0o555)
    assert run("archive", "-C", str(root))[0] == 0
    assert sorted(p.name for p in (root / "archive/2024-H1").iterdir()) == ["r1"]
