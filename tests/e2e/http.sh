# The HTTP client (predictor/sources/http.c) against the canned TMDB server
# (tests/tmdb/), through the small driver tests/tmdb/http_driver.c. Timing
# checks are bounds ("not before Retry-After", "within 10 s"), never exact.

BIN=$(dirname "$MARQUEE")
SERVER="$BIN/tmdb_server"
DRIVER="$BIN/http_driver"
TMDB="$ROOT/tests/tmdb"
KEY=5ecre7a9b8c7d6e5f4a3b2c1d0e9f8a7
TOKEN=eyJhbGciOiJIUzI1NiJ9.bearer-token-for-tests.c2lnbmF0dXJl

# start_server [OPTION...]: the canned server in the background on a free
# port, with our own routes after any given; sets $BASE. Stopped on exit.
start_server() {
	[ -x "$SERVER" ] && [ -x "$DRIVER" ] || skip "tmdb_server or http_driver not built"
	"$SERVER" --port-file "$T/port" --log "$T/server.log" --max-seconds 60 \
		"$@" --routes "$TMDB/canned.routes" 2>"$T/server.err" &
	server_pid=$!
	trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null' EXIT
	tries=0
	while [ ! -s "$T/port" ]; do
		kill -0 "$server_pid" 2>/dev/null || fail "the server ended: $(cat "$T/server.err")"
		tries=$((tries + 1))
		[ "$tries" -le 200 ] || fail "the server did not start within 10 s"
		sleep 0.05
	done
	BASE="http://127.0.0.1:$(cat "$T/port")/3"
}

# The genuine captures in ../shared (read there, never copied), then ours.
start_server_with_captures() {
	need_shared fixtures/tmdb/jdrouet__movie-details.json
	start_server --routes "$TMDB/captures.routes" --dir "$SHARED/fixtures/tmdb"
}

# The driver's field NAME=... on the line of response INDEX.
field() { # INDEX NAME
	sed -n "s/^response $1 .* $2=\([^ ]*\).*/\1/p" "$T/.out"
}

# Server log lines whose target contains TEXT.
logged() {
	grep -c -F -- " $1" "$T/server.log"
}

# Milliseconds between the first two log lines whose target contains TEXT.
log_gap() {
	grep -F -- " $1" "$T/server.log" | sort -n | awk 'NR == 1 { a = $1 } NR == 2 { print $1 - a }'
}

test_plain_batch_of_genuine_captures() {
	start_server_with_captures
	mkdir bodies
	run "$DRIVER" --secret "$KEY" --save bodies "$BASE/movie/550?api_key=$KEY" \
		"$BASE/movie/550/credits?api_key=$KEY" \
		"$BASE/movie/upcoming?api_key=$KEY&page=1" "$BASE/person/287?api_key=$KEY"
	expect_status 0
	expect_stdout "stats requests=4 retries=0 succeeded=4 failed=0"
	cmp bodies/1 "$SHARED/fixtures/tmdb/jdrouet__movie-details.json" || fail "movie details differ"
	cmp bodies/2 "$SHARED/fixtures/tmdb/jdrouet__movie-credits.json" || fail "credits differ"
	cmp bodies/3 "$SHARED/fixtures/tmdb/jdrouet__movie-upcoming.json" || fail "upcoming differs"
	cmp bodies/4 "$SHARED/fixtures/tmdb/jdrouet__person-details.json" || fail "person differs"
	expect_stdout "  type: application/json;charset=utf-8"
	expect_eq "$(grep -c ' noauth -$' server.log)" 4 "requests logged, without Authorization"
}

test_status_errors_are_failures_not_retried() {
	start_server_with_captures
	run "$DRIVER" --secret "$KEY" "$BASE/movie/0?api_key=$KEY" "$BASE/authentication?api_key=$KEY"
	expect_status 1
	expect_stdout "response 1 404 fail attempts=1"
	expect_stdout "error: GET $BASE/movie/0?api_key=***: HTTP 404 Not Found"
	expect_stdout "response 2 401 fail attempts=1"
	expect_stdout "HTTP 401 Unauthorized"
	grep -q -F '"status_code":7' "$T/.out" && fail "the body is not printed"
	expect_eq "$(wc -l <server.log | tr -d ' ')" 2 "requests sent"
}

