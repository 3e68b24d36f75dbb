"""The message catalogs: every message translated, placeholders kept, compiled file up to date."""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from summarygen import i18n

PACKAGE = Path(i18n.__file__).parent
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "summarygen.po"
MO = PO.with_suffix(".mo")


def source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), keywords={"_": None, "ngettext": (1, 2)}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog() -> dict[str, str]:
    with PO.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str)}


def test_every_message_has_a_chinese_translation() -> None:
    translations = catalog()
    missing = sorted(m for m in source_messages() if not translations.get(m))
    assert missing == [], "run scripts/i18n.sh and translate: " + "; ".join(missing)


def fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


def test_translations_keep_placeholders() -> None:
    for msgid, msgstr in catalog().items():
        assert fields(msgid) == fields(msgstr), msgid


def test_compiled_catalog_is_up_to_date() -> None:
    with PO.open("rb") as handle:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(handle))
    assert MO.read_bytes() == compiled.getvalue(), "run scripts/i18n.sh to compile the catalog"


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "zh_CN"),
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANGUAGE": "en_GB:en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"SUMMARYGEN_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ({"LANG": "C.UTF-8"}, "zh_CN"),
])
def test_language_from_environment(env: dict[str, str], expected: str) -> None:
    assert i18n.detect_language(env) == expected


def test_switching_language_changes_messages() -> None:
    try:
        i18n.set_language("en")
        assert i18n._("warning") == "warning"
        i18n.set_language("zh_CN")
        assert i18n._("warning") == "警告"
    finally:
        i18n.set_language(None)
