#!/usr/bin/env bash
# Refresh the message catalogs: extract every _("...") from the package, merge the new messages
# into the zh_CN catalog (edit summarygen/locale/zh_CN/LC_MESSAGES/summarygen.po to translate
# them), and compile the .mo files that the package ships.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract --no-location --sort-output --project=summarygen -k _ -k ngettext:1,2 \
  -o summarygen/locale/summarygen.pot summarygen/ >/dev/null 2>&1
if [ ! -f summarygen/locale/zh_CN/LC_MESSAGES/summarygen.po ]; then
  pybabel init -i summarygen/locale/summarygen.pot -d summarygen/locale -D summarygen -l zh_CN
else
  pybabel update --no-fuzzy-matching --ignore-obsolete -i summarygen/locale/summarygen.pot \
    -d summarygen/locale -D summarygen -l zh_CN >/dev/null
fi
pybabel compile --statistics -d summarygen/locale -D summarygen
