"""``summarygen import FILE DIR``: last year's summary becomes a workspace that rebuilds it.

Every round trip goes through the real commands (``import``, ``build``, ``check --strict``,
``new-period``) and reads the built DOCX back with python-docx: the paragraphs a reader sees must
be the source's, character for character.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from naive_docx import naive_docx, numbered_docx
from workspaces import run

from summarygen.build import run_check

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "samples"
SAMPLE_FILES = {"huoshan": ("county-huoshan-2024h1.txt", "霍山县民政局"),
                "zixing": ("city-zixing-2024h1.txt", "资兴市民政局")}
DIGIT = re.compile(r"[0-9０-９]")

pytestmark = pytest.mark.usefixtures("chinese")


def sample_lines(name: str) -> list[str]:
    text = (SAMPLES / SAMPLE_FILES[name][0]).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def built_paragraphs(workspace: Path, period: str = "2024-H1") -> list[str]:
    """Build the workspace with the command line and read the DOCX's non-empty paragraphs."""
    code, _out, err = run("build", "-C", str(workspace))
    assert code == 0, err
    document = docx.Document(str(workspace / "out" / period / "report.docx"))
    return [p.text for p in document.paragraphs if p.text.strip()]


def import_ok(source: Path, target: Path, *options: str) -> str:
    code, out, err = run("import", str(source), str(target), *options)
    assert (code, err) == (0, ""), err
    return out


def sample_source(name: str, kind: str, tmp_path: Path) -> Path:
    if kind == "text":
        return SAMPLES / SAMPLE_FILES[name][0]
    return naive_docx(tmp_path / f"{name}.docx", sample_lines(name))


@pytest.mark.parametrize("kind", ["text", "docx"])
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_a_sample_round_trips(tmp_path: Path, name: str, kind: str) -> None:
    organisation = SAMPLE_FILES[name][1]
    workspace = tmp_path / "ws"
    out = import_ok(sample_source(name, kind, tmp_path), workspace, "--org", organisation)
    assert "报告期 2024-H1" in out
    paragraphs = built_paragraphs(workspace)
    # The samples have no title: the workspace writes one and says so; nothing else differs.
    assert paragraphs[0] == f"{organisation}2024年上半年工作总结"
    assert "原文没有标题" in out
    assert paragraphs[1:] == sample_lines(name)
    assert "生成的报告与原文不同" not in out
    config = (workspace / "summarygen.yaml").read_text(encoding="utf-8")
    assert "signature: false" in config  # the samples have no 落款
    problems = run_check(workspace)
    assert [p.format(workspace) for p in problems] == []
    assert run("check", "--strict", "-C", str(workspace))[0] == 0


def prose_lines(path: Path) -> list[str]:
    """The narrative text of a dataset file: every line that is not a value or a comment,
    without its ``{slots}``."""
    lines = []
    values_indent = -1  # the indent of the “values:” whose entries follow, or -1
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or not stripped:
            continue
        indent = len(line) - len(line.lstrip())
        if stripped == "values:":
            values_indent = indent
            continue
        if values_indent >= 0 and indent > values_indent:
            continue
        values_indent = -1
        text = re.sub(r"^(?:- )?[a-z_0-9]+:\s*", "", stripped)  # the key, as h1:
        lines.append(re.sub(r"\{[^{}]*\}", "", text))
    return lines


