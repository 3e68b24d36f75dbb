"""The user's language.

Messages are written in English in the code (``_("...")``) and translated through gettext
catalogs: the ``.po`` files under ``summarygen/locale`` are edited and compiled to ``.mo`` with
Babel (``pybabel compile -d summarygen/locale -D summarygen``). Chinese is the default; English
is chosen by ``--lang en``, ``SUMMARYGEN_LANG`` or a ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/
``LANG`` that starts with ``en``. The standard library reads the compiled catalogs, so that
``summarygen --help`` does not have to import Babel.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "summarygen"
LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("zh_CN", "en")

_translations: gettext.NullTranslations | None = None
_language: str | None = None


def detect_language(environ: dict[str, str] | None = None) -> str:
    """The language asked for by the environment: ``en`` or ``zh_CN`` (the default)."""
    env = os.environ if environ is None else environ
    for var in ("SUMMARYGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value or value in ("C", "POSIX", "C.UTF-8"):
            continue
        first = value.split(":")[0].lower()
        return "en" if first.startswith("en") else "zh_CN"
    return "zh_CN"


def set_language(language: str | None) -> str:
    """Use ``language`` (``en``, ``zh``, ``zh_CN``; ``None`` for the environment's) from now on."""
    global _translations, _language
    if language is None:
        language = detect_language()
    language = "en" if language.lower().startswith("en") else "zh_CN"
    if language == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(
            DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _language = language
    return language


def current_language() -> str:
    """The language messages are shown in now."""
    if _language is None:
        set_language(None)
    assert _language is not None
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    if _translations is None:
        set_language(None)
    assert _translations is not None
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose English form depends on ``n``."""
    if _translations is None:
        set_language(None)
    assert _translations is not None
    return _translations.ngettext(singular, plural, n)
