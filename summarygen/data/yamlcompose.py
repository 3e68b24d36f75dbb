"""Composing YAML text into a node tree, within bounds, by the fastest reader that reads it
exactly as PyYAML's own would (see :mod:`summarygen.data.yamlio`, which builds data from it).

- libyaml's parser and composer, both in C (:class:`_CComposer`), where the text cannot nest
  deep enough to matter to its recursion; its tree is checked against the bounds afterwards;
- libyaml's parser with PyYAML's composer (:class:`_FastLoader`), counting as it composes;
- PyYAML alone (:class:`_Loader`), for texts on which libyaml and PyYAML disagree and for every
  text the others refuse, so that each message is PyYAML's.

Each bounds nesting (:data:`MAX_DEPTH`) and the number of values (``max_nodes``): a recursive
alias or an alias bomb stops with a message, not with a crash or after minutes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar, cast

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from summarygen.data.yamlsyntax import reader_message, syntax_message
from summarygen.errors import Problems
from summarygen.i18n import _

MAX_NODES = 20_000
"""Bound on values, counting every expansion of an alias (stops ``billion laughs``); a large
dataset holds a few thousand."""
MAX_DEPTH = 40
"""Bound on nesting (a recursive alias would nest without end)."""


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
                raise TooLarge
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[attr-defined]
                raise TooDeep(int(event.start_mark.line) + 1)
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
        if isinstance(node, SequenceNode):
            children = node.value
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            continue
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


def compose(text: str, path: Path, problems: Problems, max_nodes: int) -> Node | None:
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
        except (yaml.YAMLError, TooDeep, TooLarge):
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
    except TooDeep as exc:
        problems.error(too_deep_message(), path, exc.line)
    except TooLarge:
        problems.error(too_large_message(max_nodes), path)
    finally:
        if loader is not None:
            loader.dispose()
    return None


def too_large_message(limit: int) -> str:
    return _("the file holds more than {limit} values, far more than a dataset has (does an "
             "alias “*” repeat a part many times?)").format(limit=limit)


def too_deep_message() -> str:
    return _("the data is nested more than {limit} levels deep; check the brackets and the "
             "indentation (or whether an alias “*” refers to itself)").format(limit=MAX_DEPTH)


class TooLarge(Exception):
    """More values than :data:`MAX_NODES`."""


class TooDeep(Exception):
    """Nesting deeper than :data:`MAX_DEPTH`."""

    def __init__(self, line: int | None = None) -> None:
        super().__init__(line)
        self.line = line
