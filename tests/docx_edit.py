"""Altering one part of a DOCX with lxml, to make broken documents from a good one."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def alter(source: Path, target: Path, part: str, change: Callable[[Any], None]) -> Path:
    """Copy ``source`` to ``target`` with ``change`` applied to the parsed ``part``."""
    with zipfile.ZipFile(source) as zin:
        names = zin.namelist()
        assert part in names, f"{source} has no {part}"
        contents = {name: zin.read(name) for name in names}
    root = etree.fromstring(contents[part])
    change(root)
    contents[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in names:
            zout.writestr(name, contents[name])
    return target


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def set_all(root: Any, tag: str, **attrs: str) -> int:
    """Set attributes on every ``w:tag``; return how many were changed (must be > 0)."""
    count = 0
    for el in root.iter(w(tag)):
        for name, value in attrs.items():
            el.set(w(name), value)
        count += 1
    assert count, f"no w:{tag} to change"
    return count


def replace_text(root: Any, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the first ``w:t`` holding it."""
    for t in root.iter(w("t")):
        if t.text and old in t.text:
            t.text = t.text.replace(old, new, 1)
            return
    raise AssertionError(f"no text “{old}” to replace")
