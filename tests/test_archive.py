"""``summarygen archive``, ``archive --verify`` and ``history``: frozen, verifiable periods."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from test_previous_year import LAST_YEAR, YOY_AREA
from workspaces import DATASET, digest, make_workspace, run

from summarygen.archive import seal as archive
from summarygen.errors import ArchiveError

R1 = "archive/2024-H1/r1"




def archived(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    root = make_workspace(tmp_path / "ws", files)
    code, out, err = run("archive", "-C", str(root))
    assert (code, err) == (0, "")
    assert out == f"已归档：{R1}（共 10 个文件）\n" if files is None else out.startswith("已归档")
    return root


def writable(path: Path) -> Path:
    path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return path


def test_archive_freezes_inputs_outputs_and_manifest(tmp_path: Path) -> None:
    root = archived(tmp_path)
    revision = root / R1
    assert sorted(digest(revision)) == [
        "datasets/2024-H1/social_assistance.yaml", "manifest.json",
        "out/2024-H1/city.docx", "out/2024-H1/city.txt",
        "out/2024-H1/county.docx", "out/2024-H1/county.txt",
        "summarygen.yaml", "templates/areas/social_assistance.md.j2",
        "templates/report.md.j2", "templates/schemas/social_assistance.yaml"]
    manifest = json.loads((revision / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["period"] == "2024-H1" and manifest["revision"] == 1
    assert manifest["variants"] == ["county", "city"]
    assert manifest["summarygen_version"] == "0.1.0"
    assert manifest["date"] == "2024-07-05"
    assert manifest["build_time"] == "2024-07-05T00:00:00+00:00"
    assert manifest["archived_at"].endswith("+00:00")
    assert manifest["previous"] is None
    hashes = digest(revision)
    del hashes["manifest.json"]
    assert manifest["files"] == hashes
    text = (revision / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    for path in revision.rglob("*"):
        assert path.stat().st_mode & 0o222 == 0, path
    assert (revision / "datasets/2024-H1/social_assistance.yaml").read_bytes() == (
        root / "datasets/2024-H1/social_assistance.yaml").read_bytes()
    assert not (root / "out").exists()  # archiving builds into the archive only


def test_second_archive_of_a_period_is_refused(tmp_path: Path) -> None:
    root = archived(tmp_path)
    before = digest(root / "archive")
    code, out, err = run("archive", "-C", str(root), "--period", "2024-H1")
    assert (code, out) == (1, "")
    assert err == ("错误: 2024-H1 已经归档（archive/2024-H1/r1）；归档内容不会被覆盖。"
                   "如需再次归档，请加 --force，将新增一个修订版本与原版本并存。\n")
    assert digest(root / "archive") == before


def test_force_adds_a_revision_and_keeps_the_old_one_intact(tmp_path: Path) -> None:
    root = archived(tmp_path)
    before = digest(root / R1)
    dataset = root / "datasets/2024-H1/social_assistance.yaml"
    dataset.write_text(dataset.read_text(encoding="utf-8").replace("822万元", "823万元"),
                       encoding="utf-8")
    code, out, err = run("archive", "-C", str(root), "--force")
    assert (code, err) == (0, "")
    assert out == "已归档：archive/2024-H1/r2（共 10 个文件）\n"
    assert digest(root / R1) == before
    second = root / "archive/2024-H1/r2"
    assert "823万元" in (second / "out/2024-H1/county.txt").read_text(encoding="utf-8")
    assert "822万元" in (root / R1 / "out/2024-H1/county.txt").read_text(encoding="utf-8")
    assert json.loads((second / "manifest.json").read_text(encoding="utf-8"))["revision"] == 2
    assert sorted(p.name for p in (root / "archive/2024-H1").iterdir()) == ["r1", "r2"]


def test_verify_passes_on_a_fresh_archive(tmp_path: Path) -> None:
    root = archived(tmp_path)
    code, out, err = run("archive", "-C", str(root), "--verify")
    assert (code, err) == (0, "")
    assert out == f"核验通过：{R1}（哈希值一致，重新生成的文稿逐字节相同）\n"


def flip_last_byte(path: Path) -> None:
    data = bytearray(writable(path).read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


CHANGED = "错误: 归档后被改动过（SHA-256 与清单不符）"
REBUILT = "错误: 用归档的数据和模板重新生成的文稿与这个归档文件不一致（字节不同）"


@pytest.mark.parametrize(("name", "expected"), [
    ("out/2024-H1/county.docx", [f"{R1}/out/2024-H1/county.docx: {CHANGED}",
                                 f"{R1}/out/2024-H1/county.docx: {REBUILT}"]),
    ("templates/report.md.j2", [f"{R1}/templates/report.md.j2: {CHANGED}"]),
])
def test_verify_fails_when_one_byte_of_an_archived_file_changes(
        tmp_path: Path, name: str, expected: list[str]) -> None:
    root = archived(tmp_path)
    flip_last_byte(root / R1 / name)  # the template's last byte is its final newline
    code, out, err = run("archive", "-C", str(root), "--verify", "--period", "2024-H1")
    assert (code, out) == (1, "")
    assert err.splitlines() == [*expected, f"{len(expected)} 个错误，0 个警告。"]


def test_verify_names_a_changed_figure_and_the_outputs_it_changes(tmp_path: Path) -> None:
    root = archived(tmp_path)
    dataset = writable(root / R1 / "datasets/2024-H1/social_assistance.yaml")
    dataset.write_bytes(dataset.read_bytes().replace(b"822", b"823"))
    code, _out, err = run("archive", "-C", str(root), "--verify")
    assert code == 1
    lines = err.splitlines()
    assert lines == [f"{R1}/datasets/2024-H1/social_assistance.yaml: {CHANGED}",
                     *(f"{R1}/out/2024-H1/{name}: {REBUILT}" for name in (
                         "county.docx", "county.txt", "city.docx", "city.txt")),
                     "5 个错误，0 个警告。"]


def test_verify_names_missing_and_unlisted_files(tmp_path: Path) -> None:
    root = archived(tmp_path)
    writable(root / R1 / "templates")
    (root / R1 / "templates/notes.txt").write_text("x", encoding="utf-8")
    writable(root / R1 / "out/2024-H1")
    (root / R1 / "out/2024-H1/city.txt").unlink()
    code, _out, err = run("archive", "-C", str(root), "--verify")
    assert code == 1
    assert f"{R1}/out/2024-H1/city.txt: 错误: 文件缺失：清单中有这个文件，归档中却没有\n" in err
    assert f"{R1}/templates/notes.txt: 错误: 不在清单中：这个文件是归档后添加的\n" in err


def test_rebuild_from_the_archive_is_byte_identical(tmp_path: Path) -> None:
    root = archived(tmp_path)
    out = tmp_path / "rebuilt"
    code, _out, err = run("build", "-C", str(root / R1), "--out", str(out),
                          "-f", "docx", "-f", "txt")
    assert (code, err) == (0, "")
    archived_out = digest(root / R1 / "out")
    assert digest(out) == archived_out
    assert len(archived_out) == 4


def test_verify_uses_the_source_date_epoch_of_the_archive(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    assert run("archive", "-C", str(root), env={"SOURCE_DATE_EPOCH": "1720000000"})[0] == 0
    manifest = json.loads((root / R1 / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source_date_epoch"] == "1720000000"
    assert manifest["build_time"] == "2024-07-03T09:46:40+00:00"
    code, _out, err = run("archive", "-C", str(root), "--verify", env={"SOURCE_DATE_EPOCH": "5"})
    assert (code, err) == (0, "")


def test_archive_keeps_last_years_figures_used_by_prev(tmp_path: Path) -> None:
    root = archived(tmp_path, {"templates/areas/social_assistance.md.j2": YOY_AREA,
                               "datasets/2023-H1/social_assistance.yaml": LAST_YEAR})
    revision = root / R1
    assert (revision / "datasets/2023-H1/social_assistance.yaml").read_text(
        encoding="utf-8") == LAST_YEAR
    manifest = json.loads((revision / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["previous"] == {"period": "2023-H1", "source": "datasets/2023-H1/"}
    assert "同比增长5.1%" in (revision / "out/2024-H1/county.txt").read_text(encoding="utf-8")
    # the revision is self-contained: the workspace may lose last year's folder
    (root / "datasets/2023-H1/social_assistance.yaml").unlink()
    (root / "datasets/2023-H1").rmdir()
    assert run("archive", "-C", str(root), "--verify")[0] == 0


def test_prev_comes_from_the_archive_when_datasets_are_gone(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2023-H1/social_assistance.yaml": LAST_YEAR})
    assert run("archive", "-C", str(root), "--period", "2023-H1")[0] == 0
    for path in (root / "datasets/2023-H1").iterdir():
        path.unlink()
    (root / "datasets/2023-H1").rmdir()
    (root / "templates/areas/social_assistance.md.j2").write_text(YOY_AREA, encoding="utf-8")
    code, _out, err = run("archive", "-C", str(root))
    assert (code, err) == (0, "")
    manifest = json.loads((root / R1 / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["previous"] == {"period": "2023-H1", "source": "archive/2023-H1/r1/"}
    assert (root / R1 / "datasets/2023-H1/social_assistance.yaml").is_file()
    text = (root / R1 / "out/2024-H1/county.txt").read_text(encoding="utf-8")
    assert "特困人员供养3258人，同比增长5.1%" in text
    assert run("archive", "-C", str(root), "--verify")[0] == 0


def test_a_failed_build_archives_nothing(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": YOY_AREA})
    code, out, err = run("archive", "-C", str(root))
    assert (code, out) == (1, "")
    assert "没有上年同期（2023-H1）的数据" in err
    assert not (root / "archive").exists()


def test_a_revision_is_never_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path)

    def fail(folder: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive, "freeze", fail)
    with pytest.raises(ArchiveError) as info:
        archive.archive_period(root)
    assert "磁盘空间已满" in info.value.format_message()
    assert list((root / "archive/2024-H1").iterdir()) == []


def test_history_lists_periods_revisions_dates_and_variants(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2023-H1/social_assistance.yaml": LAST_YEAR})
    for args in (("--period", "2024-H1"), ("--period", "2023-H1"), ("--force",)):
        assert run("archive", "-C", str(root), *args)[0] == 0
    (root / "archive/2024-H1/.r3.abc.tmp").mkdir()  # a revision being written is not listed
    code, out, err = run("history", "-C", str(root))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["报告期", "修订版本", "归档时间", "成文日期", "版本", "未完成"]
    assert set(lines[1]) == {"-", " "}
    rows = [line.split() for line in lines[2:]]
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows] == [
        ("2023-H1", "r1", "2023-06-30", "county、city", "-"),
        ("2024-H1", "r1", "2024-07-05", "county、city", "-"),
        ("2024-H1", "r2", "2024-07-05", "county、city", "-")]
    assert len(lines) == 5


def test_history_and_verify_with_nothing_archived(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    code, out, err = run("history", "-C", str(root))
    assert (code, err) == (0, "")
    assert out == "还没有归档任何报告期；生成报告后请运行“summarygen archive”归档\n"
    code, out, err = run("archive", "-C", str(root), "--verify")
    assert (code, out, err) == (1, "", "错误: 还没有归档任何报告期，无需核验\n")
    code, out, err = run("archive", "-C", str(root), "--verify", "--period", "2023-H1")
    assert (code, err) == (
        1, "--period: 错误: 2023-H1 尚未归档（没有 archive/2023-H1/r1 文件夹）\n")


@pytest.mark.parametrize("option", [("--force",), ("--variant", "city")])
def test_verify_with_force_or_variant_is_a_usage_error(tmp_path: Path,
                                                       option: tuple[str, ...]) -> None:
    root = archived(tmp_path)
    code, out, err = run("archive", "-C", str(root), "--verify", *option)
    assert (code, out) == (2, "")
    assert "--verify 核验整个修订版本，不能与 --force 或 --variant 同时使用" in err
    assert sorted(p.name for p in (root / "archive/2024-H1").iterdir()) == ["r1"]


def test_archive_some_variants_of_a_period(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2023-H1/county/social_assistance.yaml": LAST_YEAR})
    code, _out, err = run("archive", "-C", str(root), "-p", "2023-H1")
    assert code == 1
    assert "datasets/2023-H1/ 中没有版本“city”的数据文件" in err
    code, out, err = run("archive", "-C", str(root), "-p", "2023-H1", "-V", "county")
    assert (code, out, err) == (0, "已归档：archive/2023-H1/r1（共 8 个文件）\n", "")
    revision = root / "archive/2023-H1/r1"
    manifest = json.loads((revision / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["variants"] == ["county"]
    assert sorted(p.name for p in (revision / "out/2023-H1").iterdir()) == [
        "county.docx", "county.txt"]
    assert run("archive", "-C", str(root), "--verify")[0] == 0


def test_a_damaged_manifest_is_reported(tmp_path: Path) -> None:
    root = archived(tmp_path)
    writable(root / R1 / "manifest.json").write_text("{", encoding="utf-8")
    code, out, err = run("history", "-C", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[2].split() == ["2024-H1", "r1", "-", "-", "（已损坏）"]
    code, out, err = run("archive", "-C", str(root), "--verify")
    assert (code, out) == (1, "")
    assert err.startswith(f"{R1}/manifest.json:1: 错误: 归档清单已损坏：不是有效的 JSON 格式")


def test_variant_template_overrides_are_archived(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    text = (root / "summarygen.yaml").read_text(encoding="utf-8")
    (root / "summarygen.yaml").write_text(text.replace(
        "    organisation: zx\n", "    organisation: zx\n    templates: city_templates\n"),
        encoding="utf-8")
    override = root / "city_templates/areas/social_assistance.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("### 市级社会救助。\n资金{{ data.social_assistance.funds }}。\n",
                        encoding="utf-8")
    (root / "city_templates/.notes.swp").write_text("editor backup", encoding="utf-8")
    assert run("archive", "-C", str(root))[0] == 0
    revision = root / R1
    assert (revision / "city_templates/areas/social_assistance.md.j2").is_file()
    assert not (revision / "city_templates/.notes.swp").exists()
    assert "（一）市级社会救助。资金822万元。" in (revision / "out/2024-H1/city.txt").read_text(
        encoding="utf-8")
    assert run("archive", "-C", str(root), "--verify")[0] == 0


UNFINISHED = DATASET.replace("dispersed: 2651人", "dispersed: 2651人  # 待更新").replace(
    "centralized: 607人", "centralized: 607人  # 待更新").replace(
    "people: 3258人", "people: 3259人")
"""Two figures still marked from the last period, and a total that no longer adds up."""


def test_an_unfinished_period_is_refused_with_a_count_per_file(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {
        "datasets/2024-H1/social_assistance.yaml": UNFINISHED,
        "datasets/2024-H1/city/extra.yaml": "funds: 1万元  # 待更新\n",
        "templates/schemas/extra.yaml": ("title: 其他\ndescription: 其他\n"
                                         "fields:\n  funds: {type: money, description: 资金}\n"),
        "templates/areas/extra.md.j2": "{{ data.extra.funds }}\n"})
    code, out, err = run("archive", "-C", str(root))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "错误: 2024-H1 尚未完成，没有归档：",
        "  datasets/2024-H1/social_assistance.yaml: 2 个数字仍标着“# 待更新”、1 个警告",
        "  datasets/2024-H1/city/extra.yaml: 1 个数字仍标着“# 待更新”",
        "请更新数字并删除标注、改正“summarygen check”报告的问题后再归档；或者加 --force "
        "按现状归档（清单中会记下这是强制归档）。"]
    assert not (root / "archive").exists()


def test_force_seals_an_unfinished_period_and_says_so(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": UNFINISHED})
    code, out, _err = run("archive", "-C", str(root), "--force")
    assert code == 0
    assert out.startswith(f"已归档：{R1}")
    manifest = json.loads((root / R1 / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["forced"] == {"markers": 2, "warnings": 1, "files": {
        "datasets/2024-H1/social_assistance.yaml": {"markers": 2, "warnings": 1}}}
    code, out, _err = run("history", "-C", str(root))
    assert code == 0
    assert out.splitlines()[2].endswith("--force：2 个待更新、1 个警告")
    assert run("archive", "-C", str(root), "--verify")[0] == 0


def test_a_finished_period_records_no_force(tmp_path: Path) -> None:
    root = archived(tmp_path)
    manifest = json.loads((root / R1 / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["forced"] is None
