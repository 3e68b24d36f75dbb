"""Reading YAML the way office staff write it: safely, exactly, and with line numbers.

- Only plain data: mappings, lists, text, numbers, ``true``/``false`` and empty values. No Python
  objects, no YAML 1.1 surprises (``no`` stays the text ``no``, ``6:00`` stays ``6:00``, dates stay
  text until a schema reads them), numbers become ``Decimal`` with the digits as typed.
- Every mapping remembers the line of each key, every list the line of each item, so that any
  later message can name ``file:line``.
- A key written twice is an error naming both lines (plain PyYAML silently keeps the last one).
- UTF-8 with or without BOM is read; a GBK/GB18030 file (Windows Notepad) is read with a warning;
  tabs used for indentation, oversized files and alias bombs are refused with a clear message.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from summarygen.data.yamlcompose import (
    MAX_DEPTH,
    MAX_NODES,
    TooDeep,
    TooLarge,
    compose,
    too_deep_message,
    too_large_message,
)
from summarygen.data.yamlsyntax import split_lines
from summarygen.errors import Problem, Problems, os_reason
from summarygen.i18n import _

MAX_FILE_BYTES = 1_000_000
"""A dataset is a few kilobytes; anything this large is a mistake."""
MAX_CONFIG_NODES = 200_000
"""The same bound for ``summarygen.yaml``, which names every variant: some ten thousand."""
_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class YMap(dict[str, Any]):
    """A mapping from YAML, with the file and the line of each key."""

    path: Path | None = None
    line: int = 0
    key_lines: dict[str, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        """Line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class YList(list[Any]):
    """A list from YAML, with the file and the line of each item."""

    path: Path | None = None
    line: int = 0
    item_lines: list[int]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def decode(data: bytes, path: Path, problems: Problems) -> str | None:
    """The text of a file: UTF-8 (BOM allowed), else UTF-16 or GB18030 Chinese with a warning.

    Bytes that are neither are refused rather than guessed at: a wrong guess would put garbled
    text into a report.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = _try_decode(data, "utf-16")
        if text is not None:
            problems.warn(_("the file is saved as UTF-16 (“Unicode” in Windows Notepad); it was "
                            "read, but please save it as UTF-8"), path)
            return text
    text = _try_decode(data, "gb18030")
    if text is None or not _plausible_chinese(text):
        problems.error(_("the file is not UTF-8 text and cannot be read safely; open it in "
                         "Notepad, choose “Save as”, set the encoding to UTF-8 and save"), path)
        return None
    problems.warn(_("the file is saved as GBK/GB18030 (as Windows Notepad does); it was read, "
                    "but please save it as UTF-8"), path)
    return text


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


@functools.cache
def _chinese_text() -> re.Pattern[str]:
    """The characters of Chinese text; compiled only for a file that is not UTF-8."""
    return re.compile(
        "[\t\n\r\x20-\x7e\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u203b\u2103\u2160-\u216b"
        "\u2460-\u2473\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e\uffe0-\uffe5]*")


def _plausible_chinese(text: str) -> bool:
    """Whether GB18030-decoded text reads as Chinese, not as the garbage of some other encoding.

    Text in another legacy encoding (Latin-1 ``für``) also decodes, but into rare characters
    outside the common set GB2312; real Chinese text has almost none of them.
    """
    if _chinese_text().fullmatch(text) is None:
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    rare = sum(1 for ch in wide if not _in_gb2312(ch))
    return rare * 20 <= len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


READ_ONCE_FILES = 200
"""Most files :func:`read_once` keeps: a few reports' datasets and a template pack's schemas
(a batch of thousands of variants would otherwise keep every dataset it read)."""
_FILES_READ: ContextVar[dict[tuple[Path, int], tuple[Any, list[Problem]]] | None] = \
    ContextVar("summarygen_files_read", default=None)


@contextlib.contextmanager
def read_once(files: dict[tuple[Path, int], tuple[Any, list[Problem]]]) -> Iterator[None]:
    """Within it, a file is read and parsed once: :func:`load_file` keeps what it found in
    ``files`` and gives it (and its problems) again for the same path. A build's reports share
    schemas and datasets (two variants of one organisation, last year's figures); the data is
    only read, never changed, by those who load it."""
    token = _FILES_READ.set(files)
    try:
        yield
    finally:
        _FILES_READ.reset(token)


def load_file(path: Path, problems: Problems, max_nodes: int = MAX_NODES) -> Any:
    """The data of a YAML file, or ``None`` with the reasons added to ``problems``."""
    files = _FILES_READ.get()
    if files is None:
        return _load_file(path, problems, max_nodes)
    if (path, max_nodes) not in files:
        found = Problems()
        if len(files) >= READ_ONCE_FILES:  # the oldest goes: a batch's memory stays bounded
            del files[next(iter(files))]
        files[path, max_nodes] = (_load_file(path, found, max_nodes), list(found))
    data, found_before = files[path, max_nodes]
    problems.extend(found_before)
    return data


def _load_file(path: Path, problems: Problems, max_nodes: int) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(_("the file is {size} bytes; a dataset may be at most {limit} bytes")
                           .format(size=size, limit=MAX_FILE_BYTES), path)
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.error(_("cannot read the file: {reason}").format(reason=os_reason(exc)), path)
        return None
    text = decode(data, path, problems)
    if text is None:
        return None
    return load_text(text, path, problems, max_nodes)


_YAML11_BREAKS = {"\x85": "\uf885", "\u2028": "\uf828", "\u2029": "\uf829"}
"""NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, and private-use stand-ins for them. YAML 1.1
(PyYAML) breaks lines at these three, where editors and YAML 1.2 see an ordinary (invisible)
character inside the line: every line number after one would be off by one, and a plain value
holding one would fail to parse. They are read as the characters they are: swapped for the
stand-ins before parsing, swapped back in every value (the validator then names them)."""
_TO_STAND_IN = str.maketrans(_YAML11_BREAKS)
_FROM_STAND_IN = str.maketrans({v: k for k, v in _YAML11_BREAKS.items()})


def load_text(text: str, path: Path, problems: Problems, max_nodes: int = MAX_NODES) -> Any:
    """Parse YAML ``text`` (from ``path``, for messages) into YMap/YList/str/Decimal/bool/None."""
    swapped = any(ch in text for ch in _YAML11_BREAKS) and not any(
        ch in text for ch in _YAML11_BREAKS.values())
    if swapped:
        text = text.translate(_TO_STAND_IN)
    if "\t" in text:
        tab_line = _first_tab_indent(text)
        if tab_line:
            problems.error(_("a tab is used for indentation; indent with spaces"), path, tab_line)
            return None
    node = compose(text, path, problems, max_nodes)
    if node is None:
        return None
    builder = _Builder(path, problems, max_nodes, swapped)
    try:
        return builder.build(node)
    except TooLarge:
        problems.error(too_large_message(max_nodes), path)
    except TooDeep:
        problems.error(too_deep_message(), path)
    return None


def _first_tab_indent(text: str) -> int:
    for number, line in enumerate(split_lines(text), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number
    return 0


class _Builder:
    """Turns composed YAML nodes into data, recording lines and refusing duplicate keys."""

    def __init__(self, path: Path, problems: Problems, limit: int = MAX_NODES,
                 swapped: bool = False) -> None:
        self.swapped = swapped
        """Whether NEL, U+2028 and U+2029 stand in the text as private-use characters."""
        self.limit = limit
        self.path = path
        self.problems = problems
        self.count = 0
        self._reported: set[int] = set()

    def _error(self, node: Node, message: str, key: str | None = None) -> None:
        """Report a mistake once, however many aliases repeat the node it is in."""
        if node.start_mark.index not in self._reported:
            self._reported.add(node.start_mark.index)
            self.problems.error(message, self.path, _line(node), key)

    def build(self, node: Node, depth: int = 0, where: str = "") -> Any:
        """The data of ``node``; ``where`` is its dotted key, for messages."""
        self.count += 1
        if self.count > self.limit:
            raise TooLarge
        if depth > MAX_DEPTH:
            raise TooDeep
        if node.tag not in _PLAIN_TAGS:
            self._error(node, _("the tag “{tag}” is not allowed; write plain values")
                        .format(tag=node.tag))
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            items = YList()
            items.path, items.line = self.path, _line(node)
            for index, child in enumerate(node.value):
                items.append(self.build(child, depth + 1, f"{where}[{index + 1}]"))
                items.item_lines.append(_line(child))
            return items
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth, where)

    def _mapping(self, node: MappingNode, depth: int, where: str) -> YMap:
        result = YMap()
        result.path, result.line = self.path, _line(node)
        for key_node, value_node in node.value:
            if key_node.value == "<<" and not key_node.style:
                self._error(key_node, _("merge keys “<<” are not supported; write the keys out"))
                continue
            if not isinstance(key_node, ScalarNode):
                self._error(key_node, _("a key must be a plain word"))
                continue
            key = str(key_node.value)
            if self.swapped:
                key = key.translate(_FROM_STAND_IN)
            dotted = f"{where}.{key}" if where else key
            if key in result:
                self._error(key_node, _("the key “{key}” is written twice (lines {first} and "
                                        "{second}); keep one").format(
                    key=key, first=result.key_lines[key], second=_line(key_node)), dotted)
                continue
            result[key] = self.build(value_node, depth + 1, dotted)
            result.key_lines[key] = _line(key_node)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        value = str(node.value)
        if self.swapped:
            value = value.translate(_FROM_STAND_IN)
        if node.style:  # quoted or block text is always text (plain is None, or "" from libyaml)
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _NUMBER.match(value):
            return Decimal(value)
        return value
