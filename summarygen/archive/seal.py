"""Freezing a period: its inputs, the outputs built from them and a manifest of hashes.

``archive/<P>/r<N>/`` is a self-contained workspace: ``summarygen.yaml``, the template folders
used, ``datasets/<P>/`` (and last year's datasets, which ``prev`` reads), ``out/<P>/<variant>.*``
and ``manifest.json``. A revision is written into a hidden temporary folder, made read-only and
renamed into place, so it either exists whole or not at all; an existing revision is never
changed. :func:`verify_archive` re-hashes every file and rebuilds the outputs from the archived
inputs, which must give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from summarygen import __version__
from summarygen.boundary import outside_message, within
from summarygen.build import (
    FORMATS,
    Report,
    Session,
    build_all,
    build_time,
    document_date,
    encode,
    open_session,
    output_path,
    previous_root,
    run_build,
)
from summarygen.errors import (
    ArchiveError,
    OutputError,
    Problem,
    Problems,
    Severity,
    SummarygenError,
    ValidationError,
    shown_path,
)
from summarygen.i18n import _
from summarygen.output import FolderAppeared, write_folder
from summarygen.workspace.config import CONFIG_NAME
from summarygen.workspace.datasets import TODO_MARK, dataset_files, todo_message
from summarygen.workspace.period import Period, PeriodError
from summarygen.workspace.revisions import (
    MANIFEST,
    Revision,
    all_revisions,
    dump_manifest,
    period_dir,
    read_manifest,
    revisions,
)

OUTPUT_FORMATS = ("docx", "txt")
"""What a revision keeps of each variant: the document, and its text for ``diff``."""
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class ArchiveResult:
    """A revision just written, and the warnings its build passed over."""

    revision: Revision
    files: int
    problems: Problems


def archive_period(root: Path, period: str | None = None, force: bool = False,
                   variants: tuple[str, ...] = (),
                   formats: tuple[str, ...] = OUTPUT_FORMATS,
                   epoch: int | None = None) -> ArchiveResult:
    """Build the variants of ``period`` (default: every variant of the latest period) and
    freeze them as a new revision; ``epoch`` (``SOURCE_DATE_EPOCH``) fixes the time written
    into the documents and is kept in the manifest, so that ``--verify`` rebuilds with it.

    An archived period is refused unless ``force``, which adds revision N+1 beside the others.
    So is an unfinished one — figures still marked ``# 待更新``, warnings such as a sum that does
    not add up — unless ``force``, which seals it as it is and says so in the manifest
    (``forced``). Errors are never sealed.
    """
    session = open_session(root, variants, period, epoch=epoch)
    existing = revisions(root, session.period)
    if existing and not force:
        raise ArchiveError(_("{period} is already archived ({revisions}); an archive is never "
                             "overwritten. Use --force to add a new revision beside it.").format(
            period=session.period, revisions="、".join(r.label for r in existing)))
    reports = build_all(session)
    session.problems.raise_if_failed(root=root)
    unfinished = unfinished_files(session.problems, root)
    if unfinished and not force:
        raise ArchiveError(refusal(session.period, unfinished))
    contents = collect_inputs(session)
    for report in reports:
        variant = next(v for v in session.variants if v.name == report.variant)
        for fmt in formats:
            contents[output_path(Path("out"), report, fmt).as_posix()] = encode(
                report, fmt, variant)
    number = existing[-1].number + 1 if existing else 1
    manifest = make_manifest(session, reports, contents, number, formats)
    manifest["forced"] = forced_record(unfinished)
    contents[MANIFEST] = dump_manifest(manifest)
    path = write_revision(period_dir(root, session.period), f"r{number}", contents)
    return ArchiveResult(Revision(session.period, number, path), len(contents), session.problems)


@dataclass(frozen=True)
class Unfinished:
    """What is left to do in one file: figures still marked ``# 待更新``, other warnings."""

    markers: int = 0
    warnings: int = 0

    def describe(self) -> str:
        parts = []
        if self.markers:
            parts.append(_("{count} figure(s) still marked “# {mark}”").format(
                count=self.markers, mark=TODO_MARK))
        if self.warnings:
            parts.append(_("{count} warning(s)").format(count=self.warnings))
        return _(", ").join(parts)


