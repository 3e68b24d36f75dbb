"""Outputs that survive a crash: owned temporary names, a journal of renames, and recovery.

A build writes each output to a temporary file and renames them all into place at the end
(:class:`summarygen.output.Staging`). A process killed (SIGKILL, a power cut) while doing so could
leave temporary files behind and ``out/`` holding some new files and some old ones. So:

- every temporary file and backup is named after the process that owns it (a short hash of the
  machine's name and the pid of the build): ``.县级版.docx.3fa2c1-4711.9b1e04d2.tmp``;
- before the first rename, a journal listing every (temporary file, final name, backup) is
  written atomically beside the outputs; it is removed after the last rename. While it exists,
  nobody else touches the temporary files it names;
- the next ``build`` or ``check`` calls :func:`recover`: a journal whose owner is gone is
  completed (every remaining temporary file renamed into place: they were all on disk before the
  journal was written) or, if the build was undoing its renames when it died, rolled back; then
  temporary files and backups whose owner is gone are removed.

A process is *gone* when it ran on this machine and no longer runs; files of another machine
(a shared drive) count as abandoned after :data:`STALE_SECONDS`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STALE_SECONDS = 24 * 3600
"""Age after which another machine's temporary files are taken as abandoned."""
JOURNAL_PREFIX = ".summarygen-renames."


def _host_name() -> str:
    """This machine's name: from ``uname`` where there is one (what ``gethostname`` returns
    there, without importing ``socket`` for it), else from ``socket``."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


HOST = hashlib.sha256(_host_name().encode("utf-8", "replace")).hexdigest()[:6]
_OWNED = re.compile(r"^\..+\.(?P<host>[0-9a-f]{6})-(?P<pid>\d{1,10})\.[0-9a-f]{8}\.(?:tmp|old)$")
_JOURNAL = re.compile(rf"^{re.escape(JOURNAL_PREFIX)}(?P<host>[0-9a-f]{{6}})-(?P<pid>\d{{1,10}})"
                      r"\.json$")
_owner: int | None = None


def set_owner(pid: int) -> None:
    """Name the temporary files this process writes after ``pid`` (a worker of a parallel
    build writes them for its parent, which renames them)."""
    global _owner
    _owner = pid


def owner_tag() -> str:
    """``<host hash>-<pid>`` of the process that owns the files this process writes."""
    return f"{HOST}-{_owner if _owner is not None else os.getpid()}"


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return True


if sys.platform == "win32":
    import ctypes

    def _alive_windows(pid: int) -> bool:
        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel.GetLastError() == 5)  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)


def _abandoned(path: Path, host: str, pid: int) -> bool:
    if host == HOST:
        return not alive(pid)
    try:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False


# --- the journal --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One rename of a set: the temporary file, its final name, where the earlier file is kept
    while the set is renamed, and whether there was an earlier file."""

    tmp: Path
    final: Path
    backup: Path
    earlier: bool


def write_journal(entries: list[Entry], state: str = "commit",
                  path: Path | None = None) -> Path:
    """Write (or rewrite, with ``path``) the journal of ``entries`` atomically and durably."""
    folder = entries[0].final.parent
    path = path or folder / f"{JOURNAL_PREFIX}{owner_tag()}.json"
    body = {"state": state, "entries": [
        {"tmp": _relative(e.tmp, folder), "final": _relative(e.final, folder),
         "backup": _relative(e.backup, folder), "earlier": e.earlier} for e in entries]}
    draft = path.with_name(path.name + ".part")
    with open(draft, "w", encoding="utf-8") as handle:
        json.dump(body, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(draft, path)
    return path


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path, folder)).as_posix()


def _read_journal(path: Path) -> tuple[str, list[Entry]] | None:
    try:
        body: Any = json.loads(path.read_text(encoding="utf-8"))
        entries = [Entry(path.parent / e["tmp"], path.parent / e["final"],
                         path.parent / e["backup"], bool(e["earlier"]))
                   for e in body["entries"]]
        return str(body["state"]), entries
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _complete(entries: list[Entry]) -> list[Path]:
    done = []
    for entry in entries:
        if entry.tmp.exists():
            os.replace(entry.tmp, entry.final)
            done.append(entry.final)
        entry.backup.unlink(missing_ok=True)
    return done


def _roll_back(entries: list[Entry]) -> list[Path]:
    restored = []
    for entry in reversed(entries):
        if entry.tmp.exists():  # never renamed
            entry.tmp.unlink()
        elif entry.backup.exists():
            os.replace(entry.backup, entry.final)
            restored.append(entry.final)
        elif not entry.earlier:
            entry.final.unlink(missing_ok=True)
        entry.backup.unlink(missing_ok=True)
    return restored


# --- recovery -----------------------------------------------------------------------------------


def recover(out: Path) -> list[Path]:
    """Finish what builds that died left in ``out`` and its folders: complete (or roll back)
    their renames, remove their temporary files and backups. Returns the files put in place."""
    folders = [out, *sorted(p for p in _children(out) if p.is_dir())]
    restored: list[Path] = []
    for folder in folders:
        for path in sorted(_children(folder)):
            match = _JOURNAL.match(path.name)
            if match is None or not _abandoned(path, match["host"], int(match["pid"])):
                continue
            read = _read_journal(path)
            if read is not None:
                state, entries = read
                restored += _complete(entries) if state == "commit" else _roll_back(entries)
            path.unlink(missing_ok=True)
    for folder in folders:
        _remove_abandoned(folder)
    return restored


def _children(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def abandoned(folder: Path) -> list[Path]:
    """Temporary files and folders, backups and half-written journals in ``folder`` whose
    owner is gone (a live build's files carry a live owner; a journal itself is dealt with by
    :func:`recover`)."""
    found = []
    for path in _children(folder):
        name = path.name
        match = _JOURNAL.match(name[:-5]) if name.endswith(".part") else _OWNED.match(name)
        if match is not None and _abandoned(path, match["host"], int(match["pid"])):
            found.append(path)
    return found


def _remove_abandoned(folder: Path) -> None:
    for path in abandoned(folder):
        if not path.is_dir():
            with contextlib.suppress(OSError):
                path.unlink()


# --- a hook for tests that kill a build at a chosen moment --------------------------------------


def pause_point(name: str) -> None:
    """If ``SUMMARYGEN_TEST_PAUSE`` names this point, say so in the file named by
    ``SUMMARYGEN_TEST_PAUSE_FILE`` (this process's pid) and wait to be killed. Points:
    ``worker`` (a worker of a parallel build has begun), ``staged`` (every temporary file is
    on disk, no journal yet), ``renamed:N`` (N files renamed)."""
    if os.environ.get("SUMMARYGEN_TEST_PAUSE") != name:
        return
    signal_file = Path(os.environ.get("SUMMARYGEN_TEST_PAUSE_FILE", "summarygen-paused"))
    draft = signal_file.with_name(f"{signal_file.name}.{os.getpid()}.part")
    draft.write_text(str(os.getpid()), encoding="utf-8")
    os.replace(draft, signal_file.with_name(f"{signal_file.name}.{os.getpid()}"))
    while True:
        time.sleep(60)
