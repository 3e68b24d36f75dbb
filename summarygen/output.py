"""Writing outputs so that nothing is ever half-written or lost.

A build first writes every file to a hidden temporary name beside its final path; only when all
of them exist are they renamed into place (``os.replace`` is atomic on one file system). A build
that fails removes its temporary files and leaves every earlier output as it was, also when one
rename fails half-way (a report held open in Word or WPS on Windows): the renames already done
are undone.

Outputs are shared with colleagues on shared folders, so temporary files and folders are made
with the modes of ordinary files (``0o666``/``0o777`` less the umask, applied by the system), not
``tempfile``'s private ``0o600``/``0o700``. Everything here also works on Windows: no ``os.sync``
there, and folders cannot be opened to be synced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

from summarygen.errors import OutputError, os_reason
from summarygen.i18n import _
from summarygen.journal import Entry, abandoned, owner_tag, pause_point, write_journal

SYNC_ONE_BY_ONE = 16
"""Up to this many files are synced one by one; more, with one system-wide ``sync`` where the
system has one (not on Windows)."""

_BINARY = getattr(os, "O_BINARY", 0)
"""Windows opens files in text mode unless told otherwise."""


def temporary_file(path: Path) -> tuple[int, Path]:
    """A new, empty file beside ``path`` with a hidden unique name, open for writing: (descriptor,
    its path). Its mode is ``0o666`` less the umask, as for any file a program makes."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    for _attempt in range(100):
        tmp = path.parent / f".{path.name}.{owner_tag()}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(path))


def temporary_folder(path: Path) -> Path:
    """A new, empty folder beside ``path`` with a hidden unique name, mode ``0o777`` less the
    umask (``tempfile.mkdtemp`` makes it private to the user)."""
    for _attempt in range(100):
        tmp = path.parent / f".{path.name}.{owner_tag()}.{os.urandom(4).hex()}.tmp"
        try:
            tmp.mkdir(0o777)
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(path))


def is_locked(exc: OSError, path: Path) -> bool:
    """Whether ``exc``, raised when replacing or reading ``path``, means that another program
    holds the file open (Windows: Word and WPS lock the documents they show)."""
    if getattr(exc, "winerror", None) in (32, 33):  # sharing or lock violation
        return True
    return (isinstance(exc, PermissionError) and path.is_file()
            and os.access(path.parent, os.W_OK))


def write_error(path: Path, exc: OSError) -> OutputError:
    """The user's message for a file that could not be written."""
    if is_locked(exc, path):
        return OutputError(_("{path} is open in another program (such as Word or WPS); close it "
                             "and try again").format(path=path))
    return OutputError(_("cannot write {path}: {reason}").format(
        path=path, reason=os_reason(exc)))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    with Staging() as staging:
        staging.add(path, data)
        staging.commit()