def test_every_figure_is_data_and_new_period_marks_each(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    out = import_ok(SAMPLES / SAMPLE_FILES["huoshan"][0], workspace, "--org", "霍山县民政局")
    figures = int(re.search(r"(\d+) 个数字", out).group(1))  # type: ignore[union-attr]
    files = sorted((workspace / "datasets" / "2024-H1").glob("*.yaml"))
    assert [f.name for f in files] == ["document.yaml", "part01.yaml", "part02.yaml"]
    for path in files:
        assert [line for line in prose_lines(path) if DIGIT.search(line)] == []
    part = yaml.safe_load((files[1]).read_text(encoding="utf-8"))
    values = part["blocks"][2]["h2"][0]["values"]  # （二）兜牢社会救助底线
    assert values["money1"] == "3828.54万元"
    assert values["households1"] == "8854户" and values["people1"] == "12780人"
    code, _out, err = run("new-period", "2025-H1", "-C", str(workspace))
    assert code == 0, err
    marked = sum(path.read_text(encoding="utf-8").count("# 待更新")
                 for path in (workspace / "datasets" / "2025-H1").glob("*.yaml"))
    assert marked == figures > 100
    assert "仍标着“# 待更新”" in run("check", "-C", str(workspace))[2]


TITLED = ["霍山县民政局", "2024年上半年工作总结"]
OUTLINE = [
    "今年来，县民政局扎实开展工作，现将2024年上半年工作总结如下。",
    "一、主要工作",
    "（一）兜牢社会救助底线",
    "1、强化组织领导。1月27日，召开专题党组会，保障农村低保8854户12780人。",
    "2、规范审核审批。发放低保金2141.84万元，人均月补差334.97元。",
    "（二）提升养老服务水平",
    "全县养老机构入住率达58.7%，新增床位120张。",
    "二、下半年工作打算",
    "继续兜牢民生底线。",
]
SIGNATURE = ["霍山县民政局", "2024年7月5日"]


@pytest.mark.parametrize("maker", [naive_docx, numbered_docx], ids=["typed", "automatic"])
def test_a_docx_with_title_outline_and_signature(tmp_path: Path, maker: object) -> None:
    source = maker(tmp_path / "src.docx", OUTLINE + SIGNATURE, TITLED)  # type: ignore[operator]
    workspace = tmp_path / "ws"
    out = import_ok(source, workspace)
    assert "霍山县民政局（县级）" in out and "报告期 2024-H1" in out
    assert built_paragraphs(workspace) == TITLED + OUTLINE + SIGNATURE
    config = (workspace / "summarygen.yaml").read_text(encoding="utf-8")
    assert "numbering: [一、, （一）, 1、, （1）]" in config and "date: 2024-07-05" in config
    assert "单位名称取自标题" in config
    assert run_check(workspace).failed(strict=True) is False


def test_gb18030_text_and_the_period_from_the_opening(tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes("\n".join(OUTLINE).encode("gb18030"))
    workspace = tmp_path / "ws"
    out = import_ok(source, workspace, "--org", "霍山县民政局")
    assert "报告期 2024-H1" in out
    assert built_paragraphs(workspace)[1:] == OUTLINE


def test_what_it_cannot_judge_is_listed_with_its_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("霍山县民政局2024年工作总结")
    document.add_paragraph("今年来，全县民政工作稳步推进。")
    document.add_heading("主要工作", 1)  # a heading known only by its outline level
    document.add_paragraph("一是兜牢底线。")
    source = tmp_path / "outline.docx"
    document.save(str(source))
    workspace = tmp_path / "ws"
    out = import_ok(source, workspace)
    assert "报告期 2024，霍山县民政局" in out
    assert "第3段「主要工作」：按大纲级别作为第 1 级标题，但它没有序号" in out
    config = (workspace / "summarygen.yaml").read_text(encoding="utf-8")
    assert "第3段「主要工作」" in config  # the workspace keeps the list in its comments


def test_a_document_that_names_no_organisation_asks_for_it(tmp_path: Path) -> None:
    code, out, err = run("import", str(SAMPLES / SAMPLE_FILES["zixing"][0]),
                         str(tmp_path / "ws"))
    assert (code, out) == (1, "")
    assert "--org" in err and "Traceback" not in err
    assert not (tmp_path / "ws").exists()


def test_an_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    target.mkdir()
    (target / "mine.txt").write_text("x", encoding="utf-8")
    code, _out, err = run("import", str(SAMPLES / SAMPLE_FILES["huoshan"][0]), str(target),
                          "--org", "霍山县民政局")
    assert code == 1 and "已存在" in err
    assert [p.name for p in target.iterdir()] == ["mine.txt"]


@pytest.mark.parametrize(("content", "words"), [
    (b"\xd0\xcf\x11\xe0 old binary Word", "另存为 .docx"),
    (b"PK\x03\x04 broken zip", "不是 Word 文档"),
    (b"\xff\xfe\x00\xd8 binary \x00\x00", "UTF-8"),
])
def test_files_that_are_not_summaries_are_explained(tmp_path: Path, content: bytes,
                                                    words: str) -> None:
    source = tmp_path / "in.docx"
    source.write_bytes(content)
    code, out, err = run("import", str(source), str(tmp_path / "ws"), "--org", "某某县民政局",
                         "--period", "2024-H1")
    assert (code, out) == (1, "")
    assert words in err
    assert not (tmp_path / "ws").exists()


def test_the_guide_shows_what_import_writes(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    shown = guide[guide.index("    blocks:\n"):guide.index("`h1`—`h4`")]
    workspace = tmp_path / "ws"
    import_ok(SAMPLES / SAMPLE_FILES["huoshan"][0], workspace, "--org", "霍山县民政局")
    written = (workspace / "datasets" / "2024-H1" / "part01.yaml").read_text(encoding="utf-8")
    for line in shown.splitlines():
        line = line[4:]  # the guide indents its code by four spaces
        if line.strip() and "……" not in line:
            assert line in written, line


def test_the_period_from_the_date_of_the_signature(tmp_path: Path) -> None:
    lines = ["今年来，全县民政工作稳步推进，保障8854户。", "一、主要工作", "继续兜牢民生底线。"]
    source = naive_docx(tmp_path / "src.docx", [*lines, "霍山县民政局", "2024年7月5日"])
    out = import_ok(source, tmp_path / "ws")
    assert "报告期 2024-H1，霍山县民政局（县级）" in out
    assert "报告期 2024-H1 是按落款日期判断的" in out
    config = (tmp_path / "ws" / "summarygen.yaml").read_text(encoding="utf-8")
    assert "单位名称取自落款；报告期取自落款日期，请核对" in config


def test_the_same_file_gives_the_same_workspace(tmp_path: Path) -> None:
    source = SAMPLES / SAMPLE_FILES["zixing"][0]
    for name in ("a", "b"):
        import_ok(source, tmp_path / name, "--org", "资兴市民政局")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                   if p.is_file())
    assert len(files) == 11  # configuration, 2 templates, 4 schemas, 4 data files
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
               for f in files)


def test_odd_characters_stay_as_the_document_has_them(tmp_path: Path) -> None:
    """Braces (which would read as slots), 【】 (references in the pack's macros), full-width
    digits and a date with leading zeros come back unchanged; a paragraph the markup cannot
    carry is named."""
    odd = ("今年来，{县}民政局【重点】推进，完成１２项、约1.24万人次、100余场次，"
           "2024年07月05日报送。")
    source = tmp_path / "odd.txt"
    source.write_text(f"霍山县民政局2024年上半年工作总结\n{odd}\n一、主要工作\n# 井号开头\n",
                      encoding="utf-8")
    out = import_ok(source, tmp_path / "ws")
    assert odd in built_paragraphs(tmp_path / "ws")
    assert "第4行：以“#”加空格开头的段落无法照原样写出" in out
    document = (tmp_path / "ws" / "datasets" / "2024-H1" / "document.yaml").read_text(
        encoding="utf-8")
    assert 'number1: "１２"' in document and 'number2: "07"' in document


BELOW_LEVEL_ONE = [
    "今年来，县民政局扎实开展工作，现将有关情况报告如下。",
    "（一）兜牢社会救助底线",
    "1、强化组织领导。1月27日，召开专题党组会。",
    "1）健全工作机制",
    "农村低保8854户12780人。",
    "2）规范审核审批",
    "2、加强资金监管。发放低保金2141.84万元。",
    "（二）提升养老服务水平",
    "全县养老机构入住率达58.7%。",
]


@pytest.mark.parametrize("maker", [naive_docx], ids=["typed"])
def test_an_outline_below_level_one_with_its_own_forms_and_no_signature(
        tmp_path: Path, maker: object) -> None:
    title = ["霍山县民政局2024年上半年工作总结"]
    source = maker(tmp_path / "src.docx", BELOW_LEVEL_ONE, title)  # type: ignore[operator]
    workspace = tmp_path / "ws"
    out = import_ok(source, workspace)
    assert "生成的报告与原文不同" not in out
    assert built_paragraphs(workspace) == title + BELOW_LEVEL_ONE
    config = (workspace / "summarygen.yaml").read_text(encoding="utf-8")
    assert "numbering: [一、, （一）, 1、, 1）]" in config
    assert "signature: false" in config
    files = sorted(p.name for p in (workspace / "datasets" / "2024-H1").glob("*.yaml"))
    assert files == ["document.yaml", "part01.yaml", "part02.yaml"]  # one file a （一）
    assert run("check", "--strict", "-C", str(workspace))[0] == 0
    code, out, err = run("verify", "-C", str(workspace))
    assert code == 0, out + err


def test_a_signature_other_than_the_organisation_and_its_date(tmp_path: Path) -> None:
    source = naive_docx(tmp_path / "src.docx", [*OUTLINE, "霍山县民政局办公室", "2024年7月5日"],
                        TITLED)
    workspace = tmp_path / "ws"
    import_ok(source, workspace)
    config = (workspace / "summarygen.yaml").read_text(encoding="utf-8")
    assert "signature:\n  name: 霍山县民政局办公室" in config
    assert built_paragraphs(workspace)[-2:] == ["霍山县民政局办公室", "2024年7月5日"]
