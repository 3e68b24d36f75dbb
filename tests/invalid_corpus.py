"""The corpus of bad inputs under ``tests/data/invalid/``: one case per kind of mistake.

A case is either one file ``<kind>.<ext>`` with a sidecar ``<kind>.expected``, or a folder
``<kind>/`` holding an ``expected`` file and the workspace files it replaces (at their paths in
the workspace). The sidecar is YAML::

    about: what the mistake is (for readers)
    target: datasets/2024-H1/social_assistance.yaml   # single-file cases: where the file goes
    repeat: 1             # the file's content written this many times (for oversized files)
    args: [check]         # the command, without -C
    exit: 1
    stderr: |             # exactly what the program prints on stderr
      datasets/2024-H1/social_assistance.yaml:2: 错误: …
    stdout: |             # optional: exactly what it prints on stdout
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from workspaces import make_workspace

from summarygen.cli.commands import cli

CORPUS = Path(__file__).parent / "data" / "invalid"
SIDECAR = "expected"


@dataclass(frozen=True)
class Case:
    """One kind of mistake: the files that contain it and what the program must answer."""

    kind: str
    files: dict[str, bytes]
    args: tuple[str, ...]
    exit: int
    stderr: str
    stdout: str | None = None
    about: str = ""


def load_cases() -> list[Case]:
    """Every case of the corpus, by kind."""
    cases = []
    for path in sorted(CORPUS.iterdir()):
        if path.is_dir():
            cases.append(_folder_case(path))
        elif path.suffix == "." + SIDECAR:
            cases.append(_file_case(path))
    return cases


def _read_sidecar(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _file_case(sidecar: Path) -> Case:
    spec = _read_sidecar(sidecar)
    kind = sidecar.stem
    [source] = [p for p in sidecar.parent.glob(kind + ".*") if p != sidecar]
    content = source.read_bytes() * int(spec.get("repeat", 1))
    return _case(kind, {spec["target"]: content}, spec)


def _folder_case(folder: Path) -> Case:
    spec = _read_sidecar(folder / SIDECAR)
    files = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in sorted(folder.rglob("*")) if p.is_file() and p.name != SIDECAR}
    return _case(folder.name, files, spec)


def _case(kind: str, files: dict[str, bytes], spec: dict[str, Any]) -> Case:
    return Case(kind, files, tuple(spec.get("args", ["check"])), int(spec.get("exit", 1)),
                spec["stderr"], spec.get("stdout"), spec.get("about", ""))


def run_case(case: Case, root: Path, before_run: Callable[[], None] | None = None) -> Result:
    """Build the standard test workspace in ``root`` with the case's files, run the command
    (calling ``before_run`` just before)."""
    make_workspace(root)
    for name, content in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if before_run is not None:
        before_run()
    return CliRunner().invoke(cli, [*case.args, "-C", str(root)])
