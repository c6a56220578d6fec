#!/bin/sh
# Runs the unit tests and every end-to-end test file, and ends with the line
# "N passed, N failed, N skipped". Exit status 1 when anything failed. What
# the tests print (their expected errors included) is kept, and shown only
# for a test that failed.
# Usage: MARQUEE=path UNIT_TESTS=path sh tests/run.sh [PATTERN]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
export MARQUEE="${MARQUEE:-$root/build/marquee}"
export SHARED="${SHARED:-$root/../shared}"
export ROOT="$root"
export TZ=UTC LC_ALL=C
pattern="${1:-}"
passed=0 failed=0 skipped=0

if [ -z "$pattern" ] && [ -n "${UNIT_TESTS:-}" ]; then
	# The unit tests provoke errors on purpose (a bad date, a missing
	# partial...): their messages are kept, and shown only when a test fails.
	out=$("$UNIT_TESTS" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep '^unit:' | tail -n 1)
	p=$(echo "$line" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
	f=$(echo "$line" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
	if [ -z "$p" ]; then
		echo "FAIL unit tests crashed (exit $rc)"
		printf '%s\n' "$out" | sed 's/^/    /'
		failed=$((failed + 1))
	else
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
		printf '%s\n' "$out" | grep '^mustache spec:'
		if [ "$f" -ne 0 ]; then
			echo "FAIL unit: $p passed, $f failed; their output:"
			printf '%s\n' "$out" | grep -v '^unit:\|^mustache spec:' | sed 's/^/    /'
		else
			echo "unit: $p passed, $f failed"
		fi
		passed=$((passed + p))
		failed=$((failed + f))
	fi
fi

for file in "$here"/e2e/*.sh; do
	name=$(basename "$file" .sh)
	tests=$(sed -n 's/^\(test_[A-Za-z0-9_]*\)() *{.*/\1/p' "$file")
	for t in $tests; do
		case "$name:$t" in *"$pattern"*) ;; *) continue ;; esac
		T=$(mktemp -d "${TMPDIR:-/tmp}/marquee-test.XXXXXX")
		(
			cd "$T" || exit 1
			export T
			. "$here/lib.sh"
			. "$file"
			set +e
			"$t"
		) >"$T/.log" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ]; then
			passed=$((passed + 1))
			echo "ok   $name: $t"
		elif [ "$rc" -eq 77 ]; then
			skipped=$((skipped + 1))
			echo "skip $name: $t ($(cat "$T/.skip" 2>/dev/null))"
		else
			failed=$((failed + 1))
			echo "FAIL $name: $t"
			sed 's/^/    /' "$T/.log"
		fi
		chmod -R u+w "$T" 2>/dev/null
		rm -rf "$T"
	done
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
