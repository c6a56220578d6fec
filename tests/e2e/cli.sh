# The marquee program's command line: help, version, usage errors, -C.

test_version() {
	run "$MARQUEE" --version
	expect_status 0
	expect_stdout "marquee "
}

test_help_lists_commands() {
	run "$MARQUEE" --help
	expect_status 0
	expect_stdout "import"
	expect_stdout "status"
	run "$MARQUEE" help import
	expect_status 0
	expect_stdout "usage: marquee import"
	expect_stdout "release_date"
	run "$MARQUEE" import --help
	expect_status 0
	expect_stdout "usage: marquee import"
}

test_usage_errors_exit_2() {
	run "$MARQUEE"
	expect_status 2
	expect_stderr "usage: marquee"
	run "$MARQUEE" frobnicate
	expect_status 2
	expect_stderr "no such command \"frobnicate\""
	run "$MARQUEE" import
	expect_status 2
	expect_stderr "usage: marquee import"
	run "$MARQUEE" import --bogus x.csv
	expect_status 2
	expect_stderr "marquee: import: unknown option '--bogus'"
	run "$MARQUEE" help frobnicate
	expect_status 2
}

test_typos_get_the_nearest_name() {
	run "$MARQUEE" buld
	expect_status 2
	expect_stderr "marquee: no such command \"buld\"; did you mean \"build\"?"
	run "$MARQUEE" help imprt
	expect_status 2
	expect_stderr "did you mean \"import\"?"
	run "$MARQUEE" -x status
	expect_status 2
	expect_stderr "marquee: unknown option '-x'"
	run "$MARQUEE" build --out
	expect_status 2
	expect_stderr "marquee: build: option '--out' needs a value"
	run "$MARQUEE" actuals add --wek 2024-W27
	expect_status 2
	expect_stderr "marquee: actuals: unknown option '--wek'"
	grep -q -v '^marquee: \|^usage: \|^       marquee \|^Try ' "$T/.err" && fail "an error without marquee: in front"
	true
}

test_dash_C_and_config() {
	mkdir -p proj
	printf 'data_dir: stores\n' >proj/marquee.yml
	printf 'title,release_date\nA,2020-01-01\n' >proj/a.csv
	run "$MARQUEE" -C proj import a.csv
	expect_status 0
	[ -f proj/stores/analytics.db ] || fail "data_dir from the config not used"
	[ -f proj/stores/cinema.db ] || fail "cinema.db not created"
	run "$MARQUEE" -C nowhere status
	expect_status 1
	expect_stderr "cannot change to nowhere"
	run "$MARQUEE" --config missing.yml status
	expect_status 1
	expect_stderr "missing.yml"
}

test_bad_config_names_line_and_key() {
	printf 'data_dir: [a, b]\n' >marquee.yml
	run "$MARQUEE" status
	expect_status 1
	expect_stderr "marquee.yml:1: data_dir: expected a single value"
	printf 'data_dir: "x\n' >marquee.yml
	run "$MARQUEE" status
	expect_status 1
	expect_stderr "marquee.yml:"
}

test_unknown_config_key_names_the_nearest() {
	printf 'site:\n  title: Cinema\n  base_urll: https://cinema.example/\n' >marquee.yml
	for cmd in status build content; do
		run "$MARQUEE" $cmd
		expect_status 1
		expect_stderr "marquee: $cmd: marquee.yml:3: site.base_urll: unknown key (did you mean site.base_url?)"
	done
	printf 'cinema:\n  screens:\n    - {name: A, seats: 100}\n    - {name: B,\n       seets: 80}\nmodle:\n  metric: x\n' >marquee.yml
	run "$MARQUEE" status
	expect_status 1
	expect_stderr "marquee.yml:5: cinema.screens[2].seets: unknown key (did you mean cinema.screens[2].seats?)"
	expect_stderr "marquee.yml:6: modle: unknown key (did you mean model?)"
	printf 'site:\n  tmdb: true\n' >marquee.yml
	run "$MARQUEE" build
	expect_status 1
	expect_stderr "marquee.yml:2: site.tmdb: no longer used"
	printf 'colour: red\n' >marquee.yml
	run "$MARQUEE" status
	expect_status 1
	expect_stderr "marquee.yml:1: colour: unknown key (README.md, \"Configuration\", lists them)"
	# every key the README's table names is known
	sed -n 's/^| `\([a-z_.]*\)`.*/\1/p' "$ROOT/README.md" | while read -r key; do
		[ -n "$key" ] || continue
		case "$key" in *.*) printf '%s:\n  %s: x\n' "${key%%.*}" "${key#*.}" ;; *) printf '%s: x\n' "$key" ;; esac >marquee.yml
		"$MARQUEE" status 2>&1 | grep -q 'unknown key' && fail "the README's $key is unknown"
	done
	true
}

test_quiet_prints_only_errors() {
	printf 'title,release_date\nA,2020-01-01\nB,2020-02-30\n' >a.csv
	run "$MARQUEE" -q import a.csv
	expect_status 0
	[ ! -s "$T/.out" ] || fail "-q printed to stdout"
	expect_stderr "a.csv:3: bad date \"2020-02-30\""
}

# stores: makes the stores with a one-film import.
stores() {
	printf 'title,release_date\nA,2020-01-01\n' >one.csv
	run "$MARQUEE" -q import one.csv
	expect_status 0
}

test_status_makes_no_stores() {
	printf 'data_dir: mistyped\n' >marquee.yml
	run "$MARQUEE" status
	expect_status 0
	expect_stdout "none in mistyped/ yet"
	[ ! -e mistyped ] || fail "status made a data folder"
}

test_stores_are_versioned_wal_with_foreign_keys() {
	stores
	run "$MARQUEE" status
	expect_status 0
	# The versions the program migrates to, as `status` reports them.
	a=$(sed -n 's/.*analytics.db (schema \([0-9]*\)).*/\1/p' "$T/.out")
	c=$(sed -n 's/.*cinema.db (schema \([0-9]*\)).*/\1/p' "$T/.out")
	[ "${a:-0}" -ge 1 ] && [ "${c:-0}" -ge 1 ] || fail "no schema versions in status"
	expect_eq "$(sql data/analytics.db 'PRAGMA user_version')" "$a" "analytics schema version"
	expect_eq "$(sql data/cinema.db 'PRAGMA user_version')" "$c" "cinema schema version"
	expect_eq "$(sql data/analytics.db 'PRAGMA journal_mode')" "wal" "analytics journal"
	expect_eq "$(sql data/cinema.db 'PRAGMA journal_mode')" "wal" "cinema journal"
}

test_newer_schema_is_refused() {
	stores
	sql data/analytics.db 'PRAGMA user_version = 99' >/dev/null
	run "$MARQUEE" status
	expect_status 1
	expect_stderr "schema version 99 is newer"
}