test_keep_alive_reuses_few_connections() {
	start_server
	run "$DRIVER" --rate 2000 --connections 4 --count 200 "$BASE/movie/{n}"
	expect_status 0
	expect_eq "$(wc -l <server.log | tr -d ' ')" 200 "requests served"
	conns=$(awk '{ print $2 }' server.log | sort -u | wc -l)
	[ "$conns" -le 4 ] || fail "$conns connections for 200 requests, want at most 4"
}

test_rate_limit_spaces_request_starts() {
	start_server
	run "$DRIVER" --rate 20 --count 30 "$BASE/movie/{n}"
	expect_status 0
	# 30 starts at 20/s with a burst of 2 take at least 1.4 s.
	span=$(sort -n server.log | awk 'NR == 1 { a = $1 } { b = $1 } END { print b - a }')
	[ "$span" -ge 1350 ] || fail "30 requests in $span ms at 20/s"
	[ "$span" -lt 10000 ] || fail "30 requests took $span ms"
}

test_429_waits_for_retry_after() {
	start_server --fault "/movie/1 status 429 retry-after 2 times 1" \
		--fault "/movie/2 status 503 retry-after-date 2 times 1"
	run "$DRIVER" --backoff-ms 10 "$BASE/movie/1" "$BASE/movie/2"
	expect_status 0
	expect_eq "$(field 1 attempts)" 2 "attempts after a 429"
	expect_eq "$(field 2 attempts)" 2 "attempts after a 503"
	gap=$(log_gap /3/movie/1)
	[ "$gap" -ge 1990 ] || fail "retried $gap ms after a Retry-After of 2 s"
	[ "$gap" -lt 10000 ] || fail "retried only after $gap ms"
	# An HTTP date 2 s ahead, in whole seconds: never less than 1 s away.
	gap=$(log_gap /3/movie/2)
	[ "$gap" -ge 990 ] || fail "retried $gap ms after a Retry-After date 2 s ahead"
	[ "$gap" -lt 10000 ] || fail "retried only after $gap ms"
}

test_retry_after_is_capped() {
	start_server --fault "/movie/1 status 429 retry-after 3600 times 1"
	run "$DRIVER" --backoff-max-ms 300 "$BASE/movie/1"
	expect_status 0
	gap=$(log_gap /3/movie/1)
	[ "$gap" -ge 290 ] && [ "$gap" -lt 10000 ] || fail "retried after $gap ms, want the 300 ms cap"
}

test_500_then_success() {
	start_server --fault "/movie/7 status 500 times 2"
	run "$DRIVER" --backoff-ms 20 --seed 42 "$BASE/movie/7"
	expect_status 0
	expect_stdout "response 1 200 ok attempts=3"
	expect_stdout "stats requests=3 retries=2 succeeded=1 failed=0"
	expect_eq "$(awk '{ print $5 }' server.log | tr '\n' ' ')" "500 500 200 " "statuses sent"
}

test_5xx_until_attempts_run_out() {
	start_server --fault "/movie/7 status 503"
	run "$DRIVER" --attempts 3 --backoff-ms 20 "$BASE/movie/7"
	expect_status 1
	expect_stdout "error: GET $BASE/movie/7: HTTP 503 Service Unavailable (after 3 attempts)"
	expect_eq "$(logged /3/movie/7)" 3 "attempts made"
}

test_slow_answer_times_out_then_fails() {
	start_server --fault "/movie/3 delay 8000"
	started=$(date +%s)
	run "$DRIVER" --timeout-ms 300 --attempts 2 --backoff-ms 20 "$BASE/movie/3"
	expect_status 1
	expect_stdout "response 1 0 fail attempts=2"
	expect_stdout "error: GET $BASE/movie/3: Timeout was reached"
	expect_stdout "(after 2 attempts)"
	[ $(($(date +%s) - started)) -lt 6 ] || fail "the time-out did not cut the 8 s answer short"
}

test_truncated_body_is_retried() {
	start_server --fault "/movie/4 truncate times 1" --fault "/movie/5 truncate"
	run "$DRIVER" --attempts 2 --backoff-ms 20 "$BASE/movie/4" "$BASE/movie/5"
	expect_status 1
	expect_stdout "response 1 200 ok attempts=2"
	expect_stdout "error: GET $BASE/movie/5: Transferred a partial file"
}

