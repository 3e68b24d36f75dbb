"""The workspace is a boundary: nothing is read through a link that leads out of it.

Workspaces sit on shared drives and template packs come from other offices, so a symbolic link
(or a Windows junction) inside one may point anywhere: at a colleague's private file, at
``~/.ssh``. Every read of the workspace (configuration, datasets, templates and their includes,
schemas, archives, the files ``new-period`` copies) checks that the file, links followed, lies
inside the folders it belongs to; a link that stays inside keeps working.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from summarygen.i18n import _


def within(path: Path, bases: Iterable[Path]) -> bool:
    """Whether ``path``, every link followed, lies inside one of ``bases`` (links followed)."""
    try:
        real = path.resolve()
        # A base that the real path lies under as written is a real folder itself (every
        # folder of a resolved path is), so it need not be resolved: most are, and resolving
        # one stats each folder of its path again.
        return any(real.is_relative_to(base) or real.is_relative_to(base.resolve())
                   for base in bases)
    except (OSError, RuntimeError):  # a loop of links
        return False


def outside_message(path: Path) -> str:
    """The message for a link that leads outside: it names where it leads."""
    return _("this is a link to {target}, outside the workspace; summarygen reads nothing from "
             "outside the workspace: copy the file into it instead of linking to it").format(
        target=os.path.realpath(path))
