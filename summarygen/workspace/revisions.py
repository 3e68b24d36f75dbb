"""The archive's layout: ``archive/<period>/r<N>/``, one frozen, self-contained revision each.

A revision is itself a workspace (``summarygen.yaml``, ``templates/``, ``datasets/``) with the
outputs built from it (``out/``) and a ``manifest.json``. Revisions are numbered from 1; a new one
is added beside the old ones, which are never changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarygen.boundary import outside_message, within
from summarygen.errors import ArchiveError, os_reason
from summarygen.i18n import _
from summarygen.termtable import table
from summarygen.workspace.period import Period, PeriodError

ARCHIVE_DIR = "archive"
MANIFEST = "manifest.json"
_REVISION = re.compile(r"^r([1-9][0-9]*)$")


@dataclass(frozen=True)
class Revision:
    """One archived revision of a period."""

    period: Period
    number: int
    path: Path

    @property
    def name(self) -> str:
        return f"r{self.number}"

    @property
    def label(self) -> str:
        """``archive/2024-H1/r1``, as messages show it."""
        return f"{ARCHIVE_DIR}/{self.period}/{self.name}"


def period_dir(root: Path, period: Period) -> Path:
    return root / ARCHIVE_DIR / str(period)


def revisions(root: Path, period: Period) -> list[Revision]:
    """The archived revisions of ``period``, oldest first (half-written ones are hidden)."""
    folder = period_dir(root, period)
    found = []
    if folder.is_dir():
        for child in folder.iterdir():
            match = _REVISION.match(child.name)
            if match and child.is_dir():
                found.append(Revision(period, int(match[1]), child))
    return sorted(found, key=lambda r: r.number)


def latest_revision(root: Path, period: Period) -> Revision | None:
    """The newest revision of ``period``, or ``None`` when it is not archived."""
    found = revisions(root, period)
    return found[-1] if found else None


def all_revisions(root: Path) -> list[Revision]:
    """Every revision of every archived period, by period then number."""
    folder = root / ARCHIVE_DIR
    periods = []
    if folder.is_dir():
        for child in folder.iterdir():
            try:
                periods.append(Period.parse(child.name))
            except PeriodError:
                continue
    periods.sort(key=lambda p: p.sort_key)
    return [revision for period in periods for revision in revisions(root, period)]


def dump_manifest(manifest: dict[str, Any]) -> bytes:
    """The manifest as stable JSON: sorted keys, two-space indents, Chinese kept readable."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def read_manifest(revision: Revision) -> dict[str, Any]:
    """The manifest of a revision; a missing or damaged one is an :class:`ArchiveError`."""
    path = revision.path / MANIFEST
    root = revision.path.parent.parent.parent  # <root>/archive/<period>/r<N>
    if not within(path, [root]):
        link = revision.path if not within(revision.path, [root]) else path
        raise ArchiveError(outside_message(link), link)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ArchiveError(_("cannot read the manifest: {reason}").format(
            reason=os_reason(exc)), path) from None
    except ValueError as exc:  # JSON's own reason is English: the line says where
        raise ArchiveError(_("the manifest is damaged: it is not valid JSON"), path,
                           getattr(exc, "lineno", None)) from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise ArchiveError(_("the manifest is damaged: it lists no files"), path)
    return data


def local_time(stamp: object) -> str:
    """An ISO time from a manifest as local ``2024-07-06 09:30``, or ``-``."""
    try:
        when = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return "-"
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def history_lines(root: Path) -> list[str]:
    """A table of every archived revision: period, revision, time archived, 成文日期, variants."""
    found = all_revisions(root)
    if not found:
        return [_("nothing is archived yet; run “summarygen archive” after building a period")]
    rows = []
    for revision in found:
        try:
            manifest = read_manifest(revision)
        except ArchiveError:
            rows.append([str(revision.period), revision.name, "-", "-", _("(damaged)")])
            continue
        variants = "、".join(str(v) for v in manifest.get("variants", []))
        rows.append([str(revision.period), revision.name, local_time(manifest.get("archived_at")),
                     str(manifest.get("date", "-")), variants, forced_text(manifest)])
    header = [_("period"), _("revision"), _("archived at"), _("document date"), _("variants"),
              _("unfinished")]
    return table(header, rows)


def forced_text(manifest: dict[str, Any]) -> str:
    """``--force：12 个待更新、1 个警告`` for a revision sealed unfinished, else ``-``."""
    forced = manifest.get("forced")
    if not isinstance(forced, dict):
        return "-"
    return _("--force: {markers} marked, {warnings} warning(s)").format(
        markers=forced.get("markers", 0), warnings=forced.get("warnings", 0))