def unfinished_files(problems: Problems, root: Path) -> dict[str, Unfinished]:
    """The files (as messages show them) with warnings, and how many of each kind, in order."""
    marker = todo_message()
    found: dict[str, Unfinished] = {}
    for problem in problems.warnings:
        name = shown_path(problem.path, root) if problem.path else "-"
        counts = found.get(name, Unfinished())
        found[name] = (replace(counts, markers=counts.markers + 1) if problem.message == marker
                       else replace(counts, warnings=counts.warnings + 1))
    return found


def refusal(period: Period, unfinished: dict[str, Unfinished]) -> str:
    """Why an unfinished period is not archived: one line per file, then what to do."""
    lines = [_("{period} is not finished; nothing was archived:").format(period=period)]
    lines += [f"  {name}: {counts.describe()}" for name, counts in unfinished.items()]
    lines.append(_("Update the figures and delete their marks, correct what “summarygen check” "
                   "reports, then archive; or archive it as it is with --force (the manifest "
                   "records that it was forced)."))
    return "\n".join(lines)


def forced_record(unfinished: dict[str, Unfinished]) -> dict[str, Any] | None:
    """The manifest's ``forced``: what was left unfinished when --force sealed it, or null."""
    if not unfinished:
        return None
    return {"markers": sum(u.markers for u in unfinished.values()),
            "warnings": sum(u.warnings for u in unfinished.values()),
            "files": {name: {"markers": u.markers, "warnings": u.warnings}
                      for name, u in unfinished.items()}}


def collect_inputs(session: Session) -> dict[str, bytes]:
    """Every input of the build, by its path in the revision: the configuration, the template
    folders of every variant, the period's dataset files, last year's (for ``prev``) and, for an
    annual report, its first half's (for ``h1``)."""
    workspace = session.workspace
    root = workspace.root.resolve()
    contents = {CONFIG_NAME: (workspace.root / CONFIG_NAME).read_bytes()}
    folders = dict.fromkeys(f.resolve() for v in session.variants for f in session.folders(v))
    for folder in folders:
        if not folder.is_relative_to(root):
            raise ArchiveError(_("the template folder {folder} is outside the workspace and "
                                 "cannot be archived with it").format(folder=folder))
        for path in sorted(folder.rglob("*")):
            if _hidden(path.relative_to(folder)):
                continue
            if not within(path, [root]):  # never copy a private file a link leads to
                raise ArchiveError(outside_message(path), path)
            if path.is_file():
                contents[path.relative_to(root).as_posix()] = path.read_bytes()
    sources = [(workspace.root, session.period)]
    for other in (session.period.previous_year(), session.period.first_half()):
        found = previous_root(workspace, other) if other is not None else None
        if found is not None and other is not None:
            sources.append((found[0], other))
    for source, period in sources:
        here = replace(workspace, root=source)
        for variant in session.variants:
            for path in dataset_files(here, variant, period):
                contents[path.relative_to(source).as_posix()] = path.read_bytes()
    return contents


def _hidden(relative: Path) -> bool:
    """Editor backups, caches and hidden files are not part of a template pack."""
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts) or (
        relative.name.endswith("~"))


