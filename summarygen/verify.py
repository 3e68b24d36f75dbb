"""``summarygen verify``: check any DOCX against the format rules of GB/T 9704-2012.

The rules are those of ``docs/gbt9704.md`` (paper, margins, grid and line spacing, fonts per
level, sizes, colour, indent, heading numbers and their punctuation, dates, page-number footers,
core properties). Files made by other programs are read with their effective formatting (see
:mod:`summarygen.ooxml_read`), so a colleague's Word or WPS report can be checked as well as our
own output.

Each finding names a rule id (``page.size``), where it is (paragraph number — every paragraph of
the body counts, empty ones too, as Word's ¶ marks show them — and the paragraph's first
characters) and what was expected against what was found.

Profiles reuse :data:`summarygen.style.PRESETS`. ``gbt9704``, ``windows`` and ``fangzheng`` expect
exactly their font names; ``practice`` expects ``1、`` at level three and accepts any name of
the same typeface family (仿宋 / 仿宋_GB2312 / 方正仿宋_GBK / FangSong …), as offices' machines
name one face differently. Page sizes and margins are accepted within ±1 mm, because other
programs store them rounded from centimetres or inches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarygen.errors import Severity, SummarygenError
from summarygen.i18n import _
from summarygen.style import PRESETS, StyleProfile

FONT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"仿宋", "仿宋_GB2312", "方正仿宋_GBK", "方正仿宋简体", "FangSong",
               "FangSong_GB2312", "华文仿宋", "STFangsong"}),
    frozenset({"楷体", "楷体_GB2312", "方正楷体_GBK", "方正楷体简体", "KaiTi", "KaiTi_GB2312",
               "华文楷体", "STKaiti"}),
    frozenset({"黑体", "方正黑体_GBK", "方正黑体简体", "SimHei"}),
    frozenset({"方正小标宋简体", "方正小标宋_GBK", "方正小标宋_GB2312", "FZXiaoBiaoSong-B05S",
               "小标宋"}),
    frozenset({"宋体", "SimSun", "新宋体", "NSimSun"}),
)
"""Names of one typeface on different machines; the ``practice`` profile accepts any of them."""

LENIENT_PROFILES = frozenset({"practice"})
EXCERPT_CHARS = 12


@dataclass(frozen=True)
class Finding:
    """One rule a document breaks, where, and what was expected."""

    rule: str
    """Rule id such as ``page.size`` or ``font.theme``."""
    message: str
    """Expected against found, in the user's language."""
    severity: Severity = Severity.ERROR
    paragraph: int | None = None
    """1-based paragraph number in the body, when the finding is about one paragraph."""
    excerpt: str = ""
    """The paragraph's first characters."""
    place: str | None = None
    """Where, when not a body paragraph (a footer, a section, the file's properties)."""

    def where(self) -> str:
        if self.paragraph is not None:
            start = self.excerpt[:EXCERPT_CHARS] + ("…" if len(self.excerpt) > EXCERPT_CHARS
                                                    else "")
            return _("paragraph {number} “{start}”").format(number=self.paragraph, start=start)
        return self.place or _("document")

    def format(self, file: str) -> str:
        """``文件: 第N段「开头…」: 规则: 错误: 说明``."""
        label = _("warning") if self.severity is Severity.WARNING else _("error")
        return f"{file}: {self.where()}: {self.rule}: {label}: {self.message}"


@dataclass(frozen=True)
class Expectation:
    """What a profile expects: the style profile, and whether font names may vary in family."""

    profile: StyleProfile
    lenient_fonts: bool = False

    def font_ok(self, found: str, expected: str) -> bool:
        if found == expected:
            return True
        if not self.lenient_fonts:
            return False
        return any(found in family and expected in family for family in FONT_FAMILIES)

    @property
    def body_size(self) -> int:
        """Half-points."""
        return round(self.profile.body_size_pt * 2)

    @property
    def title_size(self) -> int:
        return round(self.profile.title_size_pt * 2)

    @property
    def page_number_size(self) -> int:
        return round(self.profile.page_number_size_pt * 2)


def expectation(profile: str = "gbt9704") -> Expectation:
    """The expectation of a named profile (a key of :data:`summarygen.style.PRESETS`)."""
    return Expectation(PRESETS[profile], profile in LENIENT_PROFILES)


def verify_document(path: Path, expect: Expectation) -> list[Finding]:
    """Every finding for one file; an unreadable file gives one ``file.read`` finding."""
    from summarygen.ooxml_read import DocxReadError, read_docx
    from summarygen.verify_page import check_page
    from summarygen.verify_text import check_text

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

    def failed(self, strict: bool = False) -> list[Path]:
        """Files with an error (or, with ``strict``, any finding)."""
        return [path for path, found in self.findings.items()
                if any(strict or f.severity is Severity.ERROR for f in found)]

    def lines(self, strict: bool = False) -> list[str]:
        """Every finding, one a line, and a line saying so for each file that passed."""
        lines = []
        failed = self.failed(strict)
        for path, found in self.findings.items():
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


def verify_files(paths: Sequence[Path], profile: str = "gbt9704") -> VerifyResult:
    """Check each file against the rules of ``profile``."""
    expect = expectation(profile)
    result = VerifyResult()
    for path in paths:
        result.findings[path] = verify_document(path, expect)
    return result


class VerifyFailed(SummarygenError):
    """``verify`` found errors (or warnings, with ``--strict``) in at least one file."""
