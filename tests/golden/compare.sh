#!/bin/sh
# Runs a golden scenario in a fresh folder and compares what it wrote with
# tests/golden/expected, or, with UPDATE=1, writes that as the new expected
# output (after an intended change; the diff then shows in the commit).
# Usage: MARQUEE=path sh compare.sh en|fr|demo
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
case=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/marquee-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
export TZ=UTC LC_ALL=C SOURCE_DATE_EPOCH=1700000000
if [ "$case" = demo ]; then
	# The demo of `make run`, shortened: its site as a list of file hashes.
	vega="$root/.cache/vega-datasets-3.2.1/movies.json"
	[ -f "$vega" ] || { echo "golden demo: $vega is absent (make demo-data)" >&2; exit 77; }
	cp "$root/marquee.yml" .
	cp -r "$root/themes" .
	mkdir content && cp "$root"/content/*.md content/
	"$MARQUEE" -q import "$vega" 2>import.err || { cat import.err >&2; exit 1; }
	"$MARQUEE" -q replay --weeks 4
	"$MARQUEE" -q backtest --from 2010-08-01 --retrain-weeks 8
	"$MARQUEE" -q content
	"$MARQUEE" -q build
	mkdir -p out/demo
	(cd site && find . -type f ! -name .marquee-manifest | LC_ALL=C sort | xargs sha256sum) >out/demo/site.sha256
else
	sh "$here/run.sh" "$case" >/dev/null
	mkdir -p "out/$case"
	cp -r content "out/$case/content"
	if [ "$case" = en ]; then
		cp -r site "out/$case/site"
		# What the theme ships as it is, and the build's own bookkeeping.
		rm -f "out/$case/site/.marquee-manifest" "out/$case/site/style.css" "out/$case/site/embed.js" \
			"out/$case/site/explore.css" "out/$case/site/find.js"
	fi
fi
if [ "${UPDATE:-}" = 1 ]; then
	rm -rf "$here/expected/$case"
	mkdir -p "$here/expected"
	cp -r "out/$case" "$here/expected/$case"
	echo "golden $case: written to tests/golden/expected/$case"
else
	diff -ru "$here/expected/$case" "out/$case"
fi
