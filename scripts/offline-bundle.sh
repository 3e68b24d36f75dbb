#!/usr/bin/env bash
# Usage: scripts/offline-bundle.sh DIR [--python 3.X]... [--platform linux|windows]...
#
# Writes DIR: a folder that installs summarygen on a machine without internet (an office
# intranet). DIR/wheels holds the project's wheel and every dependency as binary wheels for
# Linux x86_64 (manylinux, glibc 2.28 or later) and Windows (win_amd64), for CPython 3.10 to
# 3.13; DIR/install.bat (Windows) and DIR/install.sh (Linux) install from it with no network, into
# a virtual environment, and put the `summarygen` command on the user's PATH. Copy DIR to a USB
# stick or a shared folder and run the installer there.
#
# Making the bundle needs the package index (pip download); installing from it does not.
# --python and --platform limit the bundle to some targets (the tests make one for the Python
# they run on only).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 DIR [--python 3.X]... [--platform linux|windows]..." >&2; exit 2; }
[ $# -ge 1 ] || usage
out=$1; shift
pythons=() platforms=()
while [ $# -gt 0 ]; do
  case $1 in
    --python) [ $# -ge 2 ] || usage; pythons+=("$2"); shift 2 ;;
    --platform) [ $# -ge 2 ] || usage; case $2 in linux|windows) ;; *) usage ;; esac
      platforms+=("$2"); shift 2 ;;
    *) usage ;;
  esac
done
[ ${#pythons[@]} -gt 0 ] || pythons=(3.10 3.11 3.12 3.13)
[ ${#platforms[@]} -gt 0 ] || platforms=(linux windows)
python=${PYTHON:-python3}

mkdir -p "$out/wheels"
out=$(cd "$out" && pwd)

# The project's wheel, built from a clean copy of the checkout (pip builds in the source folder).
source=$(mktemp -d)
trap 'rm -rf "$source"' EXIT
tar -C "$repo" --exclude=.git --exclude=./build --exclude=./dist --exclude=./out \
  --exclude='*.egg-info' --exclude=__pycache__ --exclude=./summarygen/pack --exclude=.venv \
  --exclude='.*_cache' --exclude=.hypothesis --exclude=./preview -cf - . | tar -C "$source" -xf -
rm -f "$out"/wheels/summarygen_gongwen-*.whl
"$python" -m pip wheel --quiet --no-deps --wheel-dir "$out/wheels" "$source"
wheel=$(ls "$out"/wheels/summarygen_gongwen-*.whl)

# Every dependency, as binary wheels for each target, within the versions constraints.txt allows
# (those the tests were run with). pip evaluates environment markers for the machine it runs on,
# not the target: click needs colorama on Windows, so it is named here.
constraints=()
[ -f "$repo/constraints.txt" ] && constraints=(--constraint "$repo/constraints.txt")
for platform in "${platforms[@]}"; do
  case $platform in
    linux) tags=(--platform manylinux_2_28_x86_64); extra=() ;;
    windows) tags=(--platform win_amd64); extra=(colorama) ;;
  esac
  for version in "${pythons[@]}"; do
    echo "offline-bundle: dependencies for $platform, Python $version" >&2
    "$python" -m pip download --quiet --only-binary=:all: --implementation cp \
      --python-version "$version" "${tags[@]}" "${constraints[@]}" --dest "$out/wheels" \
      "$wheel" "${extra[@]}"
  done
done

# The installers and the guide. install.bat is for cmd.exe on Chinese Windows: GBK, CRLF.
cp "$repo/scripts/bundle/install.sh" "$out/install.sh"
chmod 755 "$out/install.sh"
"$python" - "$repo/scripts/bundle" "$out" <<'PY'
import sys
from pathlib import Path

source, out = Path(sys.argv[1]), Path(sys.argv[2])
for name in ("install.bat", "使用说明.txt"):
    text = (source / name).read_text(encoding="utf-8")
    (out / name).write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("gbk"))
PY
cp "$repo/docs/guide.md" "$out/使用手册.md"
mkdir -p "$out/images" && cp "$repo"/docs/images/*.png "$out/images/"
echo "offline-bundle: $out ($(ls "$out/wheels" | wc -l) wheels)" >&2
