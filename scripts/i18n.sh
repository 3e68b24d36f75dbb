#!/usr/bin/env bash
# Refresh the message catalogs: extract every _("...") and N_("...") from the package, and every
# text click itself shows (Usage:, Options, Error: …) from the installed click, merge the new
# messages into the zh_CN catalogs (edit summarygen/locale/zh_CN/LC_MESSAGES/summarygen.po and
# click.po to translate them), and compile the .mo files that the package ships.
set -euo pipefail
cd "$(dirname "$0")/.."
click_dir=$(python -c 'import click, os; print(os.path.dirname(click.__file__))')
pybabel extract --no-location --sort-output --project=summarygen -k _ -k N_ -k ngettext:1,2 \
  -o summarygen/locale/summarygen.pot summarygen/ >/dev/null 2>&1
pybabel extract --no-location --sort-output --project=click -k _ -k ngettext:1,2 \
  -o summarygen/locale/click.pot "$click_dir" >/dev/null 2>&1
for domain in summarygen click; do
  if [ ! -f "summarygen/locale/zh_CN/LC_MESSAGES/$domain.po" ]; then
    pybabel init -i "summarygen/locale/$domain.pot" -d summarygen/locale -D "$domain" -l zh_CN
  elif [ "$domain" = click ]; then
    # Keep translations of texts that other click versions have (the package accepts click>=8.1).
    pybabel update --no-fuzzy-matching -i "summarygen/locale/$domain.pot" \
      -d summarygen/locale -D "$domain" -l zh_CN >/dev/null
  else
    pybabel update --no-fuzzy-matching --ignore-obsolete -i "summarygen/locale/$domain.pot" \
      -d summarygen/locale -D "$domain" -l zh_CN >/dev/null
  fi
  pybabel compile --statistics -d summarygen/locale -D "$domain"
done
