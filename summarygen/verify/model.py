"""The shared model of the format checker: findings, expectations and font families.

Every ``verify`` module imports it; it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarygen.document.style import PRESETS, StyleProfile
from summarygen.errors import Severity
from summarygen.i18n import N_, _

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

RULES: frozenset[str] = frozenset((
    N_("file.read"),
    N_("page.size"),
    N_("page.margins"),
    N_("page.grid"),
    N_("line.spacing"),
    N_("para.spacing"),
    N_("para.indent"),
    N_("para.indent_units"),
    N_("para.align"),
    N_("title.align"),
    N_("para.spaces"),
    N_("title.style"),
    N_("font.name"),
    N_("font.theme"),
    N_("font.missing"),
    N_("font.latin"),
    N_("font.size"),
    N_("font.bold"),
    N_("text.color"),
    N_("heading.punct"),
    N_("heading.space"),
    N_("heading.sequence"),
    N_("heading.number"),
    N_("heading.level"),
    N_("date.format"),
    N_("signature.align"),
    N_("signature.indent"),
    N_("signature.blank"),
    N_("signature.after"),
    N_("signature.unexpected"),
    N_("signature.missing"),
    N_("signature.name"),
    N_("signature.date"),
    N_("text.lang"),
    N_("footer.even_odd"),
    N_("footer.missing"),
    N_("footer.even"),
    N_("footer.first"),
    N_("footer.page"),
    N_("footer.dash"),
    N_("footer.align"),
    N_("footer.indent"),
    N_("footer.font"),
    N_("footer.size"),
    N_("core.missing"),
    N_("core.creator"),
    N_("core.modified_by"),
    N_("core.title"),
    N_("core.created"),
    N_("core.language"),
))
"""Every rule id. An id is also the msgid of the rule's name: Chinese output names the rule
(“纸张”), English output shows the id (``page.size``), as docs/verify.md lists them."""
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
        """``文件: 第N段「开头…」: 规则名称: 错误: 说明``."""
        label = _("warning") if self.severity is Severity.WARNING else _("error")
        return f"{file}: {self.where()}: {rule_name(self.rule)}: {label}: {self.message}"


def rule_name(rule: str) -> str:
    """The rule as the user reads it: its name in Chinese, its id in English."""
    return _(rule) if rule in RULES else rule


@dataclass(frozen=True)
class SignatureRule:
    """The 落款 a workspace's setting makes: none, or the 署名 with or without the 成文日期."""

    shown: bool = True
    name: str | None = None
    """The 署名 expected; ``None``: any (the workspace-wide setting of a workspace whose
    variants sign with their own organisations)."""
    date: bool = True


@dataclass(frozen=True)
class Expectation:
    """What a profile expects: the style profile, and whether font names may vary in family."""

    profile: StyleProfile
    lenient_fonts: bool = False
    signature: SignatureRule | None = None
    """The 落款 expected; ``None`` outside a workspace (the standard lets a report go without
    one, so both are accepted)."""
    label: str = ""
    """The profile as the report names it (``GB/T 9704-2012``, a workspace's variant …)."""
    organisation: str | None = None
    """The organisation the report is from (the author its properties should name), when
    known (``verify`` in a workspace); ``None`` elsewhere."""

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
    """The expectation of a named profile (a key of :data:`summarygen.document.style.PRESETS`)."""
    label = _("GB/T 9704-2012 (profile gbt9704)") if profile == "gbt9704" else _(
        "profile {name}").format(name=profile)
    return Expectation(PRESETS[profile], profile in LENIENT_PROFILES, label=label)