def make_manifest(session: Session, reports: list[Report], contents: dict[str, bytes],
                  number: int, formats: tuple[str, ...]) -> dict[str, Any]:
    """What the revision holds and how it was made, with the SHA-256 of every file."""
    date = document_date(session.workspace, session.period)
    previous = session.period.previous_year()
    found = previous_root(session.workspace, previous)
    return {
        "format": MANIFEST_FORMAT,
        "period": str(session.period),
        "revision": number,
        "variants": [r.variant for r in reports],
        "formats": list(formats),
        "summarygen_version": __version__,
        "archived_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "date": date.isoformat(),
        "build_time": build_time(date, session.epoch).isoformat(),
        "source_date_epoch": None if session.epoch is None else str(session.epoch),
        "previous": {"period": str(previous), "source": found[1]} if found else None,
        "files": {name: sha256(data) for name, data in sorted(contents.items())},
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_revision(parent: Path, name: str, contents: dict[str, bytes]) -> Path:
    """Write a revision whole: into a temporary folder, read-only, then renamed to ``name``.

    The rename fails rather than replace a revision that appeared meanwhile.
    """
    final = parent / name
    try:
        write_folder(final, contents, finish=freeze)
    except FolderAppeared:
        raise ArchiveError(_("{path} appeared while archiving; it is left as it is, run "
                             "the command again").format(path=final)) from None
    except OutputError as exc:
        raise ArchiveError(exc.message) from None
    return final


def freeze(folder: Path) -> None:
    """Make every file and folder under ``folder`` read-only (the folder itself too)."""
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o444 if path.is_file() else 0o555)
    folder.chmod(0o555)


# --- verifying ------------------------------------------------------------------------------


def verify_archive(root: Path, period: str | None = None) -> list[Revision]:
    """Check every revision (of ``period``, or of all periods); raise naming every difference."""
    chosen = _chosen(root, period)
    problems = Problems()
    for revision in chosen:
        problems.extend(verify_revision(revision))
    problems.raise_if_failed(root=root)
    return chosen


def _chosen(root: Path, period: str | None) -> list[Revision]:
    if period is None:
        found = all_revisions(root)
        if not found:
            raise ArchiveError(_("nothing is archived yet; there is nothing to verify"))
        return found
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        raise ArchiveError(str(exc), key="--period") from None
    found = revisions(root, parsed)
    if not found:
        raise ArchiveError(_("{period} is not archived (no folder archive/{period}/r1)")
                           .format(period=parsed), key="--period")
    return found


def verify_revision(revision: Revision) -> list[Problem]:
    """Differences between a revision and its manifest, then between its outputs and a rebuild."""
    try:
        manifest = read_manifest(revision)
    except ArchiveError as exc:
        return [exc.problem]
    documents, problems = check_documents(revision, manifest)
    return check_hashes(revision, manifest["files"]) + problems + check_rebuild(
        revision, manifest, documents)


def archived_documents(revision: Revision) -> dict[str, list[str]]:
    """The documents the revision holds, from its files (``out/<P>/<variant>.<format>``):
    variant → formats. What is rebuilt and compared is derived from these, not from the
    manifest, which anyone could edit along with a document."""
    folder = revision.path / "out" / str(revision.period)
    held: dict[str, list[str]] = {}
    paths = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in paths:
        fmt = path.suffix.removeprefix(".")
        if path.is_file() and fmt in FORMATS and not path.name.startswith("."):
            held.setdefault(path.stem, []).append(fmt)
    return held


