#!/bin/sh
# The weekly scrape's speed: a week of 40 films with 100 new people (and 40
# posters) against the canned TMDB server answering each request after 20 ms,
# at the default limit of 40 requests a second. The goal: close to the rate
# limit's bound (requests / rate), not the sum of the latencies; the achieved
# rate at least 90% of the limit. Prints the requests, the requests per film,
# the elapsed time against the bound, and the achieved rate's share of the
# limit (median of 3 runs, each into new stores). Exit status 1 below the goal.
set -eu
MARQUEE="${MARQUEE:?}"
bin=$(dirname "$MARQUEE")
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=3
work=$(mktemp -d)
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"

serve() { # NAME ROUTES [OPTION...]
	name=$1 routes=$2
	shift 2
	"$bin/tmdb_server" --port-file "$name.port" --log "$name.log" --max-seconds 600 \
		--routes "$routes" "$@" >"$name.out" 2>"$name.err" &
	pids="$pids $!"
	tries=0
	while [ ! -s "$name.port" ]; do
		tries=$((tries + 1))
		[ "$tries" -le 200 ] || { echo "scrape: the $name server did not start" >&2; exit 1; }
		sleep 0.05
	done
	cat "$name.port"
}

mkdir img
echo "/img/* 200 image/jpeg poster.jpg" >img/img.routes
printf 'poster' >img/poster.jpg
img=$(serve images img/img.routes --latency-ms 20)
python3 "$root/tests/tmdb/make_week.py" answers --start 2024-01-10 \
	--image-base "http://127.0.0.1:$img/img/" --films 40 --people 100
api=$(serve api answers/week.routes --latency-ms 20)
export TMDB_BASE_URL="http://127.0.0.1:$api/3" TMDB_API_KEY=0123456789abcdef0123456789abcdef

i=0
: >results
while [ "$i" -lt "$runs" ]; do
	rm -rf run && mkdir run && cd run
	"$MARQUEE" scrape --week 2024-W02 >out 2>err || { cat err >&2; exit 1; }
	sed -n 's/.* \([0-9]*\) requests at \([0-9.]*\) a second in \([0-9.]*\) s$/\1 \2 \3/p' out >>../results
	cd ..
	i=$((i + 1))
done
sort -k3 -n results | awk -v runs="$runs" -v limit=40 '
	{ req[NR] = $1; rate[NR] = $2; secs[NR] = $3 }
	END {
		m = int((runs + 1) / 2)
		bound = req[m] / limit
		share = rate[m] / limit
		printf "scrape: 40 films, 100 people, 40 posters, server latency 20 ms, limit %d/s\n", limit
		printf "  requests %d (%.2f per film), median %.2f s of %d runs (the rate bound: %.2f s; latencies one after another: %.2f s)\n",
			req[m], req[m] / 40, secs[m], runs, bound, req[m] * 0.020
		printf "  achieved %.1f requests/s: %.0f%% of the limit (goal: at least 90%%)\n", rate[m], 100 * share
		exit share >= 0.9 ? 0 : 1
	}'
