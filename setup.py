"""Build hook: ship the repository's template pack inside the package.

The repository root is itself a workspace: ``summarygen.yaml``, the template pack ``templates/``
and the sample datasets ``datasets/<period>/``. ``summarygen init`` copies that pack into a new
workspace, so an installed package must carry it: this hook copies the configuration, the
templates, the variants' own template folders (``variants/``), the user documentation (``docs/``:
``init`` puts the guide in every new workspace) and the latest period's datasets to
``summarygen/pack/`` in the built package. A source
checkout (or an editable install) has no such folder and reads the repository root instead (see
``summarygen/pack.py``). Everything else is configured in ``pyproject.toml``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PERIOD = re.compile(r"^(\d{4})(?:-H([12]))?$")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*~")


def latest_period(datasets: Path) -> Path | None:
    """The newest ``datasets/<period>/`` folder (``2024`` counts after ``2024-H2``)."""
    found = []
    for child in datasets.iterdir() if datasets.is_dir() else []:
        match = PERIOD.match(child.name)
        if match and child.is_dir():
            found.append(((int(match[1]), int(match[2] or 3)), child))
    return max(found)[1] if found else None


class BuildWithPack(build_py):
    """``build_py`` that also copies the template pack into ``summarygen/pack/``."""

    def run(self) -> None:
        super().run()
        if self.dry_run:
            return
        pack = Path(self.build_lib) / "summarygen" / "pack"
        if pack.exists():
            shutil.rmtree(pack)
        if not (HERE / "summarygen.yaml").is_file() or not (HERE / "templates").is_dir():
            return  # a tree without the pack (summarygen init will say so)
        pack.mkdir(parents=True)
        shutil.copy2(HERE / "summarygen.yaml", pack / "summarygen.yaml")
        shutil.copytree(HERE / "templates", pack / "templates", ignore=SKIP)
        if (HERE / "variants").is_dir():  # summarygen.yaml names them (huoshan-yoy)
            shutil.copytree(HERE / "variants", pack / "variants", ignore=SKIP)
        if (HERE / "docs").is_dir():  # the user guide, which init puts in a new workspace
            shutil.copytree(HERE / "docs", pack / "docs", ignore=SKIP)
        period = latest_period(HERE / "datasets")
        if period is not None:
            shutil.copytree(period, pack / "datasets" / period.name, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithPack})
