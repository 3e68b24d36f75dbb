"""`summarygen build` end to end: outputs, exit codes, messages, determinism, nothing lost."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from workspaces import digest, make_workspace, run


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text]


def test_build_writes_every_variant(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    code, out, err = run("build", "-C", str(root))
    assert (code, err) == (0, "")
    county, city = root / "out/2024-H1/county.docx", root / "out/2024-H1/city.docx"
    assert f"已生成：{county}" in out and f"已生成：{city}" in out
    text = paragraphs(county)
    assert text[0] == "霍山县民政局2024年上半年工作总结"
    assert text[1] == "今年来，围绕县委、县政府决策部署，全县民政工作稳步推进。"
    assert text[2] == "一、上半年工作总结"
    assert text[3] == ("（一）兜牢社会救助底线。特困人员供养3258人（其中分散供养2651人，"
                       "集中供养607人），发放救助资金822万元。强化组织领导。1月27日，召开专题党组会。")
    assert text[-2:] == ["霍山县民政局", "2024年7月5日"]
    assert paragraphs(city)[1] == "今年来，围绕市委市政府决策部署，全市民政工作稳步推进。"


def test_variant_period_format_and_out(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    out = tmp_path / "elsewhere"
    code, _out, err = run("build", "-C", str(root), "--variant", "city", "--period", "2024-H1",
                          "--format", "md", "--format", "txt", "--out", str(out))
    assert (code, err) == (0, "")
    assert sorted(digest(out)) == ["2024-H1/city.md", "2024-H1/city.txt"]
    markdown = (out / "2024-H1/city.md").read_text(encoding="utf-8")
    assert "## 一、上半年工作总结" in markdown
    assert "**（一）兜牢社会救助底线。**特困人员" in markdown
    assert not (root / "out").exists()


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    assert run("build", "-C", str(root))[0] == 0
    first = digest(root / "out")
    (root / "out").rename(tmp_path / "first")
    assert run("build", "-C", str(root))[0] == 0
    assert digest(root / "out") == first


def test_source_date_epoch_sets_the_file_times(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    epoch = {"SOURCE_DATE_EPOCH": "1720000000"}
    assert run("build", "-C", str(root), "-V", "city", env=epoch)[0] == 0
    props = docx.Document(str(root / "out/2024-H1/city.docx")).core_properties
    assert props.created is not None and props.created.isoformat().startswith("2024-07-03T09:46:40")
    assert run("build", "-C", str(root), "-V", "city")[0] == 0
    props = docx.Document(str(root / "out/2024-H1/city.docx")).core_properties
    assert props.created is not None and props.created.isoformat().startswith("2024-07-05T00:00")


def test_failed_build_leaves_earlier_outputs_untouched(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    assert run("build", "-C", str(root))[0] == 0
    before = digest(root / "out")
    area = root / "templates/areas/social_assistance.md.j2"
    area.write_text(area.read_text(encoding="utf-8").replace("d.funds", "d.fundz"),
                    encoding="utf-8")
    code, out, err = run("build", "-C", str(root))
    assert code == 1
    assert out == ""
    assert "templates/areas/social_assistance.md.j2:3" in err
    assert "“fundz”" in err and "是否应为“funds”" in err
    assert digest(root / "out") == before  # same files, same bytes, no temporary files left


def test_one_failing_variant_writes_nothing(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {
        "datasets/2024-H1/city/social_assistance.yaml": "funds: 很多\n"})
    code, _out, err = run("build", "-C", str(root))
    assert code == 1
    assert "datasets/2024-H1/city/social_assistance.yaml:1: funds: 错误" in err
    assert not (root / "out").exists()


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": (
        "extremely_poor:\n  people: 2651人\n  dispersed: 2651人\n  centralized: 607人\n"
        "funds: 822万元\n")})
    code, _out, err = run("build", "-C", str(root))
    assert code == 0
    assert "datasets/2024-H1/social_assistance.yaml:2: extremely_poor.people: 警告" in err
    code, _out, err = run("build", "-C", str(root), "--strict", "--out", str(tmp_path / "s"))
    assert code == 1
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--variant", "town"], "没有版本 town；现有版本：county、city"),
    (["--period", "../etc"], "“../etc”不是报告期"),
    (["--period", "2023-H1"], "没有 datasets/2023-H1/ 目录"),
])
def test_bad_names_are_user_errors(tmp_path: Path, args: list[str], message: str) -> None:
    root = make_workspace(tmp_path)
    code, _out, err = run("build", "-C", str(root), *args)
    assert code == 1
    assert message in err


def test_not_a_workspace(tmp_path: Path) -> None:
    code, _out, err = run("build", "-C", str(tmp_path))
    assert code == 1
    assert "不是 summarygen 工作区" in err


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert run("build", "--no-such-option")[0] == 2
    assert run("build", "--format", "pdfx")[0] == 2


def test_check_writes_nothing_and_lists_all_problems(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": (
        "extremely_poor:\n  people: 2651人\n  dispersed: 2651人\n  centralized: 607人\n"
        "funds: 822万元\nfundz: 1万元\n")})
    code, out, err = run("check", "-C", str(root))
    assert code == 0
    assert "检查通过：2 个警告。" in out
    assert err.count("警告") == 2
    code, _out, err = run("check", "-C", str(root), "--strict")
    assert code == 1
    assert "0 个错误，2 个警告。" in err
    assert not (root / "out").exists()


def test_the_library_is_given_the_build_time_and_never_reads_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarygen.build import run_build

    root = make_workspace(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "5")
    run_build(root, ("city",), jobs=1)
    props = docx.Document(str(root / "out/2024-H1/city.docx")).core_properties
    assert props.created is not None and props.created.isoformat().startswith("2024-07-05T00:00")
    run_build(root, ("city",), jobs=1, epoch=1720000000)
    props = docx.Document(str(root / "out/2024-H1/city.docx")).core_properties
    assert props.created is not None and props.created.isoformat().startswith("2024-07-03T09:46")
    assert run("build", "-C", str(root), "-V", "city")[0] == 0  # the command line reads it
    props = docx.Document(str(root / "out/2024-H1/city.docx")).core_properties
    assert props.created is not None and props.created.isoformat().startswith("1970-01-01")


def test_files_shared_by_reports_are_read_once_and_their_warnings_shown_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the workspace's two variants share their dataset and the template pack's schema
    from collections import Counter

    from summarygen.data import yamlio

    read: Counter[str] = Counter()
    original = yamlio._load_file

    def counted(path: Path, *args: object) -> object:
        read[path.name] += 1
        return original(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(yamlio, "_load_file", counted)
    root = make_workspace(tmp_path)
    dataset = root / "datasets/2024-H1/social_assistance.yaml"
    text = dataset.read_text(encoding="utf-8")
    dataset.write_text(text.replace("召开专题党组会", "召开某某县专题党组会"), encoding="utf-8")
    code, _out, err = run("build", "-C", str(root), "--jobs", "1")
    assert code == 0, err
    assert read["social_assistance.yaml"] == 2  # the dataset and the schema, once each
    assert err.count("social_assistance.yaml:") == 1  # its warning once, for both reports
    assert len(list((root / "out/2024-H1").glob("*.docx"))) == 2


@pytest.mark.parametrize(("own_schema", "loads"), [(False, 1), (True, 2)])
def test_variants_whose_folders_hold_the_same_schema_files_share_one_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_schema: bool, loads: int) -> None:
    from workspaces import AREA, SCHEMA, make_workspace

    from summarygen.data import schema

    sets: list[dict[str, Path]] = []
    original = schema.SchemaSet.from_files.__func__  # type: ignore[attr-defined]

    def counted(cls: type, definitions: list[Path], areas: dict[str, Path],
                problems: object) -> object:
        sets.append(areas)
        return original(cls, definitions, areas, problems)

    monkeypatch.setattr(schema.SchemaSet, "from_files", classmethod(counted))
    files = {"variants/own/areas/social_assistance.md.j2": AREA}  # templates of its own
    if own_schema:
        files["variants/own/schemas/social_assistance.yaml"] = SCHEMA.replace(
            "兜牢社会救助底线", "社会救助兜底保障")
    root = make_workspace(tmp_path, files)
    config = root / "summarygen.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  city:\n    organisation: zx\n",
        "  city:\n    organisation: zx\n    templates: variants/own\n"), encoding="utf-8")
    code, _out, err = run("build", "-C", str(root), "--jobs", "1", "-f", "md")
    assert code == 0, err
    assert len(sets) == loads
    city = (root / "out/2024-H1/city.md").read_text(encoding="utf-8")
    assert ("社会救助兜底保障" in city) is own_schema
