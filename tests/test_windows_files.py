"""Writing outputs as on Windows: no ``os.sync``, descriptors that must be writable to be synced,
reports held open (locked) by Word or WPS, and the cache in the local application data folder."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_nothing_lost import build, state
from workspaces import DATASET, make_workspace

import summarygen.output
from summarygen.cachedir import cache_root
from summarygen.cli.commands import cli
from summarygen.output import SYNC_ONE_BY_ONE, Staging

pytestmark = pytest.mark.usefixtures("chinese")


def windows_fsync(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``os.fsync`` that fails on a file descriptor opened read-only, as Windows' ``_commit``
    does; the descriptors synced."""
    import fcntl

    real_fsync = os.fsync
    synced: list[int] = []

    def fsync(fd: int) -> None:
        read_only = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY
        if stat.S_ISREG(os.fstat(fd).st_mode) and read_only:
            raise OSError(errno.EBADF, "Bad file descriptor")
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(summarygen.output.os, "fsync", fsync)
    return synced


@pytest.mark.skipif(os.name == "nt", reason="simulates Windows on a POSIX system")
def test_many_files_without_os_sync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "sync")
    synced = windows_fsync(monkeypatch)
    count = SYNC_ONE_BY_ONE + 4
    with Staging() as staging:
        for number in range(count):
            staging.add(tmp_path / "out" / f"{number}.docx", f"报告{number}".encode())
        written = staging.commit()
    assert len(written) == count
    assert len(synced) >= count  # every file synced one by one
    assert (tmp_path / "out/7.docx").read_text(encoding="utf-8") == "报告7"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{n}.docx" for n in range(count))


