"""Which rules a file is checked against: a named profile, a workspace's style, or GB/T 9704.

Run inside a workspace (or with ``-C DIR``), ``verify`` expects what ``build`` writes there: the
numbering forms, fonts and 落款 of ``summarygen.yaml``. A file named like a variant
(``out/2024-H1/county.docx``) is checked against that variant's style and signature, any other
file against the workspace-wide ones. Elsewhere the rules are the standard's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarygen.document.numbering import numbering_text
from summarygen.document.style import SignatureSetting, StyleProfile
from summarygen.i18n import _
from summarygen.verify.model import LENIENT_PROFILES, Expectation, SignatureRule, expectation
from summarygen.workspace.config import Workspace, load_workspace


@dataclass(frozen=True)
class Profiles:
    """The expectation for each file: one profile for all, or a workspace's per variant."""

    default: Expectation
    workspace: Workspace | None = None

    def for_file(self, path: Path) -> Expectation:
        if self.workspace is None:
            return self.default
        variant = self.workspace.variants.get(path.stem)
        if variant is None:
            return self.default
        return _expect(self.workspace, variant.style, variant.signature,
                       variant.organisation.name, variant.name)


def choose_profiles(profile: str | None = None, root: Path | None = None) -> Profiles:
    """A named ``profile`` wins; else the workspace at ``root``; else GB/T 9704."""
    if profile is not None or root is None:
        return Profiles(expectation(profile or "gbt9704"))
    workspace = load_workspace(root)
    return Profiles(_expect(workspace, workspace.style, workspace.signature, None, None),
                    workspace)


def _expect(workspace: Workspace, style: StyleProfile, signature: SignatureSetting,
            organisation: str | None, variant: str | None) -> Expectation:
    rule = SignatureRule(signature.shown, signature.name or organisation, signature.date)
    root = workspace.root.resolve()
    where = (_("workspace {root}, variant {variant}").format(root=root, variant=variant)
             if variant else _("workspace {root}").format(root=root))
    label = _("{where}: fonts {preset}, numbering {numbering}, {signature}").format(
        where=where, preset=style.name, numbering=numbering_text(style.numbering),
        signature=_describe(rule))
    return Expectation(style, style.name in LENIENT_PROFILES, rule, label,
                       organisation=organisation)


def _describe(rule: SignatureRule) -> str:
    if not rule.shown:
        return _("no signature")
    name = rule.name if rule.name is not None else _("the organisation")
    if rule.date:
        return _("signature {name} and date").format(name=name)
    return _("signature {name}, no date").format(name=name)
