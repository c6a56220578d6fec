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
