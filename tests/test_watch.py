"""``build --watch``: rebuilds after a change, survives errors, stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
from workspaces import DATASET, make_workspace

from summarygen.cli.watch import Changes, compare, snapshot, watch, watched_roots
from summarygen.errors import ConfigError, SummarygenError

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.usefixtures("chinese")



class Recorder:
    """A watch report that remembers what it was told."""

    def __init__(self) -> None:
        self.changes: list[Changes] = []
        self.failures: list[str] = []
        self.builds = 0
        self.stops = 0

    def watching(self, roots: list[Path]) -> None:
        self.roots = roots

    def changed(self, changes: Changes) -> None:
        self.changes.append(changes)

    def built(self, seconds: float) -> None:
        self.builds += 1

    def failed(self, error: SummarygenError) -> None:
        self.failures.append(error.format_message())

    def stopped(self) -> None:
        self.stops += 1


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def touch(path: Path, text: str) -> None:
    """Write ``text`` so that the change shows even on a coarse clock (size differs too)."""
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_snapshot_sees_inputs_only(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    (root / "datasets/2024-H1/.social_assistance.yaml.swp").write_text("x")
    (root / "datasets/2024-H1/notes.yaml~").write_text("x")
    (root / "out/2024-H1").mkdir(parents=True)
    (root / "out/2024-H1/county.md").write_text("x")
    names = sorted(p.relative_to(root.resolve()).as_posix()
                   for p in snapshot(watched_roots(root)))
    assert names == ["datasets/2024-H1/social_assistance.yaml", "summarygen.yaml",
                     "templates/areas/social_assistance.md.j2", "templates/report.md.j2",
                     "templates/schemas/social_assistance.yaml"]


def test_compare_names_added_modified_and_removed(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    changes = compare({a: (1, 1), b: (1, 1)}, {b: (2, 1), c: (1, 1)})
    assert (changes.added, changes.modified, changes.removed) == ([c], [b], [a])
    assert not compare({a: (1, 1)}, {a: (1, 1)})


def run_watch(root: Path, rebuild: Callable[[], None], report: Recorder
              ) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(root, rebuild, report),
                              kwargs={"interval": 0.05, "should_stop": stop.is_set})
    thread.start()
    return thread, stop


def test_rebuilds_after_a_change_and_survives_errors(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    dataset = root / "datasets/2024-H1/social_assistance.yaml"
    outcomes: list[Exception | None] = [None, ConfigError("数据有误"), None]
    report = Recorder()

    def rebuild() -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    thread, stop = run_watch(root, rebuild, report)
    try:
        wait_for(lambda: report.builds == 1)
        touch(dataset, DATASET.replace("822万元", "823万元"))
        wait_for(lambda: len(report.failures) == 1)
        assert "数据有误" in report.failures[0]
        touch(root / "templates/report.md.j2", "# 标题\n")
        wait_for(lambda: report.builds == 2)
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()
    assert [c.modified for c in report.changes] == [[dataset.resolve()],
                                                    [(root / "templates/report.md.j2").resolve()]]


def test_ctrl_c_stops_the_watch(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    report = Recorder()

    def interrupted(_seconds: float) -> None:
        raise KeyboardInterrupt

    builds = watch(root, lambda: None, report, sleep=interrupted)
    assert (builds, report.builds, report.stops) == (1, 1, 1)


def lines_of(stream: IO[str], readers: list[threading.Thread]) -> queue.Queue[str]:
    """Lines of a pipe, read in a thread so that the test can wait with a timeout."""
    found: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            found.put(line.rstrip("\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    readers.append(reader)
    return found


def expect(lines: queue.Queue[str], fragment: str, timeout: float = 15.0) -> list[str]:
    """Lines read until one contains ``fragment``."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"no “{fragment}” in {seen}") from None
        seen.append(line)
        if fragment in line:
            return seen


