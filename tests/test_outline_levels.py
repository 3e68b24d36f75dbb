"""Any real outline: it may start below 一、, each level has its own numbering form and font,
run-in or standalone at every level, the 落款 as ``signature:`` says; ``build`` writes it,
``verify`` in the workspace agrees, ``check`` catches typed numbers and skipped levels.

Every document test builds through the real pipeline and reads the DOCX back (python-docx for
the style names, the project's OOXML reader for the effective fonts a reader sees).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from workspaces import CONFIG, make_workspace, run

from summarygen.build import run_build, run_check
from summarygen.errors import ValidationError
from summarygen.ooxml import read_docx
from summarygen.verify import verify_files

pytestmark = pytest.mark.usefixtures("chinese")

HEAD = CONFIG.split("variants:")[0]
PERIODS = "periods:\n  2024-H1:\n    date: 2024-07-05\n"
OFFICE = "style:\n  numbering: [一、, （一）, 1、, 1）]\n"

# Starts at level two (###); run-in and standalone headings at levels 2, 3 and 4.
REPORT = """\
# {{ org.name }}{{ period.year }}年{{ period.label }}工作总结

今年来，{{ org.scope }}民政工作稳步推进。

### 社会救助工作。
全年救助困难群众。

#### 完善制度

制度建设情况。

##### 修订办法。
修订了两项办法。

##### 规范程序

程序规范情况。

#### 强化保障。
资金及时足额发放。

### 养老服务工作

养老服务情况。

