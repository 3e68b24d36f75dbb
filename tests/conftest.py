"""Fixtures shared by the test modules."""

from __future__ import annotations

import tempfile
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


@pytest.fixture(autouse=True, scope="session")
def _temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The machine's temporary folder is left alone: what summarygen writes there on purpose
    (the bug reports of ``summarygen.cli.bug``, which several tests provoke) goes to a folder of
    pytest's own, in this process and in the commands that tests start."""
    folder = str(tmp_path_factory.mktemp("tempdir"))
    patch = pytest.MonkeyPatch()
    patch.setattr(tempfile, "tempdir", folder)
    for name in ("TMPDIR", "TEMP", "TMP"):
        patch.setenv(name, folder)
    yield
    patch.undo()
