"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from summarygen.i18n import language_for_command


@pytest.fixture
def chinese() -> Iterator[None]:
    """Messages in Chinese (the default), whatever the machine's locale or an earlier test
    chose; the language before is restored afterwards. Modules that compare message texts use
    it with ``pytestmark = pytest.mark.usefixtures("chinese")``."""
    with language_for_command("zh_CN"):
        yield
