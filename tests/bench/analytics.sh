#!/bin/sh
# Analytics and similar films on real data, median of RUNS runs each
# (tests/bench/bench_analytics.c):
#   - the French data (1,378 films): the catalogue, every film's similar
#     films, the analytics pages with the model's view (target: under 1 s);
#   - 10,000 films made of the French data over and over (new ids, titles
#     and years, real synopses): the similar films (target: under 5 s);
#   - the demo (vega-datasets, 3,127 films): `marquee content` and `marquee
#     build` of a site with a page per film, cold (into a new folder) and
#     unchanged, and the size of the public search index.
# Usage: [RUNS=5] sh tests/bench/analytics.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
MARQUEE="${MARQUEE:-$root/build/marquee}"
BENCH_ANALYTICS="${BENCH_ANALYTICS:-$root/build/bench_analytics}"
SHARED="${SHARED:-$root/../shared}"
RUNS="${RUNS:-5}"
csv="$SHARED/data/fr_first_week_2020_2024h1.csv"
vega="$root/.cache/vega-datasets-3.2.1/movies.json"
if [ ! -x "$BENCH_ANALYTICS" ]; then
	echo "analytics bench: skipped ($BENCH_ANALYTICS is absent: make build/bench_analytics)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/marquee-bench-analytics.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
echo "analytics bench ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# seconds of wall time of a command, from GNU time's %e
timed() { /usr/bin/time -f "%e" -o "$work/.time" "$@" >/dev/null 2>&1; cat "$work/.time"; }

if [ -f "$csv" ]; then
	mkdir "$work/fr" && cd "$work/fr" || exit 1
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	"$MARQUEE" -q import --source jp --map id=jp_id --map release_date=release_fr \
		--map countries=nationality --map us_gross=us_gross_usd "$csv" &&
		"$MARQUEE" -q train || status=1
	echo "-- French data: catalogue, similar films, analytics pages (target < 1 s)"
	"$BENCH_ANALYTICS" data "$RUNS" || status=1
	"$MARQUEE" similar --quality | sed 's/^/   /'

	# 10,000 films: the French data over and over, each copy a new film
	mkdir "$work/big" && cd "$work/big" || exit 1
	python3 - "$csv" >big.csv <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(rows[0])
SUFFIX = ["", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies"]
n = 0
for k in range(8):
    for r in rows[1:]:
        if n == 10000:
            sys.exit(0)
        r = list(r)
        r[0] = str(int(r[0]) + 1000000 * k)
        # a word, not a number: "Dune 3" would read as a franchise's third film
        r[1] = (r[1] + " " + SUFFIX[k]).strip()
        r[2] = str(int(r[2][:4]) + 4 * k) + r[2][4:]
        out.writerow(r)
        n += 1
EOF
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	"$MARQUEE" -q import --source jp --map id=jp_id --map release_date=release_fr \
		--map countries=nationality --map us_gross=us_gross_usd big.csv 2>/dev/null
	echo "-- 10,000 films: similar films (target < 5 s)"
	"$BENCH_ANALYTICS" data "$RUNS" first_week_admissions similar || status=1
else
	echo "analytics bench: French data skipped ($csv is absent)"
fi

if [ -f "$vega" ]; then
	mkdir "$work/demo" && cd "$work/demo" || exit 1
	cp "$root/marquee.yml" . && cp -r "$root/themes" . && mkdir content &&
		cp "$root"/content/*.md content/
	"$MARQUEE" -q import "$vega" 2>/dev/null
	for r in $(seq "$RUNS"); do
		rm -rf content/films content/analytics
		timed "$MARQUEE" content >>content.times
	done
	for r in $(seq "$RUNS"); do timed "$MARQUEE" build --out "site-$r" >>cold.times; done
	for r in $(seq "$RUNS"); do timed "$MARQUEE" build --out site-1 >>warm.times; done
	pages=$(find content -name '*.md' | wc -l)
	files=$(find site-1 -type f | wc -l)
	echo "-- demo: $pages pages, $files files in the site"
	echo "   marquee content: median $(median <content.times) s (content/ written anew)"
	echo "   marquee build:   median $(median <cold.times) s cold, $(median <warm.times) s unchanged"
	size=$(wc -c <content/films/similar.json)
	gz=$(gzip -9 -c content/films/similar.json | wc -c)
	echo "   search index films/similar.json: $size bytes, $gz gzipped; find.js $(wc -c <site-1/find.js) bytes"
else
	echo "analytics bench: demo skipped ($vega is absent: make demo-data)"
fi
exit $status
