"""The built-in template pack that ``summarygen init`` starts a workspace from.

The pack is a workspace: ``summarygen.yaml``, ``templates/`` and sample ``datasets/<period>/``,
with the user guide in ``docs/`` (``init`` gives every new workspace a copy).
In an installed package it is ``summarygen/pack/``, copied there at build time from the
repository's top-level files (see ``setup.py``); in a source checkout or an editable install it is
the repository root itself, so there is one pack and it is never copied by hand.
"""

from __future__ import annotations

from pathlib import Path

from summarygen.errors import ConfigError
from summarygen.i18n import _
from summarygen.workspace.config import CONFIG_NAME, Variant, Workspace, load_workspace

PACKAGED = Path(__file__).resolve().parent.parent / "pack"
SOURCE = PACKAGED.parent.parent

LEVELS = {"county": ("县", "区", "旗"), "city": ("市", "州", "盟")}
"""``--level`` and the organisation levels (the first is written into a new workspace) it means."""


def level_of(word: str) -> str | None:
    """The level (``county``/``city``) that ``--level`` names: a word the configuration uses
    (县, 区, 旗; 市, 州, 盟) or the English alias; ``None`` for anything else.

    >>> level_of("市"), level_of("区"), level_of("county"), level_of("省")
    ('city', 'county', 'county', None)
    """
    if word in LEVELS:
        return word
    return next((key for key, words in LEVELS.items() if word in words), None)


def is_pack(folder: Path) -> bool:
    return (folder / CONFIG_NAME).is_file() and (folder / "templates").is_dir()


def pack_root() -> Path:
    """The folder of the built-in pack: the installed copy, else the source checkout."""
    for candidate in (PACKAGED, SOURCE):
        if is_pack(candidate):
            return candidate
    raise ConfigError(_("the built-in template pack is missing from this installation "
                        "(expected {folder}); reinstall summarygen").format(folder=PACKAGED))


GUIDE = Path("docs") / "guide.md"
"""The user guide, in the pack (``setup.py`` copies ``docs/`` there) and in a checkout."""


def guide_file(root: Path) -> Path | None:
    """The user guide of the pack in ``root``, if it has one."""
    path = root / GUIDE
    return path if path.is_file() else None


def load_pack(root: Path | None = None) -> Workspace:
    """The pack as a workspace (its own mistakes are reported like any workspace's)."""
    return load_workspace(root if root is not None else pack_root())


def sample_variant(pack: Workspace, level: str) -> Variant:
    """The pack's first variant written for an organisation of ``level`` (else the first)."""
    words = LEVELS[level]
    for variant in pack.variants.values():
        if variant.organisation.level in words:
            return variant
    return next(iter(pack.variants.values()))
