"""The workspace is a boundary: a link that leads outside it is refused, naming the link, by every
read (datasets, templates and includes, schemas, configuration, archive, new period); a link that
stays inside keeps working."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from workspaces import CONFIG, DATASET, REPORT, digest, make_workspace, run

pytestmark = pytest.mark.usefixtures("chinese")

DATASET_FILE = "datasets/2024-H1/social_assistance.yaml"
OUTSIDE = "是一个链接，指向工作区之外的"


def _can_link(tmp_path: Path) -> bool:
    try:
        (tmp_path / ".probe").symlink_to(tmp_path)
    except (OSError, NotImplementedError):
        return False
    (tmp_path / ".probe").unlink()
    return True


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the workspace, with a private file in it."""
    if not _can_link(tmp_path):
        pytest.skip("this system or user cannot make symbolic links (Windows without "
                    "developer mode)")
    folder = tmp_path / "outside"
    folder.mkdir()
    secret = folder / "secret.yaml"
    secret.write_text(DATASET.replace("3258人", "9999人"), encoding="utf-8")
    secret.chmod(0o600)
    return folder


def link(path: Path, target: Path) -> None:
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def test_a_dataset_linked_from_outside_is_refused(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    link(root / DATASET_FILE, outside / "secret.yaml")
    code, _out, err = run("build", "-C", str(root))
    assert code == 1
    assert f"{DATASET_FILE}: 错误: {OUTSIDE}" in err.replace(str(outside / "secret.yaml"), "")
    assert str(outside / "secret.yaml") in err
    assert not (root / "out").exists()


def test_a_dataset_linked_inside_keeps_working(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    shared = root / "shared/social_assistance.yaml"
    shared.parent.mkdir()
    (root / DATASET_FILE).rename(shared)
    link(root / DATASET_FILE, Path("../../shared/social_assistance.yaml"))
    assert run("build", "-C", str(root), "-f", "md")[0] == 0
    assert "3258" in (root / "out/2024-H1/county.md").read_text(encoding="utf-8")


def test_a_template_linked_from_outside_is_refused(tmp_path: Path, outside: Path) -> None:
    (outside / "evil.md.j2").write_text("{{ 1 }}\n", encoding="utf-8")
    report = REPORT + '{% include "evil.md.j2" %}\n'
    root = make_workspace(tmp_path / "ws", {"templates/report.md.j2": report})
    link(root / "templates/evil.md.j2", outside / "evil.md.j2")
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert ("templates/evil.md.j2: 错误: 模板只能从模板目录中读取；"
            "“evil.md.j2”指向模板目录之外") in err


def test_a_schema_linked_from_outside_is_refused(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    schema = root / "templates/schemas/social_assistance.yaml"
    (outside / "schema.yaml").write_bytes(schema.read_bytes())
    link(schema, outside / "schema.yaml")
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert f"templates/schemas/social_assistance.yaml: 错误: {OUTSIDE}" in err.replace(
        str(outside / "schema.yaml"), "")


def test_a_configuration_linked_from_outside_is_refused(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    (outside / "summarygen.yaml").write_text(CONFIG, encoding="utf-8")
    link(root / "summarygen.yaml", outside / "summarygen.yaml")
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert "summarygen.yaml" in err and OUTSIDE in err


def test_a_template_folder_linked_outside_is_refused(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    (root / "templates").rename(outside / "pack")
    link(root / "templates", outside / "pack")
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert "模板文件夹 templates 是一个链接" in err


def test_a_shared_pack_named_outside_still_works(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    (root / "templates").rename(outside / "pack")
    (root / "summarygen.yaml").write_text(CONFIG + "templates: ../outside/pack\n",
                                          encoding="utf-8")
    assert run("check", "-C", str(root))[0] == 0


def test_archive_never_copies_a_linked_private_file(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    link(root / "templates/notes.txt", outside / "secret.yaml")
    code, _out, err = run("archive", "-C", str(root))
    assert code == 1
    assert f"templates/notes.txt: 错误: {OUTSIDE}" in err.replace(str(outside / "secret.yaml"),
                                                                  "")
    assert not (root / "archive").exists() or not list((root / "archive").rglob("notes.txt"))


def test_archive_verify_refuses_a_link_in_a_revision(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    assert run("archive", "-C", str(root))[0] == 0
    revision = root / "archive/2024-H1/r1"
    revision.chmod(0o755)
    link(revision / "extra.yaml", outside / "secret.yaml")
    code, _out, err = run("archive", "-C", str(root), "--verify")
    assert code == 1
    assert f"archive/2024-H1/r1/extra.yaml: 错误: {OUTSIDE}" in err.replace(
        str(outside / "secret.yaml"), "")


def test_new_period_does_not_copy_a_linked_file(tmp_path: Path, outside: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    link(root / "datasets/2024-H1/county/extra.yaml", outside / "secret.yaml")
    before = digest(root / "datasets")
    code, _out, err = run("new-period", "-C", str(root), "2024-H2")
    assert code == 1
    assert "datasets/2024-H1/county/extra.yaml: 错误: " + OUTSIDE in err.replace(
        str(outside / "secret.yaml"), "")
    assert digest(root / "datasets") == before
    assert os.stat(outside / "secret.yaml").st_mode & 0o777 == 0o600


def test_a_revision_linked_from_outside_is_refused(tmp_path: Path, outside: Path) -> None:
    other = make_workspace(tmp_path / "other")
    assert run("archive", "-C", str(other))[0] == 0
    root = make_workspace(tmp_path / "ws")
    link(root / "archive/2024-H1/r1", other / "archive/2024-H1/r1")
    code, out, _err = run("history", "-C", str(root))
    assert code == 0
    assert "county" not in out  # the manifest behind the link is not read
    code, _out, err = run("archive", "-C", str(root), "--verify")
    assert code == 1
    assert f"archive/2024-H1/r1: 错误: {OUTSIDE}" in err.replace(
        str(other / "archive/2024-H1/r1"), "")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_template_linked_to_an_endless_file_is_not_read(tmp_path: Path, outside: Path) -> None:
    report = REPORT.replace("## 上半年工作总结", "#### 跳级的标题\n\n## 上半年工作总结")
    root = make_workspace(tmp_path / "ws", {"templates/report.md.j2": report})
    link(root / "templates/zero.md.j2", Path("/dev/zero"))
    code, _out, err = run("check", "-C", str(root))  # would never end, reading /dev/zero
    assert code == 1
    assert "zero.md.j2" in err
