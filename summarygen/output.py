"""Writing outputs so that nothing is ever half-written or lost.

A build first writes every file to a hidden temporary name beside its final path; only when all
of them exist are they renamed into place (``os.replace`` is atomic on one file system). A build
that fails removes its temporary files and leaves every earlier output as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

from summarygen.errors import OutputError
from summarygen.i18n import _

SYNC_ONE_BY_ONE = 16
"""Up to this many files are synced one by one; more, with one system-wide ``sync``."""


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    with Staging() as staging:
        staging.add(path, data)
        staging.commit()


class Staging:
    """Files written to temporary names, renamed into place together by :meth:`commit`."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def add(self, path: Path, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``path``."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(_("cannot write {path}: {reason}").format(
                path=path, reason=exc.strerror or exc)) from None
        self._pending.append((Path(tmp), path))

    def commit(self) -> list[Path]:
        """Put every temporary file on disk, then rename each to its final name; return the
        final paths."""
        done = []
        final = self._pending[0][1] if self._pending else Path()
        try:
            self._sync()
            for tmp, final in self._pending:
                os.replace(tmp, final)
                done.append(final)
        except OSError as exc:
            raise OutputError(_("cannot write {path}: {reason}").format(
                path=final, reason=exc.strerror or exc)) from None
        finally:
            self._pending = [(t, f) for t, f in self._pending if f not in done]
        return done

    def _sync(self) -> None:
        """Make the temporary files' contents durable before any rename, so that a crash
        cannot leave an empty file in place of an earlier output. One ``fsync`` a file costs
        milliseconds each on a disk; for a batch, one ``sync`` of everything is far cheaper."""
        if len(self._pending) > SYNC_ONE_BY_ONE:
            os.sync()
            return
        for tmp, _final in self._pending:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def detach(self) -> list[tuple[Path, Path]]:
        """Hand the written temporary files over (to another process's :class:`Staging`, which
        will :meth:`adopt` them); this one forgets them and will not remove them."""
        pending, self._pending = self._pending, []
        return pending

    def adopt(self, pending: list[tuple[Path, Path]]) -> None:
        """Take over temporary files written elsewhere: (temporary path, final path) pairs."""
        self._pending.extend(pending)

    def discard(self) -> None:
        """Remove temporary files not yet renamed."""
        for tmp, _final in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending = []

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()


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
        tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {reason}").format(
            path=final, reason=exc.strerror or exc)) from None
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
            path=final, reason=exc.strerror or exc)) from None
    finally:
        if tmp.exists():
            _remove_tree(tmp)


def _remove_tree(folder: Path) -> None:
    """Remove a folder even where its files were made read-only."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(stat.S_IRWXU)
    shutil.rmtree(folder, ignore_errors=True)
