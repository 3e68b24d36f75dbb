"""Start-up cost on the hot path: a build from the cached DOCX base package does not import
python-docx or lxml (they are needed only to make the base package, once per style)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workspaces import make_workspace

REPO = Path(__file__).resolve().parents[1]

BUILD = """
import sys
from pathlib import Path
from summarygen.build import run_build
run_build(Path(sys.argv[1]), jobs=1)
print(" ".join(sorted(m for m in ("docx", "lxml.etree", "babel", "importlib.metadata", "email")
                      if m in sys.modules)))
"""


def build_in_a_new_process(root: Path, cache: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(cache)}
    env.pop("SUMMARYGEN_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", BUILD, str(root)], env=env, check=True,
                          capture_output=True, text=True, timeout=120)
    return done.stdout.strip()


def test_python_docx_is_imported_only_to_make_the_base_package(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    cache = tmp_path / "cache"
    assert build_in_a_new_process(root, cache) == "docx lxml.etree"  # the base is made
    assert build_in_a_new_process(root, cache) == ""  # … and then read from the cache
