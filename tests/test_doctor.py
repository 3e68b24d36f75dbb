"""``summarygen doctor``: Python, LibreOffice, every font the workspace's style asks for (through
fontconfig on Linux, the Fonts folders on Windows), the console's encoding; each lack with its fix
in Chinese, and exit status 1 when something is missing."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from workspaces import make_workspace

import summarygen.doctor.checks as checks
from summarygen.cli.commands import cli
from summarygen.doctor import Machine, Status, diagnose
from summarygen.doctor.fonts import (
    families_in_folders,
    font_families,
    font_folders,
    font_states,
    fontconfig_states,
)

pytestmark = pytest.mark.usefixtures("chinese")


def font_file(*families: str, base: int = 0) -> bytes:
    """A minimal OpenType font whose ``name`` table names ``families`` (Chinese names tagged
    zh-CN, others en-US) and a full name (ID 4) that is not a family; ``base`` is where the font
    starts in its file (tables are placed by offsets from the start of the file)."""
    records, strings = [], b""
    for name, name_id in [*((f, 1) for f in families), ("Not A Family Bold", 4)]:
        raw = name.encode("utf-16-be")
        language = 0x409 if name.isascii() else 0x804
        records.append(struct.pack(">HHHHHH", 3, 1, language, name_id, len(raw), len(strings)))
        strings += raw
    table = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + b"".join(records)
    table += strings
    header = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
    directory = struct.pack(">4sIII", b"name", 0, base + 12 + 16, len(table))
    return header + directory + table


def collection(*fonts: tuple[str, ...]) -> bytes:
    """A font collection (``.ttc``) of fonts with these family names."""
    start = 12 + 4 * len(fonts)
    offsets, body = [], b""
    for families in fonts:
        offsets.append(start + len(body))
        body += font_file(*families, base=start + len(body))
    return b"ttcf" + struct.pack(">II", 0x00010000, len(fonts)) + \
        struct.pack(f">{len(fonts)}I", *offsets) + body


def test_family_names_are_read_from_fonts_and_collections(tmp_path: Path) -> None:
    (tmp_path / "FS_GB2312.ttf").write_bytes(font_file("仿宋_GB2312", "FangSong_GB2312"))
    (tmp_path / "simsun.ttc").write_bytes(collection(("宋体", "SimSun"), ("新宋体", "NSimSun")))
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00garbage")
    assert font_families(tmp_path / "FS_GB2312.ttf") == {"仿宋_GB2312", "FangSong_GB2312"}
    assert font_families(tmp_path / "simsun.ttc") == {"宋体", "SimSun", "新宋体", "NSimSun"}
    assert font_families(tmp_path / "broken.ttf") == set()


def test_the_reader_agrees_with_fontconfig_on_real_fonts() -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig (fc-list) is not installed")
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                            check=True).stdout
    if "Noto Sans CJK SC" not in listed:
        pytest.skip("the Noto CJK fonts are not installed (scripts/install-render-tools.sh)")
    found = families_in_folders(font_folders("linux", {}))
    assert {"Noto Sans CJK SC", "Noto Serif CJK SC"} <= found


def windows(tmp_path: Path, system: dict[str, bytes], user: dict[str, bytes]) -> dict[str, str]:
    """A Windows environment whose system and per-user Fonts folders hold these files."""
    environ = {"WINDIR": str(tmp_path / "Windows"), "LOCALAPPDATA": str(tmp_path / "Local")}
    for folder, files in ((tmp_path / "Windows/Fonts", system),
                          (tmp_path / "Local/Microsoft/Windows/Fonts", user)):
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    return environ


STOCK_WINDOWS = {"simfang.ttf": font_file("仿宋", "FangSong"),
                 "simkai.ttf": font_file("楷体", "KaiTi"),
                 "simhei.ttf": font_file("黑体", "SimHei"),
                 "simsun.ttc": collection(("宋体", "SimSun"), ("新宋体", "NSimSun")),
                 "times.ttf": font_file("Times New Roman")}


def test_windows_fonts_in_the_system_and_the_users_folder(tmp_path: Path) -> None:
    environ = windows(tmp_path, STOCK_WINDOWS,
                      {"方正小标宋简体.TTF": font_file("方正小标宋简体", "FZXiaoBiaoSong-B05S")})
    states = font_states(["仿宋", "方正小标宋简体", "fzxiaobiaosong-b05s", "仿宋_GB2312"],
                         "win32", environ, run=lambda command: pytest.fail("no fontconfig"))
    assert [(s.name, s.installed) for s in states] == [
        ("仿宋", True), ("方正小标宋简体", True), ("fzxiaobiaosong-b05s", True),
        ("仿宋_GB2312", False)]


def test_stock_windows_gets_the_windows_preset_and_a_title_font(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    environ = windows(tmp_path, STOCK_WINDOWS, {})
    diagnosis = diagnose(root, Machine("win32", environ, run=lambda command: None))
    fonts = {f.subject: f for f in diagnosis.findings if f.subject.startswith("字体")}
    body = fonts["字体“仿宋_GB2312”（正文、三级标题、四级标题）"]
    assert (body.status, body.detail) == (Status.MISSING, "本机没有")
    assert body.fix.startswith("本机有“windows”方案的字体：在 summarygen.yaml 的“style:”下写"
                               "“preset: windows”")
    title = fonts["字体“方正小标宋简体”（标题）"]
    assert title.status is Status.MISSING
    assert "右键单击字体文件，选“为所有用户安装”" in title.fix
    assert "或改用本机已有的“宋体”：在 summarygen.yaml 的“style:”→“fonts:”下写 title: 宋体" in \
        title.fix
    assert fonts["字体“黑体”（一级标题）"].status is Status.OK
    assert fonts["字体“宋体”（页码）"].status is Status.OK


def test_a_workspace_on_the_windows_preset_lacks_only_the_title_font(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    config = root / "summarygen.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "style:\n  preset: windows\n",
                      encoding="utf-8")
    environ = windows(tmp_path, STOCK_WINDOWS, {})
    diagnosis = diagnose(root, Machine("win32", environ, run=lambda command: None))
    missing = [f.subject for f in diagnosis.missing]
    assert missing[-1] == "字体“方正小标宋简体”（标题）"
    assert all(not s.startswith("字体") for s in missing[:-1])  # LibreOffice may be missing


def fake_fontconfig(installed: list[str], aliases: dict[str, str]) -> checks.Runner:
    """``fc-list``/``fc-match`` answering from these installed families and aliases."""
    def run(command: list[str]) -> str | None:
        if command[0] == "fc-list":
            return "\n".join(installed) + "\n"
        return aliases.get(command[-1], "DejaVu Sans") + ",Other Name"
    return run


def test_fontconfig_tells_installed_stand_in_and_missing() -> None:
    run = fake_fontconfig(["FandolFang,FandolFang R", "DejaVu Sans", "黑体,SimHei"],
                          {"仿宋_GB2312": "FandolFang", "楷体_GB2312": "AR PL UKai CN"})
    states = fontconfig_states(["黑体", "SimHei", "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"],
                               run)
    assert states is not None
    assert [(s.name, s.installed, s.stand_in) for s in states] == [
        ("黑体", True, None), ("SimHei", True, None), ("仿宋_GB2312", False, "FandolFang"),
        ("楷体_GB2312", False, None),  # matched to a font that is not installed
        ("方正小标宋简体", False, None)]  # only the last-resort default
    assert fontconfig_states(["黑体"], lambda command: None) is None


@pytest.mark.parametrize(("platform", "fix"), [
    ("win32", "PYTHONUTF8=1"), ("linux", "export LANG=zh_CN.UTF-8")])
def test_a_console_that_cannot_show_chinese(tmp_path: Path, platform: str, fix: str) -> None:
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    gbk = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    machine = Machine(platform, {}, run=lambda command: None, streams=(latin, gbk))
    diagnosis = diagnose(tmp_path, machine)
    latin_finding, gbk_finding = diagnosis.findings[-2:]
    assert latin_finding.status is Status.MISSING
    assert latin_finding.detail == "latin-1：不能显示中文"
    assert fix in latin_finding.fix
    assert (gbk_finding.status, gbk_finding.detail) == (Status.OK, "gbk")


def test_doctor_without_libreoffice_or_fonts_exits_1(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path / "ws")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice, fc-list or summarygen
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(checks, "font_states", lambda names, *args: [
        checks.FontState(name, False) for name in names])
    result = CliRunner().invoke(cli, ["doctor", "-C", str(root)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[正常] Python：Python 3.")
    assert lines[1] == "[提示] summarygen 命令：不在 PATH 上，直接输入 summarygen 找不到"
    assert ("[缺少] LibreOffice：没有找到：不能生成 PDF（--format pdf），生成 Word 文件不受影响"
            in lines)
    assert "[缺少] 字体“黑体”（一级标题）：本机没有" in lines
    assert lines[-1] == "缺少 7 项，改法见上。"  # LibreOffice and six fonts
    assert all(line.startswith(("[", "    改法：")) for line in lines[:-1])


def test_doctor_exits_0_when_all_is_there(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "find_soffice", lambda: "/opt/libreoffice/program/soffice")
    monkeypatch.setattr(checks, "font_states", lambda names, *args: [
        checks.FontState(name, True) for name in names])
    result = CliRunner().invoke(cli, ["doctor", "-C", str(make_workspace(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "[缺少]" not in result.stdout
    assert result.stdout.endswith("本机具备本工作区需要的一切。\n")
    english = CliRunner().invoke(cli, ["--lang", "en", "doctor", "-C", str(tmp_path)])
    assert english.exit_code == 0
    assert "[ok] LibreOffice: /opt/libreoffice/program/soffice" in english.stdout


def test_a_broken_configuration_is_reported_like_everywhere(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    (root / "summarygen.yaml").write_text("variants: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["doctor", "-C", str(root)])
    assert result.exit_code == 1
    assert result.stderr.startswith("summarygen.yaml:")


def test_quiet_shows_only_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "find_soffice", lambda: None)
    monkeypatch.setattr(checks, "font_states", lambda names, *args: [
        checks.FontState(name, name != "黑体") for name in names])
    monkeypatch.chdir(tmp_path)  # outside a workspace: the default style
    result = CliRunner().invoke(cli, ["doctor", "-q"])
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if not line.startswith("    ")] == [
        "[缺少] LibreOffice：没有找到：不能生成 PDF（--format pdf），生成 Word 文件不受影响",
        "[缺少] 字体“黑体”（一级标题）：本机没有"]
