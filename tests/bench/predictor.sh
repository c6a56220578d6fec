#!/bin/sh
# Predictor benchmark on the real French first-week data (../shared/data):
#   - grid search + training on all 1,378 films (target < 10 s), median of 5;
#   - the 52-week backtest 2023-07-01..2024-06-30 (target < 60 s), median of 3;
#   - Marquee's weekly-retrained backtest on three yearly test periods
#     (2021-07..2022-06, 2022-07..2023-06, 2023-07..2024-06) next to the
#     reference models (../shared/reference/baseline_fr.py with --track, and
#     with --track --extra) and XGBoost on the same features, trained on the
#     films released before each period; every figure is computed the same
#     way from per-film predictions by periods.py, with bootstrap intervals
#     over weeks. The references are skipped where python3-sklearn is absent
#     (make bench installs it), XGBoost where python3-xgboost is.
# Usage: MARQUEE=path/to/marquee sh tests/bench/predictor.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
MARQUEE="${MARQUEE:-$root/build/marquee}"
SHARED="${SHARED:-$root/../shared}"
data="$SHARED/data/fr_first_week_2020_2024h1.csv"
ref="$SHARED/reference/baseline_fr.py"
periods="2021-07-01:2022-06-30 2022-07-01:2023-06-30 2023-07-01:2024-06-30"
export TZ=UTC LC_ALL=C

if [ ! -e "$data" ]; then
	echo "predictor bench: skipped ($data is absent)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/marquee-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
"$MARQUEE" -q import --source jp --map id=jp_id --map release_date=release_fr \
	--map countries=nationality --map us_gross=us_gross_usd "$data"

now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# timed N CMD...: prints the median wall time of N runs
timed() {
	n=$1; shift
	i=0
	while [ "$i" -lt "$n" ]; do
		t0=$(now); "$@" >/dev/null; t1=$(now)
		echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
		i=$((i + 1))
	done | median
}
# json_key FILE KEY
json_key() { sed -n "s/.*\"$2\":[[:space:]]*\([-0-9.eE+]*\).*/\1/p" "$1" | head -n 1; }

train_s=$(timed 5 "$MARQUEE" -q train)
bt_s=$(timed 3 "$MARQUEE" -q backtest --from 2023-07-01 --to 2024-06-30 --json weekly.json)

echo "predictor bench (French first-week admissions, $(nproc) cores)"
printf '  train, grid search + fit, 1378 films: median %6.2f s of 5 (target < 10 s)\n' "$train_s"
printf '  backtest, 52 weeks, weekly retraining: median %6.2f s of 3 (target < 60 s)\n' "$bt_s"
echo

# Marquee on each period, and its per-film results for periods.py.
specs=""
for p in $periods; do
	from=${p%%:*}
	to=${p##*:}
	"$MARQUEE" -q backtest --from "$from" --to "$to" --json "bt_$from.json"
	id=$(sqlite3 data/analytics.db "SELECT max(id) FROM backtests")
	sqlite3 -csv -header data/analytics.db "SELECT f.source_id AS jp_id, b.week_start,
		b.predicted, b.lower, b.upper, b.actual FROM backtest_films b
		JOIN films f ON f.id = b.film_id WHERE b.backtest_id = $id" >"films_$from.csv"
	specs="$specs $from:$to:$work/films_$from.csv:$work/bt_$from.json"
done

if [ -e "$ref" ] && /usr/bin/python3 -c 'import sklearn, scipy' 2>/dev/null; then
	t0=$(now)
	# shellcheck disable=SC2086
	/usr/bin/python3 "$here/periods.py" --data "$data" --ref "$ref" --work "$work" $specs
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "  (references and bootstrap: %.0f s)\n", $2 - $1 }'
else
	echo "reference models: skipped (python3-sklearn, python3-scipy or $ref absent); Marquee alone:"
	printf '  %-24s %8s %8s %8s %9s\n' period r2_log spearman capture coverage
	for p in $periods; do
		from=${p%%:*}
		printf '  %-24s %8.3f %8.3f %8.3f %9.3f\n' "$p" "$(json_key "bt_$from.json" r2_log)" \
			"$(json_key "bt_$from.json" spearman)" "$(json_key "bt_$from.json" capture_top2)" \
			"$(json_key "bt_$from.json" interval_coverage)"
	done
fi
