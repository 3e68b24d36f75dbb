"""The message catalogs: every message translated, placeholders kept, compiled file up to date."""

from __future__ import annotations

import io
import string
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from summarygen import i18n

PACKAGE = Path(i18n.__file__).parent
CATALOGS = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES"
PO = CATALOGS / "summarygen.po"
MO = PO.with_suffix(".mo")
CLICK_PO = CATALOGS / "click.po"


def source_messages(folder: Path = PACKAGE, n_: bool = True) -> set[str]:
    keywords: dict[str, tuple[int, ...] | None] = {"_": None, "ngettext": (1, 2)}
    if n_:
        keywords["N_"] = None
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(folder), keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(po: Path = PO) -> dict[str, str]:
    with po.open("rb") as handle:
        return {(m.id if isinstance(m.id, str) else m.id[0]):
                (m.string if isinstance(m.string, str) else m.string[0])
                for m in read_po(handle) if m.id}


def test_every_message_has_a_chinese_translation() -> None:
    translations = catalog()
    missing = sorted(m for m in source_messages() if not translations.get(m))
    assert missing == [], "run scripts/i18n.sh and translate: " + "; ".join(missing)


def test_clicks_own_texts_are_translated() -> None:
    """What every help page and usage error shows must be Chinese; the rest nearly all."""
    translations = catalog(CLICK_PO)
    shown = ["Usage:", "Options", "Commands", "Error: {message}", "No such option {name!r}.",
             "Try '{command} {option}' for help.", "Missing argument", "default: {default}",
             "Invalid value for {param_hint}: {message}", "No such command {name!r}."]
    assert [m for m in shown if not translations.get(m)] == []
    installed = source_messages(Path(click.__file__).parent, n_=False)
    missing = sorted(m for m in installed if not translations.get(m))
    assert len(missing) <= len(installed) // 10, "run scripts/i18n.sh and translate: " + \
        "; ".join(missing)


def fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


def test_translations_keep_placeholders() -> None:
    for msgid, msgstr in catalog().items():
        assert fields(msgid) == fields(msgstr), msgid


def test_click_translations_use_only_known_placeholders() -> None:
    with CLICK_PO.open("rb") as handle:
        for message in read_po(handle):
            if not message.id or not message.string:
                continue
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            strings = [message.string] if isinstance(message.string, str) else message.string
            known = {name for text in ids for name in fields(text)}
            for text in strings:
                assert set(fields(text)) <= known, ids[0]


@pytest.mark.parametrize("po", [PO, CLICK_PO], ids=["summarygen", "click"])
def test_compiled_catalog_is_up_to_date(po: Path) -> None:
    with po.open("rb") as handle:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(handle))
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue(), \
        "run scripts/i18n.sh to compile the catalog"


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
