"""The user's cache folder for what summarygen can keep between runs (compiled templates, the
DOCX base package): ``$XDG_CACHE_HOME/summarygen`` (``~/.cache/summarygen``). Nothing in it is
needed: a cache that cannot be made, read or written is skipped. ``SUMMARYGEN_NO_CACHE=1`` turns
it off."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(name: str) -> Path | None:
    """``<cache>/summarygen/<name>``, made if needed (private to the user), or ``None``."""
    if os.environ.get("SUMMARYGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "summarygen" / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
