"""Small workspaces written into a temporary folder, for tests of the pipeline."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

CONFIG = """\
organisations:
  hs:
    name: 霍山县民政局
    level: 县
    department: 民政局
  zx:
    name: 资兴市民政局
    level: 市
    department: 民政局
    leadership: 市委市政府
variants:
  county:
    organisation: hs
  city:
    organisation: zx
periods:
  2024-H1:
    date: 2024-07-05
"""

SCHEMA = """\
title: 兜牢社会救助底线
description: 社会救助
fields:
  extremely_poor:
    type: record
    description: 特困人员供养
    fields:
      people: {type: quantity, unit: 人, description: 特困人员总数}
      dispersed: {type: quantity, unit: 人, description: 分散供养人数}
      centralized: {type: quantity, unit: 人, description: 集中供养人数}
  funds:
    type: money
    description: 发放救助资金
  temporary_relief:
    type: record
    description: 临时救助
    fields:
      funds: {type: money, description: 临时救助资金合计}
      town_funds: {type: money, description: 乡镇审批发放}
      county_funds: {type: money, description: 县级审批发放}
  dibao_standard:
    type: change
    unit: 元/月.人
    description: 农村低保标准的调整
  meeting_date:
    type: date
    description: 专题会议日期
rules:
  - sum: extremely_poor.people
    of: [extremely_poor.dispersed, extremely_poor.centralized]
"""

REPORT = """\
# {{ org.name }}{{ period.year }}年{{ period.label }}工作总结

今年来，围绕{{ org.leadership }}决策部署，{{ org.scope }}民政工作稳步推进。

## 上半年工作总结
{% for area in areas %}
{% include "areas/" ~ area ~ ".md.j2" %}
{% endfor %}
"""

AREA = """\
{% set d = data.social_assistance %}
### {{ titles.social_assistance }}。
特困人员供养{{ d.extremely_poor.people }}（其中分散供养{{ d.extremely_poor.dispersed }}，\
集中供养{{ d.extremely_poor.centralized }}），发放救助资金{{ d.funds }}。\
{% for p in d.points %}{{ p }}{% endfor %}

"""

# five variants: more than two, so that --jobs 2 really builds in worker processes
FIVE = CONFIG.replace("variants:\n", "variants:\n  c3:\n    organisation: hs\n"
                      "  c4:\n    organisation: zx\n  c5:\n    organisation: hs\n")

DATASET = """\
extremely_poor:
  people: 3258人
  dispersed: 2651人
  centralized: 607人
funds: 822万元
points:
  - lead: 强化组织领导
    text: "{date}，召开专题党组会。"
    values:
      date: 1月27日
"""


REPOSITORY = Path(__file__).resolve().parents[1]
"""The repository root, itself a workspace (the sample reports)."""


def copy_repository(root: Path, periods: tuple[str, ...] = ()) -> Path:
    """A copy of the repository's workspace at ``root``: its configuration, templates, variants'
    templates and datasets (only those of ``periods``, when named)."""
    root.mkdir(parents=True)
    shutil.copy(REPOSITORY / "summarygen.yaml", root)
    for folder in ("templates", "variants"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    for period in periods or ("",):
        shutil.copytree(REPOSITORY / "datasets" / period, root / "datasets" / period)
    return root


def make_workspace(root: Path, files: dict[str, str] | None = None) -> Path:
    """A two-variant workspace (county and city share one dataset), with ``files`` replaced."""
    contents = {
        "summarygen.yaml": CONFIG,
        "templates/schemas/social_assistance.yaml": SCHEMA,
        "templates/report.md.j2": REPORT,
        "templates/areas/social_assistance.md.j2": AREA,
        "datasets/2024-H1/social_assistance.yaml": DATASET,
    }
    contents.update(files or {})
    for name, text in contents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the command line in-process: exit code, stdout and stderr, never a traceback."""
    from click.testing import CliRunner

    from summarygen.cli.commands import cli

    result = CliRunner().invoke(cli, list(args), env=env)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its SHA-256, to show that nothing changed."""
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
