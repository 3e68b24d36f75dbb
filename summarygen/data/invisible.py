"""Characters that cannot be seen, or only look like the ones meant, named by their code point.

Text pasted from web pages, chat programs and PDFs brings zero-width spaces, byte order marks and
line separators that no editor shows, and Kangxi radicals (``⼈`` U+2F08) that look exactly like
the characters meant (``人`` U+4EBA). A message that quotes such text (``“12780人”：单位应为 人``)
would make no sense to the reader; every message about it names the character instead.
"""

from __future__ import annotations

import re
import unicodedata

from summarygen.i18n import N_, _

INVISIBLE: dict[str, str] = {
    "\u200b": N_("a zero-width space"),
    "\u200c": N_("a zero-width non-joiner"),
    "\u200d": N_("a zero-width joiner"),
    "\u2060": N_("a word joiner"),
    "\ufeff": N_("a byte order mark (BOM)"),
    "\u00ad": N_("a soft hyphen"),
    "\u00a0": N_("a no-break space"),
    "\u2028": N_("a line separator"),
    "\u2029": N_("a paragraph separator"),
    "\x85": N_("a next-line character (NEL)"),
}
"""Characters that show as nothing (or as a plain space), and what they are."""

_LOOK_ALIKE_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
"""CJK radicals, Kangxi radicals and compatibility ideographs: each looks like an ordinary
character (its NFKC form) but is another one, which search, sorting and checks do not match."""


def code(ch: str) -> str:
    """``U+200B``."""
    return f"U+{ord(ch):04X}"


def look_alike(ch: str) -> str | None:
    """The ordinary character ``ch`` looks like, if ``ch`` is a look-alike."""
    point = ord(ch)
    if any(low <= point <= high for low, high in _LOOK_ALIKE_BLOCKS):
        plain = unicodedata.normalize("NFKC", ch)
        if plain != ch:
            return plain
    return None


_CANDIDATES = re.compile("[" + "".join(INVISIBLE) + "".join(
    f"{chr(low)}-{chr(high)}" for low, high in _LOOK_ALIKE_BLOCKS) + "]")
"""Where :func:`suspicious` needs to look closer: one scan in C instead of a test a character
(every text value of every dataset goes through it)."""


def suspicious(text: str) -> list[str]:
    """The invisible and look-alike characters in ``text``, each once, in order."""
    found = [ch for ch in _CANDIDATES.findall(text)
             if ch in INVISIBLE or look_alike(ch) is not None]
    return list(dict.fromkeys(found))


def explain(text: str) -> str:
    """What is hidden in ``text`` and what to do (``""`` when nothing is): every character named
    with its code point."""
    parts = []
    for ch in suspicious(text):
        plain = look_alike(ch)
        if plain is not None:
            parts.append(_("“{char}” ({code}) only looks like “{plain}”: type “{plain}” instead")
                         .format(char=ch, code=code(ch), plain=plain))
        else:
            parts.append(_("{code}, {what} that cannot be seen: delete it").format(
                code=code(ch), what=_(INVISIBLE[ch])))
    if not parts:
        return ""
    return _("; it holds characters that are not what they seem: {parts}").format(
        parts=_("; ").join(parts))


def shown(text: str) -> str:
    """``text`` with each invisible character written as ``[U+200B]``, so a message quoting it
    shows where it is."""
    return "".join(f"[{code(ch)}]" if ch in INVISIBLE else ch for ch in text)
