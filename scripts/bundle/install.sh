#!/bin/sh
# 离线安装 summarygen（Linux）：不需要联网。
#   sh install.sh [虚拟环境文件夹]
# 在虚拟环境（默认 ~/.local/share/summarygen/venv）里安装本文件夹 wheels/ 中的软件包，
# 再把 summarygen 命令链接到 ~/.local/bin（可用环境变量 SUMMARYGEN_BIN_DIR 另指文件夹）。
# 需要 Python 3.10–3.13（环境变量 PYTHON 可指定，如 PYTHON=python3.11）。
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
venv=${1:-$data/summarygen/venv}
bin=${SUMMARYGEN_BIN_DIR:-$HOME/.local/bin}
python=${PYTHON:-python3}

if ! "$python" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; then
  echo "需要 Python 3.10–3.13，但“$python”不是（或没有安装）。请安装合适的版本，或用 PYTHON=python3.11 sh install.sh 指定。" >&2
  exit 1
fi
if ! "$python" -m venv "$venv"; then
  echo "无法新建虚拟环境 $venv。Debian/Ubuntu 请先安装：sudo apt-get install python3-venv" >&2
  exit 1
fi
"$venv/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" --upgrade summarygen-gongwen
mkdir -p "$bin"
ln -sf "$venv/bin/summarygen" "$bin/summarygen"
echo "已安装：$bin/summarygen（$("$bin/summarygen" --version)）"
case ":$PATH:" in
  *":$bin:"*) echo "现在可以运行：summarygen --help" ;;
  *) echo "$bin 不在 PATH 上：把 export PATH=\"$bin:\$PATH\" 加到 ~/.profile，重新登录后即可直接运行 summarygen；在此之前可以运行 $bin/summarygen" ;;
esac
