# The stores under faults and at their limits. After each, the stores pass
# SQLite's integrity check, nothing committed before is lost, and the next
# run completes.

# dump DB: the whole store as text, to compare before and after.
dump() {
	sqlite3 -batch "$1" .dump | md5sum
}

# Read-only commands took the write lock, and failed on a read-only copy.
test_read_only_commands_need_no_write_access() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	expect_status 0
	mkdir copy && cp data/analytics.db data/cinema.db copy/
	printf 'data_dir: copy\nmodel:\n  metric: first_week_admissions\n' >ro.yml
	before=$(cat copy/* | md5sum)
	for cmd in status models "select --week 2024-W10" "features --out f.txt" content; do
		read_only copy "$MARQUEE" --config ro.yml $cmd
		expect_status 0
	done
	expect_stdout "content: 1 weeks, 4 films"
	[ -s f.txt ] || fail "features wrote nothing"
	read_only copy "$MARQUEE" --config ro.yml actuals add --week 2024-W10 --film t:901 --admissions 5
	expect_status 1
	expect_stderr "cannot be written"
	expect_eq "$(cat copy/* | md5sum)" "$before" "the read-only copy"
}
