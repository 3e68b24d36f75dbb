#!/usr/bin/env bash
# Install what the rendered-layout and outline (pandoc) tests and `summarygen build --format pdf` need on Debian:
# LibreOffice Writer (headless), poppler (pdftotext, pdftoppm), Noto CJK fonts, Liberation (the
# metric-compatible stand-in for Times New Roman, the reports' digits and letters), the open Fandol
# FangSong/Kai fonts (from Debian's texlive-lang-chinese), and a fontconfig file mapping the
# official font names (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体 …) to them.
# Needs root. Exits non-zero if anything could not be installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -q "Liberation Serif" || need+=(fonts-liberation)
command -v pandoc >/dev/null || need+=(pandoc)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! fc-list | grep -q FandolFang; then
  tmp=$(mktemp -d)
  (cd "$tmp" && { apt-get download -qq texlive-lang-chinese >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null; apt-get download -qq texlive-lang-chinese >/dev/null; }; })
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  install -D -m644 -t /usr/local/share/fonts/fandol \
    "$tmp"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai}-Regular.otf
  rm -rf "$tmp"
fi
if ! cmp -s "$here/fonts.conf" /etc/fonts/local.conf 2>/dev/null; then
  cp "$here/fonts.conf" /etc/fonts/local.conf
  fc-cache -f >/dev/null
fi
echo "render tools: $(soffice --version 2>/dev/null | head -1); $(pdftotext -v 2>&1 | head -1)"