def test_a_folder_that_cannot_be_synced_is_no_failure(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(summarygen.output.os, "fsync", fsync)
    summarygen.output.atomic_write(tmp_path / "a.txt", b"x")
    assert (tmp_path / "a.txt").read_bytes() == b"x"


def locked_on_replace(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """``os.replace`` onto ``name`` fails as on Windows when Word holds the file open."""
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(summarygen.output.os, "replace", replace)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = make_workspace(tmp_path)
    result = build(root)
    assert result.exit_code == 0, result.output
    (root / "datasets/2024-H1/social_assistance.yaml").write_text(
        DATASET.replace("822万元", "823万元"), encoding="utf-8")
    return root


@pytest.mark.parametrize("locked", ["city.md", "county.txt"])
def test_a_report_open_in_word_is_named_and_nothing_changes(
        built: Path, monkeypatch: pytest.MonkeyPatch, locked: str) -> None:
    before = state(built / "out")
    locked_on_replace(monkeypatch, locked)
    monkeypatch.chdir(built)
    result = CliRunner().invoke(cli, ["build", "-f", "md", "-f", "txt"])
    assert result.exit_code == 1
    assert result.stderr == (f"错误: out/2024-H1/{locked} 正被其他程序（如 Word、WPS）打开，"
                             "请关闭后重试\n")
    assert result.stdout == ""
    assert state(built / "out") == before  # the files renamed before it were put back


def test_english_message_for_a_locked_file(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked_on_replace(monkeypatch, "county.md")
    monkeypatch.chdir(built)
    result = CliRunner().invoke(cli, ["--lang", "en", "build", "-f", "md"])
    assert result.exit_code == 1
    assert "out/2024-H1/county.md is open in another program (such as Word or WPS)" in \
        result.stderr


def test_a_locked_file_with_a_parallel_build(built: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = state(built / "out")
    locked_on_replace(monkeypatch, "county.txt")
    monkeypatch.chdir(built)
    result = CliRunner().invoke(cli, ["build", "-f", "md", "-f", "txt", "--jobs", "2"])
    assert result.exit_code == 1
    assert "out/2024-H1/county.txt 正被其他程序" in result.stderr
    assert state(built / "out") == before


def test_no_space_is_not_called_a_lock(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == "city.md":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(summarygen.output.os, "replace", replace)
    result = build(built)
    assert result.exit_code == 1
    assert "无法写入" in result.stderr and "磁盘空间已满" in result.stderr
    assert "其他程序" not in result.stderr


def test_a_new_report_is_removed_again_when_another_is_locked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.docx").write_bytes(b"old")
    locked_on_replace(monkeypatch, "old.docx")
    with Staging() as staging:
        staging.add(out / "new.docx", b"new")
        staging.add(out / "old.docx", b"newer")
        with pytest.raises(summarygen.output.OutputError) as caught:
            staging.commit()
    assert "正被其他程序" in caught.value.message
    assert sorted(p.name for p in out.iterdir()) == ["old.docx"]
    assert (out / "old.docx").read_bytes() == b"old"


def test_copies_kept_where_hard_links_are_not_possible(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_link(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(summarygen.output.os, "link", no_link)
    before = state(built / "out")
    locked_on_replace(monkeypatch, "county.txt")
    result = build(built)
    assert result.exit_code == 1
    assert {k: v[0] for k, v in state(built / "out").items()} == \
        {k: v[0] for k, v in before.items()}


@pytest.mark.parametrize(("platform", "environ", "expected"), [
    ("win32", {"LOCALAPPDATA": r"C:\Users\li\AppData\Local", "XDG_CACHE_HOME": "/x"},
     Path(r"C:\Users\li\AppData\Local") / "summarygen" / "Cache"),
    ("win32", {}, Path.home() / "AppData" / "Local" / "summarygen" / "Cache"),
    ("linux", {"XDG_CACHE_HOME": "/var/cache/li"}, Path("/var/cache/li/summarygen")),
    ("linux", {"XDG_CACHE_HOME": "relative"}, Path.home() / ".cache" / "summarygen"),
    ("linux", {}, Path.home() / ".cache" / "summarygen"),
    ("darwin", {"XDG_CACHE_HOME": "/x"}, Path.home() / "Library" / "Caches" / "summarygen"),
])
def test_the_cache_folder_follows_each_systems_rules(platform: str, environ: dict[str, str],
                                                     expected: Path) -> None:
    assert cache_root(platform, environ) == expected


def test_a_read_only_folder_left_over_is_removed_as_on_windows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows deletes no read-only file: the temporary copy of a sealed folder (an archive
    revision made read-only) must still go when the folder cannot be put in place."""
    real_unlink = os.unlink

    def windows_unlink(path: str | os.PathLike[str], *, dir_fd: int | None = None) -> None:
        if not os.stat(path, dir_fd=dir_fd).st_mode & stat.S_IWUSR:
            raise PermissionError(errno.EACCES, "Access is denied", str(path))
        real_unlink(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "unlink", windows_unlink)
    final = tmp_path / "2024-H1"

    def seal_and_lose_the_race(folder: Path) -> None:
        for path in folder.rglob("*"):
            path.chmod(0o444 if path.is_file() else 0o555)
        final.mkdir()  # another run made it meanwhile

    with pytest.raises(summarygen.output.FolderAppeared):
        summarygen.output.write_folder(final, {"a/b.yaml": b"x: 1\n", "c.docx": b"PK"},
                                       seal_and_lose_the_race)
    assert [p.name for p in tmp_path.iterdir()] == ["2024-H1"]


def test_libreoffice_in_its_default_windows_folder_is_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice's Windows installer does not add itself to the PATH."""
    from summarygen.writer.pdf import find_soffice

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    soffice = tmp_path / "Program Files/LibreOffice/program/soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"MZ")
    environ = {"ProgramFiles(x86)": str(tmp_path / "x86"),
               "ProgramFiles": str(tmp_path / "Program Files")}
    assert find_soffice("win32", environ) == str(soffice)
    assert find_soffice("linux", environ) is None
    assert find_soffice("win32", {"ProgramFiles": str(tmp_path / "x86")}) is None