#### 机构建设。
新建养老机构两所。
"""

EXPECTED = [
    ("（一）社会救助工作。全年救助困难群众。", "Heading 2", "（一）社会救助工作。"),
    ("1、完善制度", "Heading 3", "1、完善制度"),
    ("制度建设情况。", "Normal", ""),
    ("1）修订办法。修订了两项办法。", "Heading 4", "1）修订办法。"),
    ("2）规范程序", "Heading 4", "2）规范程序"),
    ("程序规范情况。", "Normal", ""),
    ("2、强化保障。资金及时足额发放。", "Heading 3", "2、强化保障。"),
    ("（二）养老服务工作", "Heading 2", "（二）养老服务工作"),
    ("养老服务情况。", "Normal", ""),
    ("1、机构建设。新建养老机构两所。", "Heading 3", "1、机构建设。"),
]
"""(text, style, heading part) of each body paragraph after the opening one."""
FONTS = {"Heading 2": "楷体_GB2312", "Heading 3": "仿宋_GB2312", "Heading 4": "仿宋_GB2312"}


def workspace(root: Path, config: str, report: str = REPORT) -> Path:
    return make_workspace(root, {"summarygen.yaml": HEAD + config + PERIODS,
                                 "templates/report.md.j2": report})


def variants(signature: str = "") -> str:
    return OFFICE + signature + "variants:\n  county:\n    organisation: hs\n"


def build(root: Path, out: Path) -> Path:
    [path] = run_build(root, ("county",), out=out).written
    return path


def body_paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    paragraphs = [p for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    return paragraphs[2:]  # after the title and the opening paragraph


def test_an_outline_starting_at_level_two_with_office_forms(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws", variants())
    path = build(root, tmp_path / "out")
    found = body_paragraphs(path)[:len(EXPECTED)]
    assert [(p.text, p.style.name if p.style else "") for p in found] == [
        (text, style) for text, style, _head in EXPECTED]
    read = read_docx(path)
    by_text = {p.text: p for p in read.paragraphs}
    for text, style, head in EXPECTED:
        if not head:
            continue
        runs = by_text[text].runs
        # the heading part in its level's font (GB/T 9704 7.3.3), a run-in body in the body font
        assert runs[0].text == head and runs[0].format.fonts["eastAsia"].name == FONTS[style]
        assert all(r.format.fonts["eastAsia"].name == "仿宋_GB2312" for r in runs[1:])
        assert len(runs) == (2 if text != head else 1)
    assert verify_files([path], root=root).findings[path] == []


def test_the_standard_profile_sees_the_office_forms(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws", variants())
    path = build(root, tmp_path / "out")
    found = verify_files([path]).findings[path]  # no workspace: GB/T 9704
    wrong = sorted({(f.rule, f.excerpt[:2]) for f in found})
    assert wrong == [("heading.punct", "1、"), ("heading.punct", "1）"), ("heading.punct", "2、"),
                     ("heading.punct", "2）")]


SIGNATURES = {
    "default": ("", ["霍山县民政局", "2024年7月5日"]),
    "off": ("signature: false\n", []),
    "no date": ("signature: {date: false}\n", ["霍山县民政局"]),
    "named": ("signature: {name: 霍山县民政局办公室}\n", ["霍山县民政局办公室", "2024年7月5日"]),
    "named, no date": ("signature: {name: 霍山县民政局办公室, date: false}\n",
                       ["霍山县民政局办公室"]),
}


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """(workspace, built DOCX) for each signature setting."""
    folder = tmp_path_factory.mktemp("signed")
    made = {}
    for name, (setting, _lines) in SIGNATURES.items():
        root = workspace(folder / name, variants(setting))
        made[name] = (root, build(root, folder / name / "out"))
    return made


@pytest.mark.parametrize("name", list(SIGNATURES))
def test_the_signature_is_written_as_set_and_verify_agrees(
        signed: dict[str, tuple[Path, Path]], name: str) -> None:
    root, path = signed[name]
    paragraphs = docx.Document(str(path)).paragraphs
    last_body = max(i for i, p in enumerate(paragraphs) if p.text == "新建养老机构两所。"
                    or p.text.endswith("新建养老机构两所。"))
    tail = paragraphs[last_body + 1:]
    lines = SIGNATURES[name][1]
    if lines:  # one blank line, then the 落款: the organisation right-aligned
        assert tail[0].text == ""
        assert [p.text for p in tail[1:]] == lines
        assert tail[1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    else:
        assert tail == []
    assert verify_files([path], root=root).findings[path] == []


@pytest.mark.parametrize(("document", "workspace_of", "rule"), [
    ("default", "off", "signature.unexpected"), ("off", "default", "signature.missing"),
    ("default", "no date", "signature.date"), ("no date", "default", "signature.date"),
    ("default", "named", "signature.name")])
def test_verify_reports_a_signature_the_workspace_does_not_set(
        signed: dict[str, tuple[Path, Path]], document: str, workspace_of: str,
        rule: str) -> None:
    path = signed[document][1]
    found = verify_files([path], root=signed[workspace_of][0]).findings[path]
    assert [f.rule for f in found] == [rule]


def test_verify_uses_the_workspace_it_runs_in_and_names_it(
        signed: dict[str, tuple[Path, Path]], monkeypatch: pytest.MonkeyPatch) -> None:
    root, path = signed["named, no date"]
    monkeypatch.chdir(root / "templates")  # below the workspace folder
    code, out, err = run("verify", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"核对依据：工作区 {root} 的版本 county：字体 gbt9704，序号 [一、, （一）, 1、, 1）]，"
        "落款：署名 霍山县民政局办公室，不写成文日期",
        f"{path}: 通过（0 处警告）"]
    monkeypatch.chdir(root.parent)
    code, out, _err = run("verify", "-C", str(signed["default"][0]), str(path))
    assert code == 1
    assert ": 署名: 错误:" in out and ": 成文日期: 错误:" in out
    code, out, _err = run("verify", str(path))  # outside: GB/T 9704 (1、 and 1） are wrong)
    assert code == 1 and out.startswith("核对依据：GB/T 9704-2012（方案 gbt9704）\n")


def check_messages(root: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        run_check(root).raise_if_failed(root=root)
    return [p.format(root) for p in caught.value.problems]


def test_a_typed_number_in_a_heading_is_reported_at_its_template_line(tmp_path: Path) -> None:
    report = REPORT.replace("##### 规范程序", "##### 1）规范程序")
    root = workspace(tmp_path, variants(), report)
    assert check_messages(root) == [
        "templates/report.md.j2:15: 错误: "
        "标题“1）规范程序”以手写的序号开头；请删除，序号会自动生成"]


def test_a_typed_number_from_a_line_of_several_names_the_variant_and_markup_line(
        tmp_path: Path) -> None:
    # “### {{ … }}” is written on two lines of the template: which one wrote it is not known
    words = '{% set words = ["社会救助工作。", "（二）养老服务工作"] %}\n'
    report = words + REPORT.replace("### 养老服务工作", "### {{ words[1] }}").replace(
        "### 社会救助工作。", "### {{ words[0] }}")
    root = workspace(tmp_path, variants(), report)
    assert check_messages(root) == [
        "版本 county 生成的标记第 22 行: 错误: "
        "标题“（二）养老服务工作”以手写的序号开头；请删除，序号会自动生成"]


def test_skipping_a_level_inside_the_body_names_the_template_line(tmp_path: Path) -> None:
    report = REPORT.replace("#### 机构建设。", "##### 机构建设。")
    root = workspace(tmp_path, variants(), report)
    assert check_messages(root) == [
        "templates/report.md.j2:26: 错误: 第 4 级标题紧跟在第 2 级之后，跳过了一级"]
