#!/bin/sh
# The HTTP client's achieved rate: 400 requests at the default limit of 40 a
# second over at most 20 connections, against the canned TMDB server
# answering each after 20 ms (the goal: at least 90% of the limit), then
# the same with 250 ms, where only overlapping requests can keep up. Prints
# the requests, the elapsed time, the achieved rate and its share of the
# limit, the rate at which requests reached the server, and the connections
# used. Exit status 1 below the goal.
set -eu
MARQUEE="${MARQUEE:?}"
bin=$(dirname "$MARQUEE")
root=$(cd "$(dirname "$0")/../.." && pwd)
requests=${HTTP_BENCH_REQUESTS:-400}
rate=40
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

bench() { # LATENCY_MS
	rm -f "$work/port"
	"$bin/tmdb_server" --port-file "$work/port" --log "$work/log" --latency-ms "$1" \
		--max-seconds 300 --routes "$root/tests/tmdb/canned.routes" 2>"$work/err" &
	pid=$!
	tries=0
	while [ ! -s "$work/port" ]; do
		tries=$((tries + 1))
		if [ "$tries" -gt 200 ] || ! kill -0 "$pid" 2>/dev/null; then
			echo "http: the canned server did not start: $(cat "$work/err")" >&2
			exit 1
		fi
		sleep 0.05
	done
	"$bin/http_driver" --rate "$rate" --connections 20 --count "$requests" \
		"http://127.0.0.1:$(cat "$work/port")/3/movie/{n}?api_key=bench" >"$work/out" || true
	kill "$pid"
	wait "$pid" || true
	pid=
	conns=$(awk '{ print $2 }' "$work/log" | sort -u | wc -l)
	arrivals=$(sort -n "$work/log" | awk 'NR == 1 { a = $1 } { b = $1; n++ }
		END { if (b > a) printf "%.1f", (n - 1) * 1000 / (b - a); else print 0 }')
	grep '^stats ' "$work/out" | awk -v limit="$rate" -v latency="$1" -v conns="$conns" \
		-v arrivals="$arrivals" '{
		for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		share = 100 * v["rate"] / limit
		printf "http %d requests, limit %d/s, %d ms latency: %.2f s, %.1f requests/s, %.0f%% of the limit (goal 90%%); %s/s at the server; %d connections; %d failed\n",
			v["requests"], limit, latency, v["elapsed_ms"] / 1000, v["rate"], share, arrivals, conns, v["failed"]
		exit (share >= 90 && v["failed"] == 0) ? 0 : 1
	}'
}

status=0
bench 20 || status=1
bench 250 || status=1
exit $status