INTERRUPTIBLE = ("import runpy, signal, sys; "
                 "signal.signal(signal.SIGINT, signal.default_int_handler); "
                 "sys.argv[0] = 'summarygen'; runpy.run_module('summarygen', run_name='__main__')")
"""``python -m summarygen`` with Ctrl-C delivered as KeyboardInterrupt even where the test runner
was started with SIGINT ignored (a background job of a non-interactive shell, as CI may run it):
Python installs its Ctrl-C handler only when it inherits the default one."""


def test_watch_command_end_to_end(tmp_path: Path) -> None:
    """The real command: build, change a file, see it rebuilt, break it, fix it, Ctrl-C."""
    root = make_workspace(tmp_path)
    env = {**os.environ, "SUMMARYGEN_LANG": "zh"}
    readers: list[threading.Thread] = []
    with subprocess.Popen(
            [sys.executable, "-c", INTERRUPTIBLE, "build", "--watch", "-f", "md", "-C", str(root)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8") as process:
        assert process.stdout is not None and process.stderr is not None
        out, err = lines_of(process.stdout, readers), lines_of(process.stderr, readers)
        try:
            drive(process, root, out, err)
        finally:
            process.kill()
            process.wait()
            for reader in readers:
                reader.join(5)


def drive(process: subprocess.Popen[str], root: Path, out: queue.Queue[str],
          err: queue.Queue[str]) -> None:
    """Build, change a file, see it rebuilt, break it, fix it, Ctrl-C."""
    dataset = root / "datasets/2024-H1/social_assistance.yaml"
    expect(out, "生成完毕")
    touch(dataset, DATASET.replace("822万元", "823万元"))
    assert any("改动：" in line and "social_assistance.yaml" in line
               for line in expect(out, "生成完毕"))
    assert "823万元" in (root / "out/2024-H1/county.md").read_text(encoding="utf-8")
    touch(dataset, DATASET.replace("822万元", "很多"))
    assert any("funds" in line for line in expect(err, "本次生成失败"))
    assert "823万元" in (root / "out/2024-H1/county.md").read_text(encoding="utf-8")
    touch(dataset, DATASET)
    expect(out, "生成完毕")
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    expect(out, "已停止监视。")


def test_the_configuration_is_read_again_only_when_it_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import summarygen.cli.watch as watching

    root = make_workspace(tmp_path)
    reads = []
    real = watching.load_workspace

    def counting(folder: Path) -> object:
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(watching, "load_workspace", counting)
    ticks = []

    def stop() -> bool:
        ticks.append(1)
        if len(ticks) == 5:
            touch(root / "summarygen.yaml", (root / "summarygen.yaml").read_text("utf-8") + "\n")
        return len(ticks) > 8

    watch(root, lambda: None, Recorder(), interval=0, should_stop=stop, sleep=lambda _s: None)
    assert len(reads) == 2  # at the start, and once after the edit


def test_a_broken_configuration_does_not_report_every_template_added(tmp_path: Path) -> None:
    own = "variants/yoy/areas/social_assistance.md.j2"
    root = make_workspace(tmp_path, {own: "### 同比。\n", "summarygen.yaml": (
        "organisations:\n  hs: {name: 霍山县民政局, level: 县}\nvariants:\n  county:\n"
        "    organisation: hs\n    templates: variants/yoy\n")})
    config = root / "summarygen.yaml"
    good = config.read_text("utf-8")
    report = Recorder()
    thread, stop = run_watch(root, lambda: None, report)
    try:
        wait_for(lambda: report.builds == 1)
        touch(config, good.replace("organisation: hs", "organisation: [hs"))
        wait_for(lambda: len(report.changes) == 1)
        touch(config, good + "\n")
        wait_for(lambda: len(report.changes) == 2)
    finally:
        stop.set()
        thread.join(5)
    assert [(c.added, c.removed, c.modified) for c in report.changes] == [
        ([], [], [config.resolve()]), ([], [], [config.resolve()])]
