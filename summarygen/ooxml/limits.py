"""Reading a DOCX from anyone within bounded memory and time.

``verify`` (and ``import``/``fix``) read files received from anyone, so every size the file
declares is distrusted: the zip directory is measured before it is parsed, each XML part is
decompressed only up to its limit whatever its header says, and its tags are counted before lxml
builds a tree from it. Every number read from an attribute goes through :func:`to_int`. A file
past any limit is refused with a :class:`LimitExceeded` naming the limit; it is a user-facing
error like any other unreadable file, never a traceback. ``docs/limits.md`` lists the limits.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from typing import IO, Any

from lxml import etree

from summarygen.errors import SummarygenError
from summarygen.i18n import _

MAX_FILE_BYTES = 200 * 2**20
"""Largest DOCX read (200 MB; a report with many photographs is a few tens of MB)."""
MAX_PARTS = 10_000
"""Most parts (zip members) in one package."""
MAX_PART_BYTES = 32 * 2**20
"""Largest uncompressed XML part read (32 MB; a 300-page report's document.xml is ~10 MB)."""
MAX_TOTAL_BYTES = 128 * 2**20
"""Most uncompressed bytes read from one package, over every part read."""
MAX_RATIO = 500
"""Highest compression ratio of a part larger than :data:`RATIO_FLOOR` (zip bombs reach 1000s;
Word's XML compresses 5 to 30 times, very repetitive XML some hundred)."""
RATIO_FLOOR = 2**20
MAX_TAGS = 1_000_000
"""Most tags (``<``) in one XML part: each becomes a node in memory."""
MAX_ATTRIBUTES = 2_000_000
"""Most attributes (``="``) in one XML part."""
MAX_PARAGRAPHS = 50_000
"""Most paragraphs read, body and footers together (a 300-page report has about 6,000)."""
MAX_RUNS = 250_000
"""Most runs read (pieces of text with one formatting; WPS splits text into many)."""
MAX_DEPTH = 256
"""Deepest nesting of XML elements (the XML parser's own limit)."""
MAX_DIGITS = 12
"""Most digits of a number attribute; longer numbers (a 5,000-digit ``w:sz``) are not numbers."""

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_NUMBER = re.compile(rf"[+-]?\d{{1,{MAX_DIGITS}}}(?:\.\d{{0,{MAX_DIGITS}}})?", re.ASCII)


class DocxReadError(SummarygenError):
    """A file given to ``verify`` is not a readable DOCX (not a zip, no document part, bad XML)."""


class LimitExceeded(DocxReadError):
    """A DOCX is larger or more complex than the reader's limits (a damaged or hostile file)."""


def to_int(value: str | None) -> int | None:
    """An attribute's number (``"567"``, ``"-20"``, ``"1440.0"``) as an int, or ``None`` for
    anything else: text, NaN, infinity, ``1e400``, a 5,000-digit number."""
    if value is None:
        return None
    value = value.strip()
    if not _NUMBER.fullmatch(value):
        return None
    return int(value.split(".")[0])


def check_directory(path: Path, handle: IO[bytes]) -> None:
    """Refuse a package too large or with too many parts, before ``zipfile`` reads its whole
    directory into memory (a directory of millions of entries fits in a small file)."""
    handle.seek(0, 2)
    size = handle.tell()
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(_too_large(path, _("the file is {size} MB; at most {limit} MB are "
                                               "read").format(size=size >> 20,
                                                              limit=MAX_FILE_BYTES >> 20)))
    tail_start = max(0, size - 22 - 65535)
    handle.seek(tail_start)
    tail = handle.read()
    end = tail.rfind(_EOCD)
    if end < 0 or end + 22 > len(tail):
        return  # not a zip: zipfile says so in its own words
    entries = struct.unpack("<H", tail[end + 10:end + 12])[0]
    locator = end - 20
    if locator >= 0 and tail[locator:locator + 4] == _ZIP64_LOCATOR:
        entries = max(entries, _zip64_entries(handle, tail[locator:end]))
    if entries > MAX_PARTS:
        raise LimitExceeded(_too_large(path, _("it holds {count} parts; at most {limit} are "
                                               "read").format(count=entries, limit=MAX_PARTS)))


def _zip64_entries(handle: IO[bytes], locator: bytes) -> int:
    offset = struct.unpack("<Q", locator[8:16])[0]
    handle.seek(offset)
    record = handle.read(56)
    if len(record) < 56 or record[:4] != _ZIP64_EOCD:
        return 0
    return int(struct.unpack("<Q", record[32:40])[0])


class Budget:
    """The bytes one package may still decompress, and the paragraphs and runs it may still
    hold, spent part by part."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.left = MAX_TOTAL_BYTES
        self.paragraphs = MAX_PARAGRAPHS
        self.runs = MAX_RUNS

    def count(self, root: Any, paragraph_tag: str, run_tag: str) -> None:
        """Spend the paragraphs and runs under ``root`` before any of them is read."""
        self.paragraphs -= sum(1 for _ in root.iter(paragraph_tag))
        self.runs -= sum(1 for _ in root.iter(run_tag))
        if self.paragraphs < 0:
            raise LimitExceeded(_too_large(self.path, _(
                "it has more than {limit} paragraphs").format(limit=MAX_PARAGRAPHS)))
        if self.runs < 0:
            raise LimitExceeded(_too_large(self.path, _(
                "it has more than {limit} runs of text").format(limit=MAX_RUNS)))

    def read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        """The part's bytes, decompressed no further than the limits allow."""
        info = archive.getinfo(name)
        limit = min(MAX_PART_BYTES, self.left)
        with archive.open(info) as member:
            data = member.read(limit + 1)
        if len(data) > limit:
            if limit < MAX_PART_BYTES:
                raise LimitExceeded(_too_large(self.path, _(
                    "its parts unpack to more than {limit} MB in all").format(
                    limit=MAX_TOTAL_BYTES >> 20)))
            raise LimitExceeded(_too_large(self.path, _(
                "the part {part} unpacks to more than {limit} MB").format(
                part=name, limit=MAX_PART_BYTES >> 20)))
        self.left -= len(data)
        if len(data) > RATIO_FLOOR and len(data) > MAX_RATIO * max(1, info.compress_size):
            raise LimitExceeded(_too_large(self.path, _(
                "the part {part} is compressed {ratio} times, as only a zip bomb is").format(
                part=name, ratio=len(data) // max(1, info.compress_size))))
        return data


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          load_dtd=False)


def parse_xml(path: Path, name: str, data: bytes) -> Any:
    """Parse one part after counting its tags and attributes; no entity is expanded, nothing
    is fetched from the network, and nesting deeper than :data:`MAX_DEPTH` is refused."""
    tags, attributes = data.count(b"<"), data.count(b'="') + data.count(b"='")
    if tags > MAX_TAGS:
        raise LimitExceeded(_too_large(path, _("the part {part} has {count} tags; at most "
                                               "{limit} are read").format(
            part=name, count=tags, limit=MAX_TAGS)))
    if attributes > MAX_ATTRIBUTES:
        raise LimitExceeded(_too_large(path, _("the part {part} has {count} attributes; at "
                                               "most {limit} are read").format(
            part=name, count=attributes, limit=MAX_ATTRIBUTES)))
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise LimitExceeded(_too_large(path, _(
                "the part {part} nests elements more than {limit} deep").format(
                part=name, limit=MAX_DEPTH))) from None
        raise


def _too_large(path: Path, reason: str) -> str:
    return _("{path} is not read: {reason}. A document this large or this deeply nested is "
             "damaged or made to harm; save it again in Word or WPS.").format(
        path=path, reason=reason)
