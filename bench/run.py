#!/usr/bin/env python
"""Benchmarks of summarygen (issue #7): start-up, one report against docxtpl, a batch of
synthetic county variants, and how time grows with the length of a report.

    python bench/run.py --quick     # batch of 100 variants, a minute or less
    python bench/run.py             # batch of 2,844 variants

Needs the ``bench`` extra (``pip install -e '.[bench]'``: docxtpl). Nothing here is a test:
it prints figures and ratios, and the targets beside them, and asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's package, also when another one is installed

SAMPLE = "huoshan"  # the sample report: datasets/2024-H1/huoshan/
PERIOD = "2024-H1"
_QUANTITY = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?=(?:户|人次|人|个|名|家|所|处|间|张|万元|亿元|元))")


# --- timing helpers -----------------------------------------------------------------------------

_PYCACHE = tempfile.mkdtemp(prefix="sg-bench-pycache-")
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": _PYCACHE}
"""The environment of every timed command: with compiled bytecode, as an installed summarygen
has it (pip compiles every module when it installs the package). A checkout run where
``PYTHONDONTWRITEBYTECODE`` is set (this VM sets it) would compile each of summarygen's modules
from source on every start, which no installation does, while the dependencies (installed by
pip) start from bytecode. The bytecode goes to a temporary folder, not into the checkout."""

def best_of(runs: int, command: list[str]) -> float:
    """The shortest wall time of ``runs`` runs of a command (start-up noise only adds)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, env=ENV, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def per_call(func: Callable[[], object], runs: int) -> float:
    """Median seconds of one call, after one warm-up call."""
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak summed RSS of the process tree (MB, sampled every 10 ms) and the
    largest single process's peak RSS (MB, from getrusage)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            stop.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _out, err = process.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"the batch build failed:\n{err.decode()[-2000:]}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak[0] / 2**20, largest


# --- synthetic workspaces ----------------------------------------------------------------------

def vary(text: str, factor: int) -> str:
    """Every counted figure times ``factor``: sums stay sums, so the checks still hold."""
    return _QUANTITY.sub(lambda m: str(Decimal(m.group(1)) * factor), text)


def sample_files() -> dict[str, str]:
    folder = REPO / "datasets" / PERIOD / SAMPLE
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def longer_report(text: str, times: int) -> str:
    """report.yaml whose first part is repeated ``times`` times (``times`` × the sections)."""
    head, _parts = text.split("\nparts:\n", 1)
    first = "[epidemic, social_assistance, elderly, grassroots, social_affairs]"
    parts = [f"  - title: 第{i + 1}部分工作总结\n    areas: {first}\n" for i in range(times)]
    last = "  - title: 下半年工作安排\n    areas: [next_steps]\n"
    return head + "\nparts:\n" + "".join(parts) + last


def make_batch_workspace(folder: Path, count: int, sections: int = 1) -> Path:
    """``count`` county variants 第K县民政局, each with its own copy of the sample's datasets
    with varied figures, all sharing the repository's templates."""
    files = sample_files()
    if sections != 1:
        files["report.yaml"] = longer_report(files["report.yaml"], sections)
    lines = ["organisations:"]
    for k in range(1, count + 1):
        lines += [f"  c{k}:", f"    name: 第{k}县民政局", "    level: 县", f"    place: 第{k}县",
                  "    department: 民政局"]
    lines.append("variants:")
    for k in range(1, count + 1):
        lines += [f"  c{k}:", f"    organisation: c{k}"]
    lines += [f"templates: {REPO / 'templates'}", "periods:", f"  {PERIOD}:",
              "    date: 2024-07-05", ""]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "summarygen.yaml").write_text("\n".join(lines), encoding="utf-8")
    for k in range(1, count + 1):
        own = folder / "datasets" / PERIOD / f"c{k}"
        own.mkdir(parents=True)
        factor = 1 + k % 4
        for name, text in files.items():
            (own / name).write_text(vary(text, factor), encoding="utf-8")
    return folder


# --- the measurements --------------------------------------------------------------------------

FLOOR = "import docx, jinja2, yaml, click, lxml.etree"
"""The bare import of the run-time dependencies (pyproject.toml's list)."""
OLD_FLOOR = "import docx, jinja2, yaml, babel, click"
"""The floor as issue #16 measured it, when Babel was still a run-time dependency."""


