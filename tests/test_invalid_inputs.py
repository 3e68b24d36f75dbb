"""Every kind of mistake in ``tests/data/invalid/`` gives exactly its message, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from invalid_corpus import Case, load_cases, run_case

CASES = load_cases()


pytestmark = pytest.mark.usefixtures("chinese")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_mistake_gives_its_exact_message(case: Case, tmp_path: Path) -> None:
    result = run_case(case, tmp_path)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == case.stderr
    assert result.exit_code == case.exit
    if case.stdout is not None:
        assert result.stdout == case.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_the_command_writes_nothing(case: Case, tmp_path: Path) -> None:
    """``check`` never writes, and a ``build`` that fails leaves every file as it was."""
    before: dict[str, bytes] = {}
    run_case(case, tmp_path, before_run=lambda: before.update(snapshot(tmp_path)))
    assert before
    assert snapshot(tmp_path) == before


def test_the_corpus_covers_every_kind_the_issue_names() -> None:
    kinds = {c.kind for c in CASES}
    required = {
        "yaml_syntax", "duplicate_key", "tab_indent", "gbk_file", "not_utf8", "empty_file",
        "fullwidth_digits", "thousands_comma", "unknown_key", "missing_required", "wrong_type",
        "wrong_unit", "bad_date", "impossible_date", "change_verb", "sum_mismatch",
        "alias_bomb", "oversized", "template_syntax", "undefined_name", "sandbox_class",
        "include_outside", "typed_heading_number", "bad_variant", "bad_period",
    }
    assert required <= kinds


def test_every_error_names_its_file_or_option() -> None:
    for case in CASES:
        for line in case.stderr.splitlines():
            if ": 错误: " in line or ": 警告: " in line:
                where = line.split(": ", 1)[0]
                assert where.startswith(("datasets/", "templates/", "summarygen.yaml", "--")), \
                    (case.kind, line)