test_dropped_connection_is_retried() {
	start_server --fault "#1 drop" --fault "/movie/6 drop"
	run "$DRIVER" --attempts 2 --backoff-ms 20 --connections 1 "$BASE/movie/1" "$BASE/movie/6"
	expect_status 1
	expect_stdout "response 1 200 ok attempts=2"
	expect_stdout "error: GET $BASE/movie/6: Server returned nothing"
	grep -q " drop noauth drop$" server.log || fail "no drop logged"
}

test_wrong_content_type_and_bad_json_are_the_callers_to_judge() {
	start_server --fault "/movie/8 html" --fault "/movie/9 bad-json"
	run "$DRIVER" "$BASE/movie/8" "$BASE/movie/9" "$BASE/movie/10"
	expect_status 0
	grep -A1 '^response 1 200 ok' "$T/.out" | grep -q -F '  type: text/html' || fail "content type not reported"
	whole=$(field 3 bytes)
	expect_eq "$(field 2 bytes)" $((whole / 2)) "bytes of the cut JSON"
}

test_conditional_requests_get_304() {
	start_server --max-age 3600
	run "$DRIVER" "$BASE/movie/1"
	expect_status 0
	expect_eq "$(field 1 max_age)" 3600 "Cache-Control max-age"
	etag=$(sed -n 's/^  etag: //p' "$T/.out")
	date=$(sed -n 's/^  last-modified: //p' "$T/.out")
	[ -n "$etag" ] && [ -n "$date" ] || fail "no ETag or Last-Modified"
	run "$DRIVER" --etag "$etag" "$BASE/movie/1"
	expect_status 0
	expect_stdout "response 1 304 ok attempts=1 bytes=0"
	expect_stdout "  etag: $etag"
	run "$DRIVER" --last-modified "$date" "$BASE/movie/1"
	expect_stdout "response 1 304 ok"
	run "$DRIVER" --etag '"stale"' "$BASE/movie/1"
	expect_stdout "response 1 200 ok"
	expect_eq "$(awk '{ print $5 }' server.log | tr '\n' ' ')" "200 304 304 200 " "statuses sent"
}

test_batch_deadline_fails_what_is_left() {
	start_server --fault "/movie/* delay 20000"
	started=$(date +%s)
	run "$DRIVER" --deadline-ms 800 --connections 1 --count 3 "$BASE/movie/{n}"
	expect_status 1
	expect_stderr "http: the batch deadline of 800 ms passed with 3 requests unfinished"
	expect_eq "$(grep -c 'error: .*batch deadline of 800 ms passed' "$T/.out")" 3 "requests failed"
	expect_stdout "passed before its first attempt"
	[ $(($(date +%s) - started)) -lt 8 ] || fail "the deadline did not end the batch"
}

test_body_over_max_body_is_refused() {
	start_server
	run "$DRIVER" --max-body 100000 "$BASE/big" "$BASE/movie/1"
	expect_status 1
	expect_stdout "response 1 200 fail attempts=1 bytes=0"
	expect_stdout "error: GET $BASE/big: the body is larger than max_body (100000 bytes)"
	expect_stdout "response 2 200 ok"
	run "$DRIVER" --max-body 300000 "$BASE/big"
	expect_status 0
}

test_header_values_are_bounded() {
	long=$(awk 'BEGIN { while (n++ < 1100) printf "x" }')
	printf '/long 200 application/%s -\n/short 200 application/%s -\n' "$long" \
		"$(echo "$long" | cut -c 1-1000)" >long.routes
	start_server --routes long.routes
	run "$DRIVER" "$BASE/long" "$BASE/short"
	expect_status 1
	expect_stdout "error: GET $BASE/long: a response header is longer than 1024 bytes"
	expect_stdout "response 2 200 ok"
	expect_eq "$(logged /3/long)" 1 "not retried"
}