class Staging:
    """Files written to temporary names, renamed into place together by :meth:`commit`."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._journal: Path | None = None

    def add(self, path: Path, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``path``."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = temporary_file(path)
        except OSError as exc:
            raise write_error(path, exc) from None
        self._pending.append((tmp, path))
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise write_error(path, exc) from None

    def commit(self) -> list[Path]:
        """Put every temporary file on disk, then rename each to its final name; return the
        final paths. If one cannot be renamed, those already renamed are put back as they were,
        so the earlier outputs stay together."""
        final = self._pending[0][1] if self._pending else Path()
        entries = [Entry(tmp, final, tmp.with_suffix(".old"), final.is_file())
                   for tmp, final in self._pending]
        try:
            self._sync()
            pause_point("staged")
            # a set of renames that a crash could cut in two is journaled (see journal.py)
            self._journal = write_journal(entries) if len(entries) > 1 else None
        except OSError as exc:
            raise write_error(final, exc) from None
        replaced: list[tuple[Path, Path | None]] = []
        try:
            for number, entry in enumerate(entries, 1):
                final = entry.final
                backup = _keep(final, entry.backup)
                try:
                    os.replace(entry.tmp, final)
                except OSError:
                    _forget(backup)
                    raise
                replaced.append((final, backup))
                pause_point(f"renamed:{number}")
        except OSError as exc:
            self._undo(entries, replaced)
            raise write_error(final, exc) from None
        for _final, backup in replaced:
            _forget(backup)
        self._close_journal()
        done, self._pending = [final for _tmp, final in self._pending], []
        for folder in dict.fromkeys(path.parent for path in done):
            try:
                _sync_folder(folder)
            except OSError as exc:
                raise write_error(folder, exc) from None
        return done

    def _sync(self) -> None:
        """Make the temporary files' contents durable before any rename, so that a crash
        cannot leave an empty file in place of an earlier output. One ``fsync`` a file costs
        milliseconds each on a disk; for a batch, one ``sync`` of everything is far cheaper
        (Windows has no ``os.sync``: there, each file is synced)."""
        if len(self._pending) > SYNC_ONE_BY_ONE and hasattr(os, "sync"):
            os.sync()
            return
        for tmp, _final in self._pending:
            # written to, so opened for writing: Windows cannot flush a read-only descriptor
            fd = os.open(tmp, os.O_RDWR | _BINARY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def _undo(self, entries: list[Entry], replaced: list[tuple[Path, Path | None]]) -> None:
        """Put the earlier files back; the journal says so first, so that a crash meanwhile
        is rolled back by the next run rather than completed."""
        if self._journal is not None:
            with contextlib.suppress(OSError):
                write_journal(entries, "undo", self._journal)
        _undo(replaced)
        self._close_journal()

    def _close_journal(self) -> None:
        if self._journal is not None:
            with contextlib.suppress(OSError):
                self._journal.unlink()
            self._journal = None

    def detach(self) -> list[tuple[Path, Path]]:
        """Hand the written temporary files over (to another process's :class:`Staging`, which
        will :meth:`adopt` them); this one forgets them and will not remove them."""
        pending, self._pending = self._pending, []
        return pending

    def adopt(self, pending: list[tuple[Path, Path]]) -> None:
        """Take over temporary files written elsewhere: (temporary path, final path) pairs."""
        self._pending.extend(pending)

    def discard(self) -> None:
        """Remove temporary files not yet renamed (unless a journal names them: interrupted
        while renaming, the set is left for the next run to complete)."""
        if self._journal is not None:
            return
        for tmp, _final in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending = []

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()


def _keep(final: Path, backup: Path) -> Path | None:
    """A second name ``backup`` for the file at ``final`` (a hard link, else a copy), so that it
    can be put back if a later rename fails; ``None`` if there is no such file."""
    if not final.is_file():
        return None
    try:
        os.link(final, backup)
    except OSError:  # no hard links here (FAT, some network shares): copy it
        shutil.copyfile(final, backup)
    return backup


def _undo(replaced: list[tuple[Path, Path | None]]) -> None:
    """Put back the files that were at these final paths before (none where there was none)."""
    for final, backup in reversed(replaced):
        try:
            if backup is None:
                final.unlink(missing_ok=True)
            else:
                os.replace(backup, final)
        except OSError:
            pass  # left as built, its earlier version kept beside it: the rest is still restored


def _forget(backup: Path | None) -> None:
    if backup is not None:
        backup.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable where the system can (not on Windows, where a
    folder cannot be opened; some file systems refuse to sync a folder, which is harmless)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EBADF, errno.EINVAL, errno.ENOTSUP, errno.EROFS):
            raise
    finally:
        os.close(fd)


class FolderAppeared(Exception):
    """The final folder came into being while the new one was being written (another run)."""


def write_folder(final: Path, files: Mapping[str, bytes] | Mapping[Path, bytes],
                 finish: Callable[[Path], None] | None = None) -> None:
    """Write a whole folder: its files go into a temporary folder beside ``final``, ``finish``
    (for example making it read-only) runs on that folder, and it is renamed to ``final``.

    Never replaces an existing ``final`` (raises :class:`FolderAppeared`) and leaves nothing
    behind on failure, so the folder either exists complete or not at all.
    """
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        for left in abandoned(final.parent):  # by a run that was killed while writing
            if left.is_dir():
                _remove_tree(left)
            else:
                with contextlib.suppress(OSError):
                    left.unlink()
        tmp = temporary_folder(final)
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {reason}").format(
            path=final, reason=os_reason(exc))) from None
    try:
        for relative, data in files.items():
            path = tmp / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if finish is not None:
            finish(tmp)
        if final.exists():
            raise FolderAppeared(str(final))
        os.rename(tmp, final)
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {reason}").format(
            path=final, reason=os_reason(exc))) from None
    finally:
        if tmp.exists():
            _remove_tree(tmp)


def _remove_tree(folder: Path) -> None:
    """Remove a folder even where its files were made read-only (Windows deletes no read-only
    file; elsewhere a read-only folder keeps its files)."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(stat.S_IRWXU if path.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
    shutil.rmtree(folder, ignore_errors=True)
