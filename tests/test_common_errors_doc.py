"""The guide docs/common-errors.md quotes the program's real messages, and they stay current."""

from __future__ import annotations

import re
from pathlib import Path

from invalid_corpus import load_cases

GUIDE = Path(__file__).parent.parent / "docs" / "common-errors.md"
BLOCK = re.compile(r"<!-- case: (?P<kind>[\w-]+) -->\n```text\n(?P<body>.*?)```", re.S)


def quotations() -> list[tuple[str, str]]:
    return [(m["kind"], m["body"]) for m in BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))]


def test_every_quoted_message_is_what_the_program_prints() -> None:
    expected = {case.kind: case.stderr for case in load_cases()}
    stale = [kind for kind, body in quotations()
             if kind not in expected or not body.strip() or body not in expected[kind]]
    assert stale == [], "run scripts/update-common-errors.py"


def test_the_guide_covers_the_common_mistakes() -> None:
    quoted = {kind for kind, _body in quotations()}
    assert len(quoted) >= 30
    assert {"fullwidth_colon", "tab_indent", "yaml_syntax", "unclosed_quote", "duplicate_key",
            "gbk_file", "thousands_comma", "wrong_unit", "unknown_key", "sum_mismatch",
            "change_verb", "undefined_name", "bad_period"} <= quoted