test_secret_never_printed() {
	start_server --fault "/movie/2* status 503 times 1" --fault "/movie/3* drop" \
		--fault "/movie/4* delay 5000"
	run "$DRIVER" -v --secret "$KEY" --bearer "$TOKEN" --attempts 2 --backoff-ms 20 \
		--timeout-ms 300 --deadline-ms 3000 \
		"$BASE/movie/1?api_key=$KEY" "$BASE/movie/2?language=fr&api_key=$KEY" \
		"$BASE/movie/3?api_key=$KEY" "$BASE/movie/4?api_key=$KEY" "$BASE/person/$KEY/x"
	expect_status 1
	expect_stderr "GET $BASE/movie/1?api_key=***: 200 OK"
	expect_stderr "GET $BASE/person/***/x: 200 OK"
	expect_stdout "error: GET $BASE/movie/3?api_key=***: Server returned nothing"
	if grep -q -F -e "$KEY" -e "$TOKEN" "$T/.out" "$T/.err"; then
		fail "the secret was printed"
	fi
	# One line at -v for each attempt.
	attempts=$(sed -n 's/^stats requests=\([0-9]*\) .*/\1/p' "$T/.out")
	expect_eq "$(grep -c '^marquee: GET ' "$T/.err")" "$attempts" "verbose lines"
	expect_stdout "response 2 200 ok attempts=2"
	expect_eq "$(grep -c ' noauth ' server.log)" 0 "requests without the bearer token"
	grep -q -F "api_key=$KEY" server.log || fail "the key was not sent"
}

test_callback_queues_and_stops() {
	start_server
	run "$DRIVER" --then "$BASE/movie/1/credits" --then "$BASE/person/2001" "$BASE/discover/movie?region=FR&page=1"
	expect_status 0
	expect_stdout "response 2 200 ok"
	expect_stdout "response 3 200 ok"
	expect_stdout "stats requests=3 "
	run "$DRIVER" --connections 1 --stop-after 2 --count 6 "$BASE/movie/{n}"
	expect_status 1
	expect_eq "$(grep -c '^response ' "$T/.out")" 2 "responses before the stop"
	[ "$(logged /3/movie/)" -le 3 ] || fail "requests went on after the stop"
}

test_server_routes_and_usage() {
	[ -x "$SERVER" ] || skip "tmdb_server not built"
	printf '/movie/1 200 application/json missing.json\n' >bad.routes
	run "$SERVER" --port-file port --routes bad.routes
	expect_status 1
	expect_stderr "bad.routes:1: missing.json: found neither beside the routes file nor in a --dir"
	printf '/movie/1 2000 application/json -\n' >bad.routes
	run "$SERVER" --port-file port --routes bad.routes
	expect_status 1
	expect_stderr 'bad.routes:1: bad status "2000"'
	run "$SERVER" --port-file port --fault "/movie/1 explode"
	expect_status 1
	expect_stderr 'unknown fault action "explode"'
	run "$SERVER" --routes x
	expect_status 2
	expect_stderr "usage: tmdb_server"
	# A bounded life: --max-seconds ends it.
	run "$SERVER" --port-file port --max-seconds 1
	expect_status 0
}

test_server_keys_ignore_api_key_order_and_version() {
	start_server
	run "$DRIVER" --save . "$BASE/discover/movie?page=2&api_key=x&region=FR" \
		"http://127.0.0.1:$(cat port)/discover/movie?region=FR&page=2" "$BASE/nowhere"
	expect_status 1
	cmp 1 "$TMDB/bodies/discover-fr-2.json" || fail "wrong body for the query"
	cmp 2 "$TMDB/bodies/discover-fr-2.json" || fail "wrong body without /3"
	expect_stdout "response 3 404 fail"
	grep -q '"status_code":34' 3 || fail "no TMDB not-found body"
	run "$DRIVER" "http://127.0.0.1:$(cat port)/__quit"
	tries=0
	while kill -0 "$server_pid" 2>/dev/null; do
		tries=$((tries + 1))
		[ "$tries" -le 100 ] || fail "/__quit did not stop the server"
		sleep 0.05
	done
	wait "$server_pid"
	expect_eq "$?" 0 "the server's exit status (sanitizers report there)"
}

test_fault_hook_fails_one_attempt() {
	start_server
	export MARQUEE_FAULT=http:2
	run "$DRIVER" --backoff-ms 10 --connections 1 "$BASE/movie/1" "$BASE/movie/2"
	expect_status 0
	expect_stdout "response 2 200 ok attempts=2"
	expect_eq "$(wc -l <server.log | tr -d ' ')" 2 "requests that reached the server"
	run "$DRIVER" --attempts 1 "$BASE/movie/1" "$BASE/movie/2"
	expect_status 1
	expect_stdout "error: GET $BASE/movie/2: injected fault (MARQUEE_FAULT)"
}
