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
from typing import Any, ClassVar, cast

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from summarygen.data.yamlsyntax import reader_message, split_lines, syntax_message
from summarygen.errors import Problem, Problems, os_reason
from summarygen.i18n import _

MAX_FILE_BYTES = 1_000_000
"""A dataset is a few kilobytes; anything this large is a mistake."""
MAX_NODES = 20_000
"""Bound on values, counting every expansion of an alias (stops ``billion laughs``); a large
dataset holds a few thousand."""
MAX_CONFIG_NODES = 200_000
"""The same bound for ``summarygen.yaml``, which names every variant: some ten thousand."""
MAX_DEPTH = 40
"""Bound on nesting (a recursive alias would nest without end)."""
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


class _Bounded:
    """Composes nodes while refusing nesting deeper than MAX_DEPTH or more than MAX_NODES values.

    PyYAML's composer recurses once per level, so ``[[[[…`` would otherwise end in a
    ``RecursionError``; and counting values while composing stops a file of endless values
    early instead of after seconds of parsing.
    """

    _depth = 0
    _count = 0
    _limit = MAX_NODES

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        self._count += 1
        try:
            if self._count > self._limit:
                raise _TooLarge
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[attr-defined]
                raise _TooDeep(int(event.start_mark.line) + 1)
            node: Node | None = super().compose_node(parent, index)  # type: ignore[misc]
            return node
        finally:
            self._depth -= 1


class _PlainTags:
    """Every node gets its kind's plain tag (text, list, mapping): what PyYAML's resolver gives
    with no implicit types and no path resolvers, as these loaders have, without its general
    lookups for each node (a tenth of reading a file)."""

    _TAGS: ClassVar[dict[type[Node], str]] = {
        ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
        SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
        MappingNode: BaseResolver.DEFAULT_MAPPING_TAG}

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return self._TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Loader(_Bounded, _PlainTags, yaml.SafeLoader):
    """A pure-Python SafeLoader that resolves no implicit types, within the bounds. Its errors
    are the ones :mod:`summarygen.data.yamlsyntax` turns into messages."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)


_Loader.yaml_implicit_resolvers = {}

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    _FastLoader: Any = None
    _CComposer: Any = None
else:
    class _FastLoader(_Bounded, Composer, _PlainTags, BaseResolver,  # type: ignore[no-redef]
                      CParser):
        """The same composer fed by libyaml's parser, several times faster than the pure-Python
        scanner. It is used first; a file it cannot read is read again by :class:`_Loader`,
        so that every message about a mistake stays the same."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            BaseResolver.__init__(self)

    _FastLoader.yaml_implicit_resolvers = {}

    class _CComposer(_PlainTags, BaseResolver, CParser):  # type: ignore[no-redef]
        """libyaml's parser and PyYAML's composer written in C, twice as fast again as
        :class:`_FastLoader`; used only where :func:`_nesting_bound` shows that its recursion
        stays shallow, and its tree is checked against the bounds afterwards
        (:func:`_within_bounds`)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self)

    _CComposer.yaml_implicit_resolvers = {}


# Where libyaml and PyYAML's scanner disagree, a file is read by the pure-Python loader only:
# found by feeding both mutated datasets, they differ on tabs inside values, the line breaks NEL,
# LS and PS, control characters and BOMs inside the text, tags and “?” keys, and text after a
# block indicator (``|#``). A dataset as office staff write it has none of these. Tags, “?” and
# block indicators are looked for outside comments only: a comment such as “# 是否含<附件>?”
# must not send a file down the four times slower path (characters are checked everywhere).
_SLOW_ANYWHERE = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_SLOW_OUTSIDE_COMMENTS = re.compile("[!?]|[|>]\\S")
_COMMENT = re.compile(r"(?m)(?:^|(?<=[ ]))#.*$")
"""A comment: “#” at the start of a line or after a space, to the end of the line. (A “ #”
inside a quoted value is cut too; what follows it cannot be a tag or a key there.)"""


def _needs_slow_path(text: str) -> bool:
    """Whether libyaml may read ``text`` otherwise than PyYAML's own loader does."""
    if _SLOW_ANYWHERE.search(text):
        return True
    # comments are cut only where one of those characters is found at all (most files: none)
    return bool(_SLOW_OUTSIDE_COMMENTS.search(text)
                and _SLOW_OUTSIDE_COMMENTS.search(_COMMENT.sub("", text)))


_C_NESTING = 400
"""Most levels of nesting :class:`_CComposer` is given: it recurses in C, without Python's
recursion limit, once a level (MAX_DEPTH is far below, so any real file fits)."""
_LEADING = re.compile(r"(?m)^[ -]*")


