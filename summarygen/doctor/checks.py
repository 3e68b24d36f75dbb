"""``summarygen doctor``: what this machine has and lacks for a workspace, each lack with its fix.

It looks at the Python running summarygen and whether the ``summarygen`` command is on the PATH,
LibreOffice (for ``--format pdf``), every font the workspace's style profiles ask for, and whether
the console can show Chinese. A lack is *missing* when something the workspace uses cannot work
as meant (a font the documents name, PDF output, the console); a *note* says something works
another way (a stand-in font, ``py -m summarygen`` instead of ``summarygen``).
"""

from __future__ import annotations

import locale
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path
from typing import TextIO

from summarygen.doctor.fonts import FontState, Runner, font_states, run_command
from summarygen.document.style import PRESETS, Fonts, StyleProfile
from summarygen.i18n import N_, _
from summarygen.workspace.config import CONFIG_NAME, load_workspace
from summarygen.writer.pdf import find_soffice

MIN_PYTHON = (3, 10)
SAMPLE = "仿宋（一）—①“”"
"""Characters summarygen prints: a console that cannot encode them shows garbage or fails."""

ROLES = {
    "body": N_("body text"), "heading1": N_("level-1 headings"),
    "heading2": N_("level-2 headings"), "heading3": N_("level-3 headings"),
    "heading4": N_("level-4 headings"), "title": N_("the title"),
    "page_number": N_("page numbers"), "latin": N_("Latin letters and digits"),
}
"""What each font of a style profile (:class:`~summarygen.document.style.Fonts`) is used for."""

ALTERNATIVES = (
    ("仿宋_GB2312", "仿宋", "方正仿宋_GBK", "方正仿宋简体", "FangSong_GB2312", "FangSong",
     "华文仿宋"),
    ("楷体_GB2312", "楷体", "方正楷体_GBK", "方正楷体简体", "KaiTi_GB2312", "KaiTi", "华文楷体"),
    ("黑体", "方正黑体_GBK", "方正黑体简体", "SimHei"),
    ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "宋体"),
    ("宋体", "SimSun", "新宋体", "方正书宋_GBK"),
)
"""Fonts of one kind, in order of preference: one of them can stand for another."""


class Status(Enum):
    OK = "ok"
    NOTE = "note"
    MISSING = "missing"


@dataclass(frozen=True)
class Finding:
    """One thing looked at: what was found and, unless it is fine, what to do."""

    status: Status
    subject: str
    detail: str
    fix: str = ""


@dataclass
class Diagnosis:
    """Everything ``doctor`` found, in the order it looked."""

    findings: list[Finding] = field(default_factory=list)
    workspace: Path | None = None
    """The workspace whose styles were checked (``None``: outside one, the default style)."""

    @property
    def missing(self) -> list[Finding]:
        return [f for f in self.findings if f.status is Status.MISSING]

    def lines(self, only_missing: bool = False) -> list[str]:
        """The report as the command prints it (only what is missing, if asked)."""
        labels = {Status.OK: _("[ok]"), Status.NOTE: _("[note]"),
                  Status.MISSING: _("[missing]")}
        out = []
        for finding in self.missing if only_missing else self.findings:
            out.append(_("{label} {subject}: {detail}").format(
                label=labels[finding.status], subject=finding.subject, detail=finding.detail))
            if finding.fix:
                out.append("    " + _("fix: {fix}").format(fix=finding.fix))
        return out

    def summary(self) -> str:
        if not self.missing:
            return _("everything this workspace needs is here.")
        return _("{count} thing(s) missing; see the fixes above.").format(
            count=len(self.missing))


@dataclass(frozen=True)
class Machine:
    """Where to look: the platform, its environment, and how to run fontconfig's commands."""

    platform: str = sys.platform
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    run: Runner = run_command
    streams: tuple[TextIO, ...] = ()


def diagnose(root: Path | None, machine: Machine | None = None) -> Diagnosis:
    """Look at this machine for the workspace in ``root`` (or for the default style outside one:
    ``root`` is ``None`` or holds no ``summarygen.yaml``).

    A workspace whose configuration has mistakes raises them as a ``build`` would.
    """
    machine = machine or Machine(streams=(sys.stdout, sys.stderr))
    styles = [StyleProfile()]
    diagnosis = Diagnosis()
    if root is not None and (root / CONFIG_NAME).is_file():
        workspace = load_workspace(root)
        styles = [variant.style for variant in workspace.variants.values()]
        diagnosis.workspace = workspace.root
    diagnosis.findings += [python_finding(), command_finding(machine.platform),
                           libreoffice_finding(machine.platform)]
    diagnosis.findings += font_findings(styles, machine)
    diagnosis.findings += [console_finding(stream, machine.platform)
                           for stream in machine.streams]
    return diagnosis


def python_finding() -> Finding:
    version = ".".join(str(part) for part in sys.version_info[:3])
    where = _("Python {version} ({path})").format(version=version, path=sys.executable)
    if sys.version_info[:2] >= MIN_PYTHON:
        return Finding(Status.OK, "Python", where)
    return Finding(Status.MISSING, "Python", where, _(
        "install Python 3.10 or later (https://www.python.org; on Windows tick “Add python.exe "
        "to PATH”), then install summarygen again"))


