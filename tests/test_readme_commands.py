"""The README's commands, run in the repository, leave its sample workspace as the tests expect.

The first command block of “用法” is meant to be tried in the repository: each command is run in
a copy of it and must succeed without changing anything but ``out/``. Commands that make or
change a workspace (the second block) work in a practice workspace (``-C 练习``) or make a new
one, so that ``new-period`` never leaves a period in the repository's ``datasets/``.
"""

from __future__ import annotations

import glob
import re
import shlex
from pathlib import Path

import pytest
from workspaces import copy_repository, digest, run

ROOT = Path(__file__).resolve().parents[1]
SLOW_OR_MACHINE = ("--watch", "pdf", "doctor")
"""Left out: a command that runs until Ctrl-C, one that needs LibreOffice, one about the machine."""
MAKES_ITS_OWN = ("init", "import", "fix")

pytestmark = pytest.mark.usefixtures("chinese")


def blocks() -> list[list[str]]:
    """The command lines of the ``sh`` blocks in the README's “用法” section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = text[text.index("## 用法"):text.index("\n## ", text.index("## 用法") + 1)]
    return [[line.split("  #")[0].strip() for line in block.splitlines()
             if line.startswith("summarygen ")]
            for block in re.findall(r"```sh\n(.*?)```", usage, flags=re.S)]


def test_the_repository_commands_change_nothing_but_out(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_repository(tmp_path / "repo")
    before = digest(root)
    monkeypatch.chdir(root)
    commands = [c for c in blocks()[0] if not any(word in c for word in SLOW_OR_MACHINE)]
    assert len(commands) >= 10
    for command in commands:
        args = [expanded for arg in shlex.split(command)[1:]
                for expanded in (sorted(glob.glob(arg)) if "*" in arg else [arg])]
        code, _out, err = run(*args)
        assert code == 0, f"{command}: {err}"
    after = {name: sha for name, sha in digest(root).items() if not name.startswith("out/")}
    assert after == before


def test_commands_that_change_a_workspace_work_in_a_practice_one() -> None:
    first, second = blocks()[:2]
    assert not [c for c in first if c.split()[1] in ("new-period", "archive", "init")]
    assert [c.split()[1] for c in second if c.split()[1] in MAKES_ITS_OWN] == [
        "init", "import", "fix"]
    assert all("-C 练习" in c for c in second if c.split()[1] not in MAKES_ITS_OWN)