def startup(runs: int) -> None:
    python = sys.executable
    out = tempfile.mkdtemp(prefix="sg-bench-")
    commands = {"floor": [python, "-c", FLOOR], "old floor": [python, "-c", OLD_FLOOR],
                "cli": [python, "-m", "summarygen", "build", "-C", str(REPO), "-o", out],
                "help": [python, "-m", "summarygen", "--help"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    try:
        # one round of each command after another, so that a change in the machine's load
        # (this VM's timings drift by tens of percent within minutes) reaches all of them alike
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(best_of(1, command))
    finally:
        shutil.rmtree(out)
    floor, old_floor, cli, help_ = (min(times[name]) for name in commands)
    print(f"import floor: {floor:.3f} s (python -c '{FLOOR}'); "
          f"with Babel as before: {old_floor:.3f} s")
    print(f"cli build of the repository workspace (3 reports): {cli:.3f} s; "
          f"ratio to the import floor {cli / floor:.2f} (target ≤ 1.6), "
          f"to the old floor {cli / old_floor:.2f}")
    print(f"summarygen --help: {help_:.3f} s (target ≤ 0.15 s)")


def watch_latency(rounds: int) -> None:
    """Seconds from saving a dataset to the rebuilt report being reported by ``--watch``."""
    folder = Path(tempfile.mkdtemp(prefix="sg-bench-watch-"))
    root = folder / "ws"
    for name in ("summarygen.yaml", "templates", "variants", "datasets"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            root.mkdir(exist_ok=True)
            shutil.copy2(source, root / name)
    process = subprocess.Popen([sys.executable, "-m", "summarygen", "build", "--watch", "-C",
                                str(root)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env={**ENV, "SUMMARYGEN_LANG": "en"})
    assert process.stdout is not None
    try:
        def built() -> None:
            for line in process.stdout:  # type: ignore[union-attr]
                if line.startswith("built at"):
                    return
            raise RuntimeError("the watch ended")

        built()
        dataset = next((root / "datasets" / PERIOD / SAMPLE).glob("*.yaml"))
        times = []
        for k in range(rounds):
            time.sleep(0.5)
            start = time.perf_counter()
            dataset.write_text(dataset.read_text(encoding="utf-8") + f"\n# {k}\n",
                               encoding="utf-8")
            built()
            times.append(time.perf_counter() - start)
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder)
    print(f"--watch, save to rebuilt report: median {statistics.median(times):.2f} s, "
          f"worst {max(times):.2f} s over {rounds} saves (target ≤ 0.5 s)")


def against_docxtpl(runs: int) -> None:
    import docx
    from docxtpl import DocxTemplate

    from summarygen.build import build_report, encode, open_session
    from summarygen.document.tree import Heading

    session = open_session(REPO, (SAMPLE,), PERIOD)
    variant = session.variants[0]

    def ours() -> bytes:
        session.files_read.clear()  # read every file again, as a report of its own would
        report = build_report(session, variant)
        assert report is not None
        return encode(report, "docx", variant)

    report = build_report(session, variant)
    assert report is not None
    texts = list(report.document.title)
    for block in report.document.blocks:
        if isinstance(block, Heading):
            texts.append(block.heading_text + (block.body or ""))
        else:
            texts.append(block.text)
    if report.document.signature is not None:
        texts += [report.document.signature.organisation, report.document.signature.date_text]
    folder = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    template = folder / "template.docx"
    made = docx.Document()
    for i in range(len(texts)):
        made.add_paragraph(f"{{{{ p{i} }}}}")
    made.save(str(template))
    context = {f"p{i}": text for i, text in enumerate(texts)}

    def theirs() -> bytes:
        doc = DocxTemplate(str(template))
        doc.render(context)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    mine, other = per_call(ours, runs), per_call(theirs, runs)
    shutil.rmtree(folder)
    chars = sum(len(t) for t in texts)
    print(f"one sample report in-process ({len(texts)} paragraphs, {chars} characters, from "
          f"YAML to DOCX bytes): {mine * 1000:.1f} ms; docxtpl, same text: {other * 1000:.1f} ms;"
          f" ratio {mine / other:.2f} (target ≤ 1.0)")


def batch(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    try:
        root = make_batch_workspace(folder / "ws", count)
        command = [sys.executable, "-m", "summarygen", "build", "-C", str(root),
                   "-o", str(folder / "out")]
        elapsed, total, largest = run_measured(command)
        written = len(list((folder / "out" / PERIOD).glob("*.docx")))
    finally:
        shutil.rmtree(folder)
    assert written == count, f"{written} of {count} written"
    print(f"batch: {count} docs in {elapsed:.1f} s ({count / elapsed:.0f} docs/s), "
          f"peak RSS {total:.0f} MB")
    print(f"  ({os.cpu_count()} cores; RSS summed over the process tree, shared pages counted "
          f"in each process; largest single process {largest:.0f} MB)")


def length(runs: int) -> None:
    from summarygen.build import build_report, encode, open_session

    folder = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    try:
        base = None
        for times in (1, 10, 100):
            # time = fixed + sections × per-section: linear growth keeps the per-section cost
            # the same from 10× to 100×
            root = make_batch_workspace(folder / f"x{times}", 1, sections=times)
            session = open_session(root, (), PERIOD)
            variant = session.variants[0]

            def one(session: object = session, variant: object = variant) -> int:
                session.files_read.clear()  # type: ignore[attr-defined]
                report = build_report(session, variant)  # type: ignore[arg-type]
                assert report is not None, [p.format() for p in session.problems]  # type: ignore[attr-defined]
                return len(encode(report, "docx", variant))  # type: ignore[arg-type]

            seconds = per_call(one, max(1, runs // times))
            base = base or seconds
            extra = "" if times == 1 else \
                f", {(seconds - base) / (times - 1) * 1000:.1f} ms per added section group"
            print(f"report length {times:>3}×: {seconds * 1000:8.1f} ms "
                  f"({seconds / base:6.1f}× the time of 1×{extra})")
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a batch of 100, fewer repeats")
    parser.add_argument("--batch", type=int, help="batch size (default 100 quick, 2844 full)")
    args = parser.parse_args()
    count = args.batch or (100 if args.quick else 2844)
    runs = 5 if args.quick else 10
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores; "
          f"commands run from bytecode (PYTHONPYCACHEPREFIX={_PYCACHE})")
    try:
        run_all(runs, count)
    finally:
        shutil.rmtree(_PYCACHE, ignore_errors=True)


def run_all(runs: int, count: int) -> None:
    startup(runs)
    watch_latency(runs)
    against_docxtpl(runs * 4)
    batch(count)
    length(runs * 2)


if __name__ == "__main__":
    main()
