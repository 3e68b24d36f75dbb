"""The user's cache folder for what summarygen can keep between runs (compiled templates, the
DOCX base package). Nothing in it is needed: a cache that cannot be made, read or written is
skipped. ``SUMMARYGEN_NO_CACHE=1`` turns it off.

Where it is follows the rules of ``platformdirs`` (``user_cache_dir("summarygen")``), written out
here rather than adding a dependency for a few lines:

- Windows: ``%LOCALAPPDATA%\\summarygen\\Cache`` — the local application data, which does not
  roam with the profile (``%USERPROFILE%\\.cache`` would be copied to every PC a user logs on to);
- macOS: ``~/Library/Caches/summarygen``;
- elsewhere: ``$XDG_CACHE_HOME/summarygen`` (an absolute path only, as the XDG rules say), else
  ``~/.cache/summarygen``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path


def cache_root(platform: str = sys.platform,
               environ: Mapping[str, str] = os.environ) -> Path:
    """summarygen's own cache folder on ``platform`` (a ``sys.platform`` value)."""
    home = Path(os.path.expanduser("~"))
    if platform == "win32":
        local = environ.get("LOCALAPPDATA", "")
        base = Path(local) if local else home / "AppData" / "Local"
        return base / "summarygen" / "Cache"
    if platform == "darwin":
        return home / "Library" / "Caches" / "summarygen"
    xdg = environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"
    return base / "summarygen"


def cache_folder(name: str) -> Path | None:
    """``<cache>/<name>``, made if needed (private to the user), or ``None``."""
    if os.environ.get("SUMMARYGEN_NO_CACHE"):
        return None
    folder = cache_root() / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