def command_finding(platform: str) -> Finding:
    """Whether typing ``summarygen`` finds this program."""
    found = shutil.which("summarygen")
    if found:
        return Finding(Status.OK, _("the summarygen command"), found)
    python = f'"{sys.executable}"' if " " in sys.executable else sys.executable
    if platform == "win32":
        fix = _("meanwhile run it as “{python} -m summarygen …”; install with the offline "
                "bundle's install.bat (it puts summarygen on your Path), or add the Scripts "
                "folder of your Python or virtual environment to the user's Path and open a new "
                "window").format(python=python)
    else:
        fix = _("meanwhile run it as “{python} -m summarygen …”; install with pipx (then “pipx "
                "ensurepath”), or add ~/.local/bin or your virtual environment's bin folder "
                "to PATH and open a new terminal").format(python=python)
    return Finding(Status.NOTE, _("the summarygen command"), _("not on the PATH"), fix)


def libreoffice_finding(platform: str) -> Finding:
    found = find_soffice()
    if found:
        return Finding(Status.OK, "LibreOffice", found)
    if platform == "win32":
        fix = _("install LibreOffice (https://www.libreoffice.org, or from your IT department) "
                "with its default folder C:\\Program Files\\LibreOffice")
    else:
        fix = _("install LibreOffice (Debian/Ubuntu: sudo apt-get install "
                "libreoffice-writer-nogui)")
    return Finding(Status.MISSING, "LibreOffice",
                   _("not found: PDF output (--format pdf) cannot work; DOCX can"), fix)


def font_roles(styles: Iterable[StyleProfile]) -> dict[str, list[str]]:
    """Each font name the styles ask for, with the ``style.fonts`` keys it is used for."""
    roles: dict[str, list[str]] = {}
    for style in styles:
        for key in (f.name for f in fields(Fonts)):
            used = roles.setdefault(getattr(style.fonts, key), [])
            if key not in used:
                used.append(key)
    return roles


def font_findings(styles: list[StyleProfile], machine: Machine) -> list[Finding]:
    roles = font_roles(styles)
    kinds = [kind for kind in ALTERNATIVES if any(name in kind for name in roles)]
    preset_fonts = {name for p in PRESETS.values() for name in font_roles([p])}
    candidates = [*roles, *(n for kind in kinds for n in kind), *sorted(preset_fonts)]
    states = {s.name: s for s in font_states(candidates, machine.platform, machine.environ,
                                              machine.run)}
    return [font_finding(states[name], keys, states, styles, machine.platform)
            for name, keys in roles.items()]


def font_finding(state: FontState, keys: list[str], states: Mapping[str, FontState],
                 styles: list[StyleProfile], platform: str) -> Finding:
    subject = _("font “{name}” ({roles})").format(
        name=state.name, roles=_(", ").join(_(ROLES[key]) for key in keys))
    if state.installed:
        return Finding(Status.OK, subject, _("installed"))
    if state.stand_in:
        return Finding(Status.NOTE, subject, _(
            "not installed; shown with “{stand_in}” instead (a fontconfig alias): the layout "
            "holds, the letters look a little different").format(stand_in=state.stand_in))
    return Finding(Status.MISSING, subject, _("not installed"),
                   font_fix(state.name, keys, states, styles, platform))


def font_fix(name: str, keys: list[str], states: Mapping[str, FontState],
             styles: list[StyleProfile], platform: str) -> str:
    """What to do about a missing font: another preset, a font of the same kind, or install it."""
    have = {n for n, s in states.items() if s.installed}
    preset = better_preset(name, keys, styles, have)
    if preset is not None:
        return _("this machine has the fonts of the preset “{preset}”: write “preset: {preset}” "
                 "under “style:” in summarygen.yaml (see the guide's section on font presets)"
                 ).format(preset=preset)
    same_kind = next((alt for kind in ALTERNATIVES if name in kind for alt in kind
                      if alt != name and alt in have), None)
    install = {
        "win32": _("install the font: right-click its file, “Install for all users”"),
        "darwin": _("install the font with Font Book"),
    }.get(platform, _("install the font: copy its file to ~/.local/share/fonts and run "
                      "fc-cache"))
    if same_kind is not None:
        return _("{install}; or use “{other}”, which this machine has: under “style:” → "
                 "“fonts:” in summarygen.yaml write {keys}").format(
            install=install, other=same_kind,
            keys=_(", ").join(f"{key}: {same_kind}" for key in keys))
    return _("{install} (offices usually get the official fonts from their IT department); or "
             "name a font this machine has under “style:” → “fonts:” in summarygen.yaml "
             "({keys})").format(install=install, keys=_(", ").join(keys))


def better_preset(name: str, keys: list[str], styles: list[StyleProfile],
                  have: set[str]) -> str | None:
    """A preset other than those in use that has, for each of ``keys``, a font this machine has
    (and no more missing fonts than the styles in use)."""
    in_use = {style.name for style in styles}
    missing_now = min(len(set(font_roles([s])) - have) for s in styles)
    for preset, profile in PRESETS.items():
        if preset in in_use:
            continue
        replacements = {getattr(profile.fonts, key) for key in keys}
        if name in replacements or not replacements <= have:
            continue
        if len(set(font_roles([profile])) - have) < missing_now:
            return preset
    return None


def console_finding(stream: TextIO, platform: str) -> Finding:
    """Whether ``stream`` can show the Chinese that summarygen prints."""
    which = _("console output") if stream is sys.stdout else _("console error output")
    encoding = getattr(stream, "encoding", None) or locale.getpreferredencoding(False)
    try:
        SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        pass
    else:
        return Finding(Status.OK, which, encoding)
    if platform == "win32":
        fix = _("set the environment variable PYTHONUTF8=1 (System settings → Environment "
                "variables), or run “chcp 65001” in the window first")
    else:
        fix = _("use a UTF-8 locale: export LANG=zh_CN.UTF-8 (or C.UTF-8), or set "
                "PYTHONUTF8=1")
    return Finding(Status.MISSING, which, _("{encoding}: cannot show Chinese").format(
        encoding=encoding), fix)
