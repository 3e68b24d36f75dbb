"""The generic template pack of an imported workspace: a report skeleton that writes the title
lines, the opening and each part's blocks from the data, and the schemas of those data files.

The phrasing of an imported report is its own, so it lives in the data (narrative points whose
figures are values); the templates only lay the blocks out in markup. Every text a user reads
here is Chinese; the files are the same for every import, apart from one schema per part.
"""

from __future__ import annotations

from summarygen.adopt.yamltext import comment, scalar

REPORT_TEMPLATE = """\
{#-
  导入的报告的骨架（summarygen import 生成）。
  报告的文字都在数据文件里：datasets/<报告期>/document.yaml 是标题和开头段，
  part01.yaml、part02.yaml……依次是报告的各个部分。本模板只按数据逐段写出：
  h1—h4 是一至四级标题（序号生成时自动编排），text 是正文段落。
  要改写法（例如同一句话每年都这样写），可以把句子从数据移到这里。
-#}
{% import "imported.md.j2" as m with context %}
{% for line in data.document.title_lines %}
# {{ line }}
{% endfor %}

{{ m.blocks(data.document) }}
{% for area in areas if area != "document" %}
{{ m.blocks(data[area]) }}
{% endfor %}
"""

MACROS_TEMPLATE = """\
{#-
  导入的报告共用的宏：把一个数据文件的 blocks 逐段写成标记文本。
  标题与正文同段（如“（一）疫情防控工作。一是……”）的，标题写在 lead，正文写在 text。
-#}
{% macro heading(level, p) -%}
{{ "#" * (level + 1) }} {{ p.lead if p.lead else p.body }}
{% if p.lead and p.body %}
{{ p.body }}
{% endif %}

{%- endmacro %}

{% macro blocks(d) -%}
{% for block in (d.blocks if "blocks" in d else []) %}
{% for level in [1, 2, 3, 4] if ("h" ~ level) in block %}
{% for p in block["h" ~ level] %}
{{ heading(level, p) }}
{% endfor %}
{% endfor %}
{% for p in (block.text if "text" in block else []) %}
{{ p }}

{% endfor %}
{% endfor %}
{%- endmacro %}
"""

_BLOCK_FIELDS = (
    ("h1", "一级标题（不写序号，生成时自动编号）；与正文同段的，标题写在 lead，正文写在 text"),
    ("h2", "二级标题（不写序号）；与正文同段的，标题写在 lead，正文写在 text"),
    ("h3", "三级标题（不写序号）；与正文同段的，标题写在 lead，正文写在 text"),
    ("h4", "四级标题（不写序号）；与正文同段的，标题写在 lead，正文写在 text"),
    ("text", "正文段落，一项一段；段中的数字写成 {名称}，数字写在 values 下"),
)


def schema_text(title: str, description: str, with_title_lines: bool = False) -> str:
    """The schema of one imported data file (``document`` or a part)."""
    lines = [*comment(f"{title}：{description}（summarygen import 生成）"),
             f"title: {scalar(title)}", f"description: {scalar(description)}", "fields:"]
    if with_title_lines:
        lines += ["  title_lines:", "    type: points",
                  "    description: "
                  + scalar("报告标题，一行一项（长标题按意义分行）；标题中的数字写成 {名称}")]
    lines += ["  blocks:", "    type: list",
              "    description: 依次的各段：标题（h1—h4）或正文段落（text）", "    item:",
              "      type: record", "      description: 一个标题，或若干正文段落", "      fields:"]
    for name, meaning in _BLOCK_FIELDS:
        lines += [f"        {name}:", "          type: points",
                  f"          description: {scalar(meaning)}"]
    return "\n".join(lines) + "\n"
