# The fuzz targets' seeds (tests/fuzz/seeds/TARGET/) replayed through each
# target without libFuzzer (tests/fuzz/replay.c): every parser that `make
# fuzz` searches keeps handling its seeds, under the sanitizers in make
# test-asan. A target without seeds, or without its replay program, fails.

test_every_fuzz_target_replays_its_seeds() {
	build=$(dirname "$MARQUEE")
	targets=$(sed -n 's/^FUZZ_TARGETS *:= *//p' "$ROOT/Makefile")
	[ -n "$targets" ] || fail "no FUZZ_TARGETS in the Makefile"
	for t in $targets; do
		[ -x "$build/fuzz_replay_$t" ] || fail "$build/fuzz_replay_$t was not built"
		[ -n "$(ls "$ROOT/tests/fuzz/seeds/$t" 2>/dev/null)" ] || fail "$t has no seeds"
		run "$build/fuzz_replay_$t" "$ROOT"/tests/fuzz/seeds/"$t"/*
		expect_status 0
		expect_stdout "$(ls "$ROOT/tests/fuzz/seeds/$t" | wc -l) inputs"
	done
}

test_replay_reports_a_missing_input() {
	build=$(dirname "$MARQUEE")
	run "$build/fuzz_replay_csv" "$T/none.csv"
	expect_status 1
	expect_stderr "fuzz replay: $T/none.csv: No such file or directory"
}