def check_documents(revision: Revision, manifest: dict[str, Any]
                    ) -> tuple[dict[str, list[str]], list[Problem]]:
    """The documents held, and where the manifest disagrees with them (its period, its
    variants and formats), each problem naming what disagrees."""
    held = archived_documents(revision)
    where = revision.path / MANIFEST
    listed = [str(v) for v in manifest.get("variants") or []]
    formats = [str(f) for f in manifest.get("formats") or OUTPUT_FORMATS]
    found: list[Problem] = []
    if str(manifest.get("period")) != str(revision.period):
        found.append(Problem(_("the manifest is of the period {listed}, but the revision is "
                               "archive/{period}").format(listed=manifest.get("period"),
                                                          period=revision.period), where))
    if not held:
        found.append(Problem(_("the archive holds no document in out/{period}/").format(
            period=revision.period), where))
    for variant in [v for v in held if v not in listed]:
        found.append(Problem(_("the archive holds documents of the variant “{variant}”, but "
                               "the manifest does not list it (variants: {listed})").format(
            variant=variant, listed="、".join(listed) or "-"), where, key="variants"))
    files = manifest.get("files") or {}
    for variant in [v for v in listed if v in held]:
        for fmt in [f for f in formats if f not in held[variant]]:
            name = f"out/{revision.period}/{variant}.{fmt}"
            if name not in files:  # else the hashes report it missing
                found.append(Problem(_("the manifest lists the variant “{variant}” in the "
                                       "formats {formats}, but the archive holds no {name}")
                                     .format(variant=variant, formats="、".join(formats),
                                             name=name), where, key="formats"))
    for variant in [v for v in listed if v not in held]:
        found.append(Problem(_("the manifest lists the variant “{variant}”, but the archive "
                               "holds no document of it").format(variant=variant), where,
                             key="variants"))
    ordered = {v: held[v] for v in listed if v in held}  # as archived, then the others
    return {**ordered, **held}, found


def check_hashes(revision: Revision, expected: dict[str, str]) -> list[Problem]:
    """Files missing, changed, or not listed in the manifest."""
    present = {p.relative_to(revision.path).as_posix(): p
               for p in revision.path.rglob("*") if p.is_file()}
    present.pop(MANIFEST, None)
    found = [Problem(outside_message(path), path) for path in present.values()
             if not within(path, [revision.path])]
    present = {name: path for name, path in present.items() if within(path, [revision.path])}
    for name, digest in sorted(expected.items()):
        path = present.pop(name, None)
        if path is None:
            found.append(Problem(_("missing: the manifest lists it, the archive does not hold "
                                   "it"), revision.path / name))
        elif sha256(path.read_bytes()) != digest:
            found.append(Problem(_("changed since it was archived (its SHA-256 differs from "
                                   "the manifest)"), path))
    for _name, path in sorted(present.items()):
        found.append(Problem(_("not in the manifest: it was added after archiving"), path))
    return found


def check_rebuild(revision: Revision, manifest: dict[str, Any],
                  documents: dict[str, list[str]]) -> list[Problem]:
    """Rebuild every document held from the archived inputs and compare them byte for byte."""
    if not documents:
        return []
    variants = tuple(documents)
    formats = tuple(f for f in FORMATS if any(f in held for held in documents.values()))
    with tempfile.TemporaryDirectory(prefix="summarygen-verify-") as tmp:
        out = Path(tmp)
        try:
            run_build(revision.path, variants, str(revision.period), formats, out,
                      epoch=archived_epoch(manifest))
        except SummarygenError as exc:
            reasons = exc.problems if isinstance(exc, ValidationError) else [exc.problem]
            return [Problem(_("the archived inputs no longer build:"), revision.path),
                    *(p for p in reasons if p.severity is Severity.ERROR)]
        names = [f"{revision.period}/{variant}.{fmt}"
                 for variant, held in documents.items() for fmt in held]
        return [_mismatch(revision, manifest, name) for name in names
                if _read(out / name) != _read(revision.path / "out" / name)]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _mismatch(revision: Revision, manifest: dict[str, Any], name: str) -> Problem:
    message = _("rebuilt from the archived inputs, the document is not byte-identical to this "
                "archived file")
    version = manifest.get("summarygen_version")
    if version != __version__:
        message += _(" (archived with summarygen {old}, this is {new})").format(
            old=version, new=__version__)
    return Problem(message, revision.path / "out" / name)


def archived_epoch(manifest: dict[str, Any]) -> int | None:
    """The ``SOURCE_DATE_EPOCH`` a revision was built with (kept as text in the manifest).

    >>> archived_epoch({"source_date_epoch": "1720000000"}), archived_epoch({})
    (1720000000, None)
    """
    value = str(manifest.get("source_date_epoch") or "").strip()
    return int(value) if value.isdigit() else None
