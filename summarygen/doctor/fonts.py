"""Which fonts this machine has, by the names a document asks for (仿宋_GB2312, 黑体 …).

On Linux and other systems with fontconfig, ``fc-list`` names the installed families and
``fc-match`` says what a missing name is shown with: an open stand-in that a fontconfig alias
maps it to (as ``scripts/fonts.conf`` does) or only the last-resort default. Elsewhere (Windows,
macOS, a Linux without fontconfig) the font files in the system's and the user's font folders are
read: every family name in each file's ``name`` table, in every language, since Word and
WPS find 仿宋_GB2312 by its Chinese name as well as by ``FangSong_GB2312``.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_FAMILY_IDS = (1, 16)
"""``name`` table entries naming the family: the legacy family and the typographic family."""
_NO_SUCH_FONT = "summarygen-no-such-font"

Runner = Callable[[list[str]], str | None]
"""Runs a command and returns its output, or ``None`` if it cannot be run."""


@dataclass(frozen=True)
class FontState:
    """What this machine shows for one font name."""

    name: str
    installed: bool
    stand_in: str | None = None
    """The installed family shown in its place (fontconfig), if the font itself is missing."""


def font_folders(platform: str = sys.platform,
                 environ: Mapping[str, str] = os.environ) -> list[Path]:
    """The folders that hold the system's and the user's fonts."""
    home = Path(os.path.expanduser("~"))
    if platform == "win32":
        windows = environ.get("WINDIR") or environ.get("SystemRoot") or r"C:\Windows"
        local = environ.get("LOCALAPPDATA", "")
        user = Path(local) if local else home / "AppData" / "Local"
        return [Path(windows) / "Fonts", user / "Microsoft" / "Windows" / "Fonts"]
    if platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    data = environ.get("XDG_DATA_HOME", "")
    user_data = Path(data) if os.path.isabs(data) else home / ".local" / "share"
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), user_data / "fonts",
            home / ".fonts"]


def families_in_folders(folders: Iterable[Path]) -> set[str]:
    """Every family name of every font file in ``folders`` (and their subfolders)."""
    found: set[str] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                found.update(font_families(path))
    return found


def font_families(path: Path) -> set[str]:
    """The family names in a TrueType/OpenType file or collection; none if it is unreadable."""
    try:
        with path.open("rb") as handle:
            tag = handle.read(4)
            if tag == b"ttcf":
                handle.seek(8)
                (count,) = struct.unpack(">I", handle.read(4))
                offsets = struct.unpack(f">{count}I", handle.read(4 * count))
            else:
                offsets = (0,)
            names: set[str] = set()
            for offset in offsets:
                names.update(_families_at(handle, offset))
            return names
    except (OSError, struct.error, ValueError):
        return set()


def _families_at(handle: BinaryIO, offset: int) -> set[str]:
    """The family names of the font whose table directory starts at ``offset``."""
    handle.seek(offset + 4)
    (tables,) = struct.unpack(">H", handle.read(2))
    handle.seek(offset + 12)
    directory = handle.read(16 * tables)
    for index in range(tables):
        tag, _checksum, start, length = struct.unpack_from(">4sIII", directory, 16 * index)
        if tag == b"name":
            handle.seek(start)
            return _name_table(handle.read(length))
    return set()


def _name_table(table: bytes) -> set[str]:
    _format, count, strings = struct.unpack_from(">HHH", table)
    names = set()
    for index in range(count):
        platform, encoding, _language, name_id, length, start = struct.unpack_from(
            ">HHHHHH", table, 6 + 12 * index)
        if name_id not in _FAMILY_IDS:
            continue
        raw = table[strings + start: strings + start + length]
        if platform in (0, 3):  # Unicode, Windows: UTF-16 big-endian
            text = raw.decode("utf-16-be", errors="replace")
        elif platform == 1 and encoding == 0:  # Macintosh Roman
            text = raw.decode("mac_roman", errors="replace")
        else:
            continue
        if text.strip():
            names.add(text.strip())
    return names


def run_command(command: list[str]) -> str | None:
    """The output of ``command``, or ``None`` if it is missing or fails."""
    if shutil.which(command[0]) is None:
        return None
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def fontconfig_states(names: Iterable[str], run: Runner = run_command) -> list[FontState] | None:
    """Each name as fontconfig sees it; ``None`` where there is no fontconfig."""
    listing = run(["fc-list", ":", "family"])
    if listing is None:
        return None
    installed = {part.strip() for line in listing.splitlines() for part in line.split(",")}
    fallback = _matched(run, _NO_SUCH_FONT)
    states = []
    for name in names:
        if name in installed:
            states.append(FontState(name, True))
            continue
        shown = _matched(run, name)
        real = shown is not None and shown != fallback and shown in installed
        states.append(FontState(name, False, shown if real else None))
    return states


def _matched(run: Runner, name: str) -> str | None:
    """The first family name of the font fontconfig shows for ``name``."""
    output = run(["fc-match", "-f", "%{family}", name])
    return output.split(",")[0].strip() or None if output else None


def font_states(names: Iterable[str], platform: str = sys.platform,
                environ: Mapping[str, str] = os.environ,
                run: Runner = run_command) -> list[FontState]:
    """Whether this machine has each font ``names`` asks for (in that order)."""
    wanted = list(dict.fromkeys(names))
    if platform not in ("win32", "darwin"):
        states = fontconfig_states(wanted, run)
        if states is not None:
            return states
    installed = {name.casefold() for name in families_in_folders(font_folders(platform, environ))}
    return [FontState(name, name.casefold() in installed) for name in wanted]
