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

# read_only DIR CMD...: runs CMD as run does, with DIR read-only for it: by
# its mode for a user; for root, whom modes do not stop, by a read-only bind
# mount in a mount namespace of its own (skips when there is none).
read_only() {
	ro_dir=$1
	shift
	if [ "$(id -u)" -ne 0 ]; then
		chmod -R a-w "$ro_dir"
		run "$@"
		chmod -R u+w "$ro_dir"
		return
	fi
	unshare -m true 2>/dev/null || skip "root without a mount namespace: no read-only folder"
	run unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' \
		sh "$ro_dir" "$@"
}

# small_disk DIR KB SCRIPT: runs the shell SCRIPT (text) as run does, with a
# file system of KB kilobytes mounted at DIR (empty) for it: a full disk
# that is really full. Root only, in a mount namespace of its own: skips
# otherwise (MARQUEE_FAULT's "write" site covers the rest).
small_disk() {
	[ "$(id -u)" -eq 0 ] || skip "a small file system needs root (MARQUEE_FAULT=write covers a user)"
	unshare -m true 2>/dev/null || skip "root without a mount namespace: no small file system"
	mkdir -p "$1"
	run unshare -m sh -c 'mount -t tmpfs -o size="$2"k tmpfs "$1" && eval "$3"' sh "$1" "$2" "$3"
}

# integrity DB: fails the test unless SQLite finds the store whole.
integrity() {
	got=$(sqlite3 -batch "$1" 'PRAGMA integrity_check; PRAGMA foreign_key_check' 2>&1)
	[ "$got" = ok ] || fail "$1: integrity_check says: $got"
}

need_shared() {
	[ -e "$SHARED/$1" ] || skip "../shared/$1 is absent"
}

# ---- a small history (records.sh, stores.sh) ----

# history FILE: 3 films a week on Wednesdays from 2023-01-04 for 40 weeks,
# first-week admissions growing with budget; then 4 films in 2024-W10
# without outcomes (the week to decide) and 1 in 2024-W12.
history() {
	awk 'BEGIN {
		print "id,title,release_date,genres,director,budget_usd,runtime_min,first_week_admissions"
		srand(7)
		for (w = 0; w < 40; w++) {
			for (k = 0; k < 3; k++) {
				id++
				budget = 1000000 * (1 + (id * 37) % 50)
				adm = int(budget / 100 * (0.7 + rand() * 0.6))
				g = (k == 0 ? "Drame" : (k == 1 ? "Comédie" : "Action"))
				printf "%d,Film %d,%s,%s,Director %d,%d,%d,%d\n", id, id, day(w), g, id % 9, budget, 90 + id % 40, adm
			}
		}
		printf "901,Big One,2024-03-06,Action,Director 1,45000000,120,\n"
		printf "902,Middle One,2024-03-06,Drame,Director 2,20000000,100,\n"
		printf "903,Small One,2024-03-06,Comédie,Director 3,2000000,95,\n"
		printf "904,Tiny One,2024-03-06,Drame,Director 4,1000000,90,\n"
		printf "905,Lonely One,2024-03-20,Drame,Director 5,9000000,90,\n"
	}
	function day(w,   d) { d = 19361 + 7 * w; return strftime("%Y-%m-%d", d * 86400, 1) }' >"$1"
}

setup() {
	history h.csv
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	run "$MARQUEE" import --source t h.csv
	expect_status 0
	run "$MARQUEE" train
	expect_status 0
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

