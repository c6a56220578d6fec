#!/bin/sh
# Predictor benchmark on the real French first-week data (../shared/data):
#   - grid search + training on all 1,378 films (target < 10 s), median of 5;
#   - the 52-week backtest 2023-07-01..2024-06-30 (target < 60 s), median of 3;
#   - Marquee's R2, Spearman and capture_top2 on that split next to the
#     scikit-learn reference (../shared/reference/baseline_fr.py --track),
#     skipped where python3-sklearn is absent.
# Usage: MARQUEE=path/to/marquee sh tests/bench/predictor.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
MARQUEE="${MARQUEE:-$root/build/marquee}"
SHARED="${SHARED:-$root/../shared}"
data="$SHARED/data/fr_first_week_2020_2024h1.csv"
ref="$SHARED/reference/baseline_fr.py"
export TZ=UTC LC_ALL=C

if [ ! -e "$data" ]; then
	echo "predictor bench: skipped ($data is absent)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/marquee-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
"$MARQUEE" -q import --source jp --map id=jp_id --map release_date=release_fr \
	--map countries=nationality "$data"

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
"$MARQUEE" -q backtest --from 2023-07-01 --to 2024-06-30 --retrain-weeks 100 --json once.json

echo "predictor bench (French first-week admissions, $(nproc) cores)"
printf '  train, grid search + fit, 1378 films: median %6.2f s of 5 (target < 10 s)\n' "$train_s"
printf '  backtest, 52 weeks, weekly retraining: median %6.2f s of 3 (target < 60 s)\n' "$bt_s"
echo
echo "test 2023-07-01..2024-06-30, trained on films released before each week:"
printf '  %-36s %8s %8s %8s %8s %13s\n' model r2_log spearman rmse_log mae_log capture_top2
for f in weekly once; do
	case $f in
	weekly) label="marquee svr, retrained weekly" ;;
	once) label="marquee svr, trained once (ref split)" ;;
	esac
	printf '  %-36s %8.3f %8.3f %8.3f %8.3f %13.3f   interval_coverage %.3f\n' "$label" \
		"$(json_key $f.json r2_log)" "$(json_key $f.json spearman)" \
		"$(json_key $f.json rmse_log)" "$(json_key $f.json mae_log)" \
		"$(json_key $f.json capture_top2)" "$(json_key $f.json interval_coverage)"
done
if [ -e "$ref" ] && /usr/bin/python3 -c 'import sklearn, scipy' 2>/dev/null; then
	t0=$(now)
	/usr/bin/python3 "$ref" "$data" --split 2023-07-01 --track >ref.txt
	t1=$(now)
	awk '$1 ~ /^(svr_rbf_grid|random_forest|gradient_boosting)$/ {
		for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		printf "  %-36s %8.3f %8.3f %8.3f %8.3f %13.3f\n", "scikit-learn " $1, v["r2"],
			v["spearman"], v["rmse_log"], v["mae_log"], v["capture_top2"] }' ref.txt
	echo "$t0 $t1" | awk '{ printf "  (scikit-learn reference run: %.1f s)\n", $2 - $1 }'
else
	echo "  scikit-learn reference: skipped (python3-sklearn or $ref absent)"
fi
