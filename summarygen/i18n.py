"""The user's language.

Messages are written in English in the code (``_("...")``) and translated through gettext
catalogs: the ``.po`` files under ``summarygen/locale`` are edited and compiled to ``.mo`` with
Babel (``pybabel compile -d summarygen/locale -D summarygen``). Chinese is the default; English
is chosen by ``--lang en``, ``SUMMARYGEN_LANG`` or a ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/
``LANG`` that starts with ``en``. The standard library reads the compiled catalogs, so that
``summarygen --help`` does not have to import Babel. A second catalog, ``click``, translates the
texts click itself shows; ``scripts/i18n.sh`` extracts them from the installed click.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "summarygen"
CLICK_DOMAIN = "click"
"""The catalog of click's own texts (``Usage:``, ``Options``, ``Error: …``)."""
LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("zh_CN", "en")

_translations: gettext.NullTranslations | None = None
_click_translations: gettext.NullTranslations | None = None
_language: str | None = None
_chosen = False
"""Whether the language was set by a caller (not read from the environment)."""


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
    global _translations, _click_translations, _language, _chosen
    _chosen = language is not None
    if language is None:
        language = detect_language()
    language = "en" if language.lower().startswith("en") else "zh_CN"
    _translations = _catalog(DOMAIN, language)
    _click_translations = _catalog(CLICK_DOMAIN, language)
    _language = language
    return language


@contextmanager
def language_for_command(language: str | None) -> Iterator[str]:
    """The language of one command: ``language`` (``--lang``) if given, else the one a caller
    has set, else the environment's. The state before returns afterwards, so a program (or a
    test) that runs commands keeps its own language."""
    global _translations, _click_translations, _language, _chosen
    saved = (_translations, _click_translations, _language, _chosen)
    try:
        if language is not None or not _chosen:
            set_language(language)
        yield current_language()
    finally:
        _translations, _click_translations, _language, _chosen = saved


def _catalog(domain: str, language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(domain, LOCALE_DIR, languages=[language], fallback=True)


def current_language() -> str:
    """The language messages are shown in now."""
    if _language is None:
        set_language(None)
    assert _language is not None
    return _language


def _loaded() -> tuple[gettext.NullTranslations, gettext.NullTranslations]:
    """Our catalog and click's, for the current language (the environment's until one is set)."""
    if _translations is None or _click_translations is None:
        set_language(None)
    assert _translations is not None and _click_translations is not None
    return _translations, _click_translations


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _loaded()[0].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose English form depends on ``n``."""
    return _loaded()[0].ngettext(singular, plural, n)


def listing(items: Iterable[object]) -> str:
    """Items joined as a list is written in the current language: ``县、市`` or ``a, b``.

    >>> with language_for_command("en"):
    ...     listing(["a", "b"])
    'a, b'
    """
    return _(", ").join(str(item) for item in items)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (help texts of commands).

    The command-line classes in :mod:`summarygen.cli.options` translate such texts when they are
    shown, so one set of commands serves every language.
    """
    return message


def click_gettext(message: str) -> str:
    """Translate one of click's own texts (``Usage:``, ``Options`` …) into the current language."""
    return _loaded()[1].gettext(message)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """Translate one of click's own texts whose English form depends on ``n``."""
    return _loaded()[1].ngettext(singular, plural, n)
