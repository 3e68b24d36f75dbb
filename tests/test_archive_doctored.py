"""``archive --verify`` derives what to check from the archived files, so a document changed
together with its manifest (hash updated, variant list emptied, files added or removed) fails,
naming what disagrees."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from workspaces import make_workspace, run

pytestmark = pytest.mark.usefixtures("chinese")

R1 = "archive/2024-H1/r1"
REBUILT = "错误: 用归档的数据和模板重新生成的文稿与这个归档文件不一致（字节不同）"


def writable(path: Path) -> Path:
    path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_workspace(tmp_path / "ws")
    assert run("archive", "-C", str(root))[0] == 0
    for folder in (root / R1, root / R1 / "out/2024-H1"):
        writable(folder)
    return root


def edit_manifest(root: Path, change: Any) -> None:
    path = writable(root / R1 / "manifest.json")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def doctor(root: Path, name: str, data: bytes) -> None:
    """Replace an archived file and its hash in the manifest, as someone covering it up would."""
    path = root / R1 / name
    if path.exists():
        writable(path)
    path.write_bytes(data)
    edit_manifest(root, lambda m: m["files"].__setitem__(name, hashlib.sha256(data).hexdigest()))


def verify(root: Path) -> tuple[int, str, str]:
    return run("archive", "-C", str(root), "--verify")


def test_a_doctored_document_with_an_emptied_variant_list_fails(root: Path) -> None:
    docx = root / R1 / "out/2024-H1/county.docx"
    doctor(root, "out/2024-H1/county.docx", docx.read_bytes() + b"\0")
    doctor(root, "out/2024-H1/county.txt", b"doctored\n")
    edit_manifest(root, lambda m: m.__setitem__("variants", []))
    code, out, err = verify(root)
    assert code == 1
    assert "逐字节相同" not in out
    lines = err.splitlines()
    for variant in ("county", "city"):
        assert (f"{R1}/manifest.json: variants: 错误: 归档中有版本“{variant}”的文稿，"
                "清单却没有列出这个版本（清单列出的版本：-）") in lines
    assert f"{R1}/out/2024-H1/county.docx: {REBUILT}" in lines
    assert f"{R1}/out/2024-H1/county.txt: {REBUILT}" in lines
    assert not any("city.docx" in line for line in lines)


def test_a_variant_list_that_disagrees_is_named(root: Path) -> None:
    edit_manifest(root, lambda m: m.__setitem__("variants", ["county", "town"]))
    code, _out, err = verify(root)
    assert code == 1
    assert err.splitlines() == [
        f"{R1}/manifest.json: variants: 错误: 归档中有版本“city”的文稿，清单却没有列出这个版本"
        "（清单列出的版本：county、town）",
        f"{R1}/manifest.json: variants: 错误: 清单列出了版本“town”，归档中却没有它的文稿",
        "2 个错误，0 个警告。"]


def test_a_document_removed_with_its_manifest_entry_is_named(root: Path) -> None:
    (root / R1 / "out/2024-H1/city.txt").unlink()
    edit_manifest(root, lambda m: m["files"].pop("out/2024-H1/city.txt"))
    code, _out, err = verify(root)
    assert code == 1
    assert (f"{R1}/manifest.json: formats: 错误: 清单列出版本“city”的格式为 docx、txt，"
            "归档中却没有 out/2024-H1/city.txt") in err


def test_a_document_added_with_a_manifest_entry_is_named(root: Path) -> None:
    added = (root / R1 / "out/2024-H1/county.docx").read_bytes()
    doctor(root, "out/2024-H1/town.docx", added)
    code, _out, err = verify(root)
    assert code == 1
    assert "归档中有版本“town”的文稿，清单却没有列出这个版本" in err
    assert "town" in err.splitlines()[-2]  # the rebuild cannot make it either


def test_a_manifest_of_another_period_is_named(root: Path) -> None:
    edit_manifest(root, lambda m: m.__setitem__("period", "2023-H1"))
    code, _out, err = verify(root)
    assert code == 1
    assert (f"{R1}/manifest.json: 错误: 清单属于报告期 2023-H1，"
            "而这个修订版在 archive/2024-H1") in err


def test_emptied_outputs_are_named(root: Path) -> None:
    for path in (root / R1 / "out/2024-H1").iterdir():
        path.unlink()
    edit_manifest(root, lambda m: [m["files"].pop(k) for k in list(m["files"])
                                   if k.startswith("out/")])
    code, _out, err = verify(root)
    assert code == 1
    assert f"{R1}/manifest.json: 错误: 归档的 out/2024-H1/ 中没有任何文稿" in err
