"""A long report (about four pages) for layout tests: every heading level, run-in heads, and
one paragraph of plain Chinese characters whose printed lines can be counted exactly."""

from __future__ import annotations

from pathlib import Path

from workspaces import CONFIG, make_workspace

HAN = "民政工作围绕中心服务大局兜牢民生底线推进救助帮扶养老服务儿童福利社会事务持续提升"
MEASURED = (HAN * 5)[:177] + "。"
"""178 characters without punctuation inside (so no line-breaking rule moves one):
26 on the indented first line, 5 × 28, then 12."""
SENTENCE = "今年来，围绕县委、县政府决策部署，扎实推进各项民政工作，取得了明显成效。"


def long_report() -> str:
    """Markup for about four pages: headings of every level, run-in heads, long paragraphs."""
    parts = ["# {{ org.name }}{{ period.year }}年{{ period.label }}工作总结", "",
             SENTENCE * 3, "", MEASURED, ""]
    for section in ("主要工作", "存在问题", "下一步打算"):
        parts += [f"## {section}", ""]
        for sub in ("社会救助", "养老服务"):
            parts += [f"### {sub}工作", "", SENTENCE * 4, "", f"#### 落实{sub}政策。",
                      SENTENCE * 2, "", f"##### 细化{sub}措施", "", SENTENCE * 2, ""]
    return "\n".join(parts) + "\n"


def long_workspace(root: Path, preset: str = "gbt9704") -> Path:
    """The test workspace with the long report as its template, in a style preset."""
    return make_workspace(root, {"templates/report.md.j2": long_report(),
                                 "summarygen.yaml": CONFIG + f"style:\n  preset: {preset}\n"})
