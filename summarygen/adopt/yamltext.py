"""YAML written as text, so that every part of an imported workspace can carry comments saying
where it came from. Scalars stay plain where YAML reads them back as the same text, else they
are double-quoted."""

from __future__ import annotations

import json
import re
from pathlib import Path

from summarygen.adopt.figures import Slots, take_figures
from summarygen.data.yamlio import load_text
from summarygen.errors import Problems

_PLAIN = re.compile(r"^[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f][^\n\t#:'\"\\{}\[\],&*!|>%@`]*$")
_PLAIN_FIGURE = re.compile(r"^[0-9]+(?:\.[0-9]+)?[\u2e80-\u9fff][^\s#:'\"\\{}\[\],&*!|>%@`]*$")
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text`` (and as a string): plain
    where the workspace's own YAML reader gives it back so, else double-quoted."""
    if text == text.strip() and (_PLAIN.match(text) or _PLAIN_FIGURE.match(text)) \
            and _reads_back(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def _reads_back(text: str) -> bool:
    problems = Problems()
    loaded = load_text(f"value: {text}\n", Path("value.yaml"), problems)
    return not problems.errors and isinstance(loaded, dict) and loaded.get("value") == text \
        and isinstance(loaded.get("value"), str)


def point(text: str, indent: int, lead: str | None = None) -> list[str]:
    """A narrative point as list-item lines: the text plain when it has no figure, else
    ``lead``/``text`` with ``{slots}`` and the figures under ``values``."""
    slots = Slots()
    body = take_figures(text, slots)
    head = take_figures(lead, slots) if lead else ""
    pad = " " * indent
    if not slots.values and not head:
        return [f"{pad}- {scalar(body)}"]
    lines = []
    first = True
    for key, value in (("lead", head), ("text", body)):
        if value:
            lines.append(f"{pad}{'- ' if first else '  '}{key}: {scalar(value)}")
            first = False
    if slots.values:
        lines.append(f"{pad}  values:")
        lines += [f"{pad}    {name}: {scalar(value)}" for name, value in slots.values.items()]
    return lines


def comment(text: str, indent: int = 0) -> list[str]:
    """``# text`` lines (a line break in ``text`` starts a new comment line)."""
    return [f"{' ' * indent}# {line}".rstrip() for line in text.splitlines()]
