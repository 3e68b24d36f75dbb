"""PDF through LibreOffice: one process for a batch, its own profile, a timeout, a clear message
when LibreOffice is missing. A stand-in ``soffice`` script records how it was called."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest
from workspaces import make_workspace, run

from summarygen.writer import pdf
from summarygen.writer.pdf import PdfError, convert, docx_to_pdf, require_soffice

FAKE = """\
#!{python}
import os, sys, time
log = os.environ["FAKE_SOFFICE_LOG"]
with open(log, "a", encoding="utf-8") as handle:
    handle.write(" ".join(sys.argv[1:]) + "\\n")
time.sleep(float(os.environ.get("FAKE_SOFFICE_SLEEP", "0")))
args = sys.argv[1:]
outdir = args[args.index("--outdir") + 1]
for name in args[args.index("--outdir") + 2:]:
    stem = os.path.splitext(os.path.basename(name))[0]
    with open(name, "rb") as src, open(os.path.join(outdir, stem + ".pdf"), "wb") as out:
        out.write(b"%PDF-fake " + src.read())
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``soffice`` that copies each input to ``<stem>.pdf`` and logs its arguments."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "calls.log"
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def test_a_batch_is_converted_by_one_process(fake_soffice: Path) -> None:
    pdfs = docx_to_pdf({"county": b"county-docx", "city": b"city-docx"})
    assert pdfs == {"county": b"%PDF-fake county-docx", "city": b"%PDF-fake city-docx"}
    [call] = fake_soffice.read_text(encoding="utf-8").splitlines()
    assert "--headless" in call and "--convert-to pdf" in call
    assert "-env:UserInstallation=file:///" in call  # a throw-away profile of its own
    assert call.count(".docx") == 2


def test_files_with_the_same_name_cannot_share_a_batch(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="different names"):
        convert([tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"], tmp_path)


def test_missing_libreoffice_is_explained(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfError) as failure:
        require_soffice()
    message = failure.value.format_message()
    assert "生成 PDF 需要 LibreOffice" in message
    assert "apt-get install libreoffice-writer-nogui" in message
    assert failure.value.exit_code == 1


def test_a_hanging_libreoffice_is_stopped(fake_soffice: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_SLEEP", "30")
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    started = time.monotonic()
    with pytest.raises(PdfError) as failure:
        convert([source], tmp_path / "out", timeout=1)
    assert time.monotonic() - started < 10
    assert "1 秒内没有完成" in failure.value.format_message()
    assert not (tmp_path / "out" / "a.pdf").exists()


def test_no_pdf_made_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\nprint('Error: source file could not be loaded')\n",
                      encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    with pytest.raises(PdfError) as failure:
        convert([source], tmp_path / "out")
    message = failure.value.format_message()
    assert "LibreOffice 没有生成 a.docx 的 PDF" in message
    assert "source file could not be loaded" in message


def test_soffice_found_under_its_other_name(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "libreoffice"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf.find_soffice() == str(script)
    assert os.access(require_soffice(), os.X_OK)


def test_build_pdf_without_libreoffice_fails_before_writing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path / "ws")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    code, out, err = run("build", "-C", str(root), "--format", "docx", "--format", "pdf")
    assert code == 1
    assert "生成 PDF 需要 LibreOffice" in err
    assert out == ""
    assert not (root / "out").exists()
