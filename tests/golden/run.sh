#!/bin/sh
# Builds the golden scenario into the current folder: a fixed small store
# (history.csv), four replayed weeks, a live week with no release, a live week
# with a pinned film and recorded attendance, a backtest; then content/ and
# site/. Used by tests/e2e/golden.sh to compare with tests/golden/expected,
# and by `make golden` to write them after an intended change.
# Usage: MARQUEE=path sh run.sh LANGUAGE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
lang=${1:-en}
export TZ=UTC LC_ALL=C SOURCE_DATE_EPOCH=1700000000
sed "s/language: en/language: $lang/" "$here/marquee.yml" >marquee.yml
mkdir -p content
printf -- '---\ntitle: About\nmenu: 9\n---\nThe manager'"'"'s own page.\n' >content/about.md
m() { "$MARQUEE" -q "$@"; }
m import --source g "$here/history.csv"
m replay --weeks 4
m publish --week 2023-W28
m override pin --week 2023-W29 --film g:208
m publish --week 2023-W29
m actuals add --week 2023-W29 --film g:208 --admissions 512 --revenue 5120
m backtest --from 2023-05-01 --retrain-weeks 4
m content
m build
