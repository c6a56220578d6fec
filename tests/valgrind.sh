#!/bin/sh
# The unit tests and every end-to-end test under valgrind's memcheck. Each
# run of marquee (and of the unit tests, and of the fuzz targets' seed
# replays) goes through valgrind: a memory error or a leak (definite or
# indirect) makes it exit 99, which fails its test; each process's report
# is kept in BUILD/valgrind/logs/PID.log and the reports that say anything
# are listed at the end.
# Usage: BUILD=build sh tests/valgrind.sh [PATTERN]
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${BUILD:-$here/../build}" && pwd)
wrap="$build/valgrind"
logs="$wrap/logs"
rm -rf "$wrap" && mkdir -p "$logs"
# the fuzz targets' seed replays (tests/fuzz/replay.c) are parsers too
replays=$(cd "$build" && ls fuzz_replay_* 2>/dev/null)
for program in marquee unit_tests $replays; do
	cat >"$wrap/$program" <<SH
#!/bin/sh
exec valgrind --quiet --vgdb=no --error-exitcode=99 --leak-check=full \\
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\
	--log-file="$logs/%p.log" "$build/$program" "\$@"
SH
	chmod +x "$wrap/$program"
done
# the helpers the tests start beside marquee are not what is checked
ln -s "$build/tmdb_server" "$wrap/tmdb_server"
ln -s "$build/http_driver" "$wrap/http_driver"
# a process a test kills through MARQUEE_FAULT (":kill", as a crash) dies
# holding memory on purpose: valgrind, which sees the kill as an exit,
# reports it as lost; those processes name themselves in this file
killed="$wrap/killed"
: >"$killed"
MARQUEE_FAULT_KILLED="$killed" MARQUEE_VALGRIND=1 MARQUEE="$wrap/marquee" \
	UNIT_TESTS="$wrap/unit_tests" sh "$here/run.sh" "$@"
status=$?
runs=$(ls "$logs" | wc -l)
said=
for f in $(find "$logs" -name '*.log' -size +0 | sort); do
	pid=$(basename "$f" .log)
	grep -qx "$pid" "$killed" || said="$said $f"
done
said=${said# }
if [ -n "$said" ]; then
	echo "valgrind: $(echo "$said" | wc -w) of $runs runs reported errors or leaks:"
	for f in $said; do
		echo "--- $f"
		head -n 60 "$f"
	done
	status=1
else
	echo "valgrind: $runs runs, no error and no leak ($(wc -l <"$killed") killed on purpose by a test)"
fi
exit "$status"
