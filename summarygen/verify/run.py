"""``summarygen verify``: check any DOCX against the format rules of GB/T 9704-2012.

The rules are those of ``docs/gbt9704.md`` (paper, margins, grid and line spacing, fonts per
level, sizes, colour, indent, heading numbers and their punctuation, dates, page-number footers,
core properties). Files made by other programs are read with their effective formatting (see
:mod:`summarygen.ooxml.package`), so a colleague's Word or WPS report can be checked as well as our
own output.

Each finding names a rule id (``page.size``), where it is (paragraph number — every paragraph of
the body counts, empty ones too, as Word's ¶ marks show them — and the paragraph's first
characters) and what was expected against what was found.

Which rules apply is chosen by :mod:`.profiles`: a named profile, else the workspace the command
runs in (its numbering, fonts and 落款), else GB/T 9704; the report names it.
Profiles reuse :data:`summarygen.document.style.PRESETS`. ``gbt9704``, ``windows`` and
``fangzheng`` expect exactly their font names; ``practice`` expects ``1、`` at level three
and accepts any name of the same typeface family (仿宋 / 仿宋_GB2312 / 方正仿宋_GBK / FangSong …),
as offices' machines name one face differently. Page sizes and margins are accepted within
±1 mm, because other programs store them rounded from centimetres or inches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarygen.errors import Severity, SummarygenError
from summarygen.i18n import _
from summarygen.ooxml import DocxReadError, read_docx
from summarygen.verify.model import Expectation, Finding
from summarygen.verify.page import check_page
from summarygen.verify.profiles import choose_profiles
from summarygen.verify.text import check_text


def verify_document(path: Path, expect: Expectation) -> list[Finding]:
    """Every finding for one file; an unreadable file gives one ``file.read`` finding."""
    if not path.is_file():
        return [Finding("file.read", _("{path} does not exist or is not a file").format(
            path=path), place=_("file"))]
    try:
        docx = read_docx(path)
    except DocxReadError as exc:
        return [Finding("file.read", exc.message, place=_("file"))]
    return check_page(docx, expect) + check_text(docx, expect)


@dataclass
class VerifyResult:
    """Findings per file, in the order the files were given."""

    findings: dict[Path, list[Finding]] = field(default_factory=dict)
    profiles: dict[Path, str] = field(default_factory=dict)
    """What each file was checked against, as the report names it."""

    def failed(self, strict: bool = False) -> list[Path]:
        """Files with an error (or, with ``strict``, any finding)."""
        return [path for path, found in self.findings.items()
                if any(strict or f.severity is Severity.ERROR for f in found)]

    def lines(self, strict: bool = False, quiet: bool = False) -> list[str]:
        """Every finding, one a line, and a line saying so for each file that passed
        (``quiet``: only the findings of the files that failed)."""
        lines = []
        failed = self.failed(strict)
        labels = set(self.profiles.values())
        if len(labels) == 1 and not quiet:
            lines.append(_("checked against: {profile}").format(profile=next(iter(labels))))
        for path, found in self.findings.items():
            if quiet and path not in failed:
                continue
            if len(labels) > 1:
                lines.append(_("{file}: checked against {profile}").format(
                    file=path, profile=self.profiles[path]))
            lines += [f.format(str(path)) for f in found]
            if path not in failed:
                warnings = sum(f.severity is Severity.WARNING for f in found)
                lines.append(_("{file}: passed ({warnings} warning(s))").format(
                    file=path, warnings=warnings))
        return lines

    def raise_if_failed(self, strict: bool = False) -> None:
        """Raise :class:`VerifyFailed`, summing up, if any file failed."""
        failed = self.failed(strict)
        if not failed:
            return
        every = [f for found in self.findings.values() for f in found]
        errors = sum(f.severity is Severity.ERROR for f in every)
        raise VerifyFailed(_("{failed} of {total} file(s) do not follow the format: {errors} "
                             "error(s), {warnings} warning(s).").format(
            failed=len(failed), total=len(self.findings), errors=errors,
            warnings=len(every) - errors))


def verify_files(paths: Sequence[Path], profile: str | None = None,
                 root: Path | None = None) -> VerifyResult:
    """Check each file against the rules of ``profile``, else of the workspace at ``root``
    (per variant, see :mod:`.profiles`), else of GB/T 9704."""
    profiles = choose_profiles(profile, root)
    result = VerifyResult()
    for path in paths:
        expect = profiles.for_file(path)
        result.findings[path] = verify_document(path, expect)
        result.profiles[path] = expect.label
    return result


class VerifyFailed(SummarygenError):
    """``verify`` found errors (or warnings, with ``--strict``) in at least one file."""
