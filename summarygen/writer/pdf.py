"""PDF output through LibreOffice: one ``soffice --headless --convert-to pdf`` for a whole batch.

Starting LibreOffice takes seconds, so every report of a build is converted by a single process.
That process gets a throw-away user profile (``-env:UserInstallation``): it neither disturbs nor
waits for a LibreOffice the user has open, and a crashed profile cannot break later builds.
The fonts LibreOffice finds decide the layout; ``scripts/install-render-tools.sh`` installs open
stand-ins for the official font names.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from summarygen.errors import SummarygenError, os_reason
from summarygen.i18n import _

SOFFICE_NAMES = ("soffice", "libreoffice")
_PLAIN = re.compile(r"^[\w\-]{1,64}$")
BASE_TIMEOUT = 90.0
PER_FILE_TIMEOUT = 30.0


class PdfError(SummarygenError):
    """LibreOffice is not installed, fails, or takes too long while making PDFs."""


def find_soffice(platform: str = sys.platform,
                 environ: Mapping[str, str] = os.environ) -> str | None:
    """The LibreOffice command on the PATH, else (Windows) in LibreOffice's default folders."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for folder in windows_program_folders(platform, environ):
        candidate = folder / "LibreOffice" / "program" / "soffice.exe"
        if candidate.is_file():
            return str(candidate)
    return None


def windows_program_folders(platform: str = sys.platform,
                            environ: Mapping[str, str] = os.environ) -> list[Path]:
    """``C:\\Program Files`` and its 32-bit twin, where LibreOffice installs by default on
    Windows (its installer does not add itself to the PATH); none elsewhere."""
    if platform != "win32":
        return []
    names = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
    return [Path(environ[name]) for name in names if environ.get(name)]


def require_soffice() -> str:
    """The LibreOffice command, or a :class:`PdfError` saying what to install."""
    found = find_soffice()
    if found is None:
        raise PdfError(_(
            "PDF output needs LibreOffice, but the command “soffice” is not on the PATH. Install "
            "LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; Windows: "
            "https://www.libreoffice.org, then add its program folder to the PATH) together with "
            "the fonts the report uses; in a checkout, scripts/install-render-tools.sh installs "
            "both. Other formats (--format docx) do not need it."))
    return found


def convert(docx_files: Sequence[Path], outdir: Path, timeout: float | None = None) -> list[Path]:
    """Convert every file with one LibreOffice process; return the PDFs (``outdir/<stem>.pdf``).

    The files' names must differ in their stems, since the PDFs are named after them.
    """
    if len({f.stem for f in docx_files}) != len(docx_files):
        raise ValueError("DOCX files converted together need different names")
    if not docx_files:
        return []
    soffice = require_soffice()
    limit = timeout if timeout is not None else BASE_TIMEOUT + PER_FILE_TIMEOUT * len(docx_files)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarygen-lo-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   "--convert-to", "pdf", "--outdir", str(outdir),
                   *(str(f) for f in docx_files)]
        output = _run(command, limit)
    pdfs = [outdir / f"{f.stem}.pdf" for f in docx_files]
    missing = [f.name for f, p in zip(docx_files, pdfs, strict=True)
               if not p.is_file() or p.stat().st_size == 0]
    if missing:
        raise PdfError(_("LibreOffice made no PDF of {files}. Its output: {output}").format(
            files="、".join(missing), output=output.strip() or "-"))
    return pdfs


def _run(command: list[str], limit: float) -> str:
    """Run LibreOffice in its own process group, killed whole if it takes longer than ``limit``."""
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise PdfError(_("cannot start LibreOffice ({command}): {reason}").format(
            command=command[0], reason=os_reason(exc))) from None
    try:
        out, _err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise PdfError(_("LibreOffice did not finish within {seconds} seconds; no PDF was "
                         "written").format(seconds=round(limit))) from None
    return out.decode("utf-8", "replace")


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and the process it forks (``soffice`` starts ``soffice.bin``)."""
    killpg = getattr(os, "killpg", None)  # POSIX only
    try:
        if killpg is None:
            raise ProcessLookupError
        killpg(process.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.communicate()


def docx_to_pdf(documents: dict[str, bytes], timeout: float | None = None) -> dict[str, bytes]:
    """PDF bytes of DOCX bytes, by name, made in a temporary folder by one LibreOffice run."""
    with tempfile.TemporaryDirectory(prefix="summarygen-pdf-") as tmp:
        folder = Path(tmp)
        sources = []
        for index, (name, data) in enumerate(documents.items()):
            stem = name if _PLAIN.match(name) else f"{index:04d}"  # names LibreOffice takes as is
            path = folder / "in" / f"{stem}.docx"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            sources.append(path)
        pdfs = convert(sources, folder / "out", timeout)
        return {name: pdf.read_bytes() for name, pdf in zip(documents, pdfs, strict=True)}
