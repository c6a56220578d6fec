# Helpers for end-to-end tests. Each test is a function named test_*; the
# runner calls it in a subshell inside a fresh temporary folder ($T), with
# $MARQUEE the binary under test and $SHARED the ../shared folder.
# Expectations end the test with a message on the first failure.

# run CMD...: runs a command, keeping its exit status, stdout and stderr.
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	status=$?
}

fail() {
	echo "    $*" >&2
	echo "    --- stdout:" >&2; head -c 2000 "$T/.out" >&2 2>/dev/null
	echo "    --- stderr:" >&2; head -c 2000 "$T/.err" >&2 2>/dev/null
	exit 1
}

skip() {
	echo "$*" >"$T/.skip"
	exit 77
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, want $1"
}

expect_stdout() {
	grep -q -F -- "$1" "$T/.out" || fail "stdout lacks: $1"
}

expect_stderr() {
	grep -q -F -- "$1" "$T/.err" || fail "stderr lacks: $1"
}

expect_no_stderr() {
	[ ! -s "$T/.err" ] || fail "stderr not empty"
}

# expect_eq GOT WANT WHAT
expect_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"
}

# sql DB QUERY: one value from a store, through the sqlite3 shell.
sql() {
	sqlite3 -batch -noheader "$1" "$2"
}

need_shared() {
	[ -e "$SHARED/$1" ] || skip "../shared/$1 is absent"
}

# ---- the canned TMDB server (tests/tmdb/) ----

# A made-up key: it must never leave the environment.
TMDB_KEY=5ecre7a9b8c7d6e5f4a3b2c1d0e9f8a7

# tmdb_serve NAME ROUTES [OPTION...]: a canned server in the background; sets
# $PORT. Every server stops when the test ends.
tmdb_serve() {
	[ -x "$(dirname "$MARQUEE")/tmdb_server" ] || skip "tmdb_server not built"
	name=$1 routes=$2
	shift 2
	"$(dirname "$MARQUEE")/tmdb_server" --port-file "$T/$name.port" --log "$T/$name.log" --max-seconds 120 \
		--routes "$routes" "$@" 2>"$T/$name.err" &
	echo $! >>"$T/servers"
	trap 'for p in $(cat "$T/servers"); do kill "$p" 2>/dev/null; done; wait 2>/dev/null' EXIT
	tries=0
	while [ ! -s "$T/$name.port" ]; do
		tries=$((tries + 1))
		[ "$tries" -le 200 ] || fail "the $name server did not start: $(cat "$T/$name.err")"
		sleep 0.05
	done
	PORT=$(cat "$T/$name.port")
}

# tmdb_week [FILMS PEOPLE] [OPTION...]: images on one server, the API on another.
tmdb_week() {
	films=${1:-3} people=${2:-12}
	if [ $# -ge 2 ]; then shift 2; else shift $#; fi
	mkdir -p img
	echo "/img/* 200 image/jpeg poster.jpg" >img/img.routes
	printf '\377\330poster\377\331' >img/poster.jpg
	tmdb_serve images img/img.routes
	python3 "$ROOT/tests/tmdb/make_week.py" answers --start 2024-01-10 \
		--image-base "http://127.0.0.1:$PORT/img/" --films "$films" --people "$people" \
		--title "9001:Un silence:tt0000001" --title "9002:Mean Girls, lolita malgré moi:tt0000002"
	tmdb_serve api answers/week.routes "$@"
	export TMDB_BASE_URL="http://127.0.0.1:$PORT/3" TMDB_API_KEY=$TMDB_KEY
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
}