def _nesting_bound(text: str) -> int:
    """More levels than ``text`` can nest: a block collection inside another is indented
    further, or opened by a “- ” (a sequence in a mapping may stand at the mapping's indent,
    the mapping in its items is indented again), so two levels at most for each character
    before a line's content; each flow collection opens with “[” or “{”."""
    leading = max(map(len, _LEADING.findall(text)), default=0)
    return 2 * leading + text.count("[") + text.count("{") + 2


def _within_bounds(root: Node, limit: int) -> bool:
    """Whether a tree composed in C keeps the bounds :class:`_Bounded` checks while composing:
    at most ``limit`` nodes, an alias counted once, nesting at most MAX_DEPTH."""
    seen: set[int] = set()
    stack = [(root, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > limit or depth > MAX_DEPTH:
            return False
        if id(node) in seen:  # an alias of a node met before
            continue
        seen.add(id(node))
        children = node.value if isinstance(node, SequenceNode) else [
            part for pair in node.value for part in pair] if isinstance(node, MappingNode) \
            else ()
        for child in children:
            if isinstance(child, ScalarNode):  # counted here: nothing below it to visit
                count += 1
                if count > limit or depth + 1 > MAX_DEPTH:
                    return False
            else:
                stack.append((child, depth + 1))
    return True


def _surely_within_bounds(text: str, nesting: int, limit: int) -> bool:
    """Whether ``text`` cannot break the bounds at all, so that its tree need not be walked:
    it nests no deeper than MAX_DEPTH, and it is too short to hold ``limit`` nodes (each
    takes a character or the indicator before it: at most twice as many as characters)."""
    return nesting <= MAX_DEPTH and 2 * len(text) + 1 <= limit


_UNUSABLE = object()
"""What :func:`_compose_in_c` gives for a text it leaves to the other composers."""


def _compose_in_c(text: str, max_nodes: int) -> Any:
    """The tree of ``text`` composed in C, ``None`` for an empty file, or :data:`_UNUSABLE`
    (nested too deep to risk, refused, out of bounds: the other composers say why)."""
    nesting = _nesting_bound(text)
    if _CComposer is None or nesting > _C_NESTING:
        return _UNUSABLE
    composer = _CComposer(text)
    try:
        node = composer.get_single_node()
    except yaml.YAMLError:
        return _UNUSABLE
    finally:
        composer.dispose()
    if node is not None and not _surely_within_bounds(text, nesting, max_nodes) \
            and not _within_bounds(node, max_nodes):
        return _UNUSABLE
    return node


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
    node = _compose(text, path, problems, max_nodes)
    if node is None:
        return None
    builder = _Builder(path, problems, max_nodes, swapped)
    try:
        return builder.build(node)
    except _TooLarge:
        problems.error(_too_large_message(max_nodes), path)
    except _TooDeep:
        problems.error(_too_deep_message(), path)
    return None


def _compose(text: str, path: Path, problems: Problems, max_nodes: int) -> Node | None:
    """The YAML node tree of ``text``, or ``None`` (empty, or refused with a problem)."""
    if _FastLoader is not None and not _needs_slow_path(text):
        composed = _compose_in_c(text, max_nodes)
        if composed is not _UNUSABLE:
            return cast(Node | None, composed)
        fast = _FastLoader(text)
        fast._limit = max_nodes
        try:
            node: Node | None = fast.get_single_node()
            return node
        except (yaml.YAMLError, _TooDeep, _TooLarge):
            pass  # refused: read again below by the full loader, for the exact message
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _Loader(text)  # the reader refuses control characters here already
        loader._limit = max_nodes
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        message, line = syntax_message(exc, text)
        problems.error(message, path, line)
    except yaml.reader.ReaderError as exc:
        message, line = reader_message(exc, text)
        problems.error(message, path, line)
    except _TooDeep as exc:
        problems.error(_too_deep_message(), path, exc.line)
    except _TooLarge:
        problems.error(_too_large_message(max_nodes), path)
    finally:
        if loader is not None:
            loader.dispose()
    return None


def _too_large_message(limit: int) -> str:
    return _("the file holds more than {limit} values, far more than a dataset has (does an "
             "alias “*” repeat a part many times?)").format(limit=limit)


def _too_deep_message() -> str:
    return _("the data is nested more than {limit} levels deep; check the brackets and the "
             "indentation (or whether an alias “*” refers to itself)").format(limit=MAX_DEPTH)


def _first_tab_indent(text: str) -> int:
    for number, line in enumerate(split_lines(text), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number
    return 0


class _TooLarge(Exception):
    """More values than :data:`MAX_NODES`."""


class _TooDeep(Exception):
    """Nesting deeper than :data:`MAX_DEPTH`."""

    def __init__(self, line: int | None = None) -> None:
        super().__init__(line)
        self.line = line


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
            raise _TooLarge
        if depth > MAX_DEPTH:
            raise _TooDeep
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
