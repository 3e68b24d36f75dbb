"""Copy the program's messages from the bad-input corpus into docs/common-errors.md.

Each ``<!-- case: KIND -->`` in the guide is followed by a ```text block; this fills the block
with what ``summarygen`` prints for tests/data/invalid/KIND (its expected stderr, which the tests
check against the program). Run it after changing a message:

    python scripts/update-common-errors.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "common-errors.md"
CORPUS = ROOT / "tests" / "data" / "invalid"
BLOCK = re.compile(r"(<!-- case: (?P<kind>[\w-]+) -->\n```text\n)(?P<body>.*?)(```)", re.S)


def expected_stderr(kind: str) -> str:
    folder = CORPUS / kind
    sidecar = folder / "expected" if folder.is_dir() else CORPUS / f"{kind}.expected"
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    return str(data["stderr"])


def main() -> int:
    text = GUIDE.read_text(encoding="utf-8")
    updated = BLOCK.sub(lambda m: m[1] + expected_stderr(m["kind"]) + m[4], text)
    GUIDE.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
