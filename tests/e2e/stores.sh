# The stores under faults and at their limits: read-only, locked by another
# process, on a full disk, on an unwritable file, killed at the worst time.
# After each, the stores pass SQLite's integrity check, nothing committed
# before is lost, and the next run completes.

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
	expect_stdout "content: 1 weeks, $(sql copy/analytics.db 'SELECT count(*) FROM films') films"
	[ -s f.txt ] || fail "features wrote nothing"
	read_only copy "$MARQUEE" --config ro.yml actuals add --week 2024-W10 --film t:901 --admissions 5
	expect_status 1
	expect_stderr "cannot be written"
	expect_eq "$(cat copy/* | md5sum)" "$before" "the read-only copy"
}

# A locked store's message named neither the store nor who held it.
test_a_locked_store_names_its_holder() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	before=$(dump data/cinema.db)
	printf 'title,release_date,first_week_admissions\nLate,2024-02-28,1000\n' >late.csv
	MARQUEE_FAULT=import-row:1:stop "$MARQUEE" import late.csv >/dev/null 2>&1 &
	pid=$!
	tries=0
	until [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = T ]; do
		tries=$((tries + 1))
		[ "$tries" -le 200 ] || fail "the import did not stop"
		sleep 0.05
	done
	# readers are not kept waiting by a writer
	run "$MARQUEE" status
	expect_status 0
	run "$MARQUEE" select --week 2024-W10
	expect_status 0
	# a writer waits, then says what is locked and by whom
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 5
	expect_status 1
	expect_stderr "data/analytics.db and data/cinema.db are locked: process $pid (marquee import), since "
	expect_stderr "is writing to them; marquee waited 5 s"
	# killed while it holds them: nothing it did is kept, the next run completes
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	integrity data/analytics.db
	integrity data/cinema.db
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM films WHERE title = 'Late'")" 0 "the killed import's film"
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 5
	expect_status 0
	# a program other than marquee
	printf 'BEGIN IMMEDIATE;\n.shell sleep 8\nCOMMIT;\n' | sqlite3 data/cinema.db &
	sleep 1
	run "$MARQUEE" actuals add --week 2024-W10 --film t:902 --admissions 5
	expect_status 1
	expect_stderr "data/cinema.db is locked: a program other than marquee"
	wait
}

# Killed just before each command commits: nothing of it is kept, the
# stores are whole, and the command then completes.
test_killed_at_commit_keeps_nothing_half_done() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" records export
	printf 'title,release_date,first_week_admissions\nLate,2024-02-28,1000\n' >late.csv
	for cmd in "import late.csv" "train" "publish --week 2024-W12" \
		"actuals add --week 2024-W10 --film t:901 --admissions 5" \
		"override pin --week 2024-W12 --film t:905"; do
		a=$(dump data/analytics.db) c=$(dump data/cinema.db)
		MARQUEE_FAULT=commit:1:kill run "$MARQUEE" $cmd
		[ "$status" -eq 137 ] || fail "$cmd: expected death by SIGKILL, got $status"
		integrity data/analytics.db
		integrity data/cinema.db
		expect_eq "$(dump data/analytics.db) $(dump data/cinema.db)" "$a $c" "the stores after $cmd was killed"
		run "$MARQUEE" $cmd
		expect_status 0
	done
	mkdir fresh && cp marquee.yml fresh/
	MARQUEE_FAULT=commit:1:kill run "$MARQUEE" -C fresh records restore --dir ../records/cinema
	[ "$status" -eq 137 ] || fail "restore: expected death by SIGKILL, got $status"
	integrity fresh/data/cinema.db
	expect_eq "$(sql fresh/data/cinema.db 'SELECT count(*) FROM weeks')" 0 "a killed restore"
	run "$MARQUEE" -C fresh records restore --dir ../records/cinema
	expect_status 0
}

# A disk really full (a small file system): SQLite's own writes fail, not
# only those MARQUEE_FAULT fails.
test_full_disk_keeps_what_was_committed() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" content
	awk 'BEGIN { print "title,release_date,overview,first_week_admissions"
		for (i = 0; i < 3000; i++) { printf "More %d,2023-06-%02d,", i, 1 + i % 28
			for (k = 0; k < 10; k++) printf "a long synopsis "; print "," 1000 + i } }' >more.csv
	cat >full.sh <<'SH'
	set -u
	cp -r data small/data && cp -r content small/content
	printf 'data_dir: small/data\ncontent_dir: small/content\nmodel:\n  metric: first_week_admissions\n' >small.yml
	"$MARQUEE" --config small.yml publish --week 2024-W12 >/dev/null 2>&1
	sqlite3 small/data/analytics.db .dump | md5sum >a.before
	find small/content -type f | sort | xargs cat | md5sum >content.before
	# the disk is filled up but for 300 KB: the import starts, and runs out
	avail=$(df -k small | awk 'NR == 2 { print $4 }')
	dd if=/dev/zero of=small/filler bs=1k count=$((avail - 300)) 2>/dev/null
	"$MARQUEE" --config small.yml import more.csv >import.out 2>import.err; echo $? >import.status
	dd if=/dev/zero of=small/filler2 bs=1k 2>/dev/null
	"$MARQUEE" --config small.yml content >content.out 2>content.err; echo $? >content.status
	find small/content -type f ! -name '.*' | sort | xargs cat | md5sum >content.after
	find small/content -name '.*' >content.left
	# once there is room again (the check itself needs some), all is there,
	# whole, and both complete
	rm small/filler small/filler2
	sqlite3 small/data/analytics.db 'PRAGMA integrity_check' >a.integrity
	sqlite3 small/data/analytics.db .dump | md5sum >a.after
	"$MARQUEE" --config small.yml import more.csv >import2.out 2>&1; echo $? >import2.status
	"$MARQUEE" --config small.yml content >content2.out 2>&1; echo $? >content2.status
	sqlite3 small/data/analytics.db 'PRAGMA integrity_check' >a.integrity2
SH
	small_disk small 16000 ". ./full.sh"
	expect_eq "$(cat import.status)" 1 "import on a full disk"
	grep -q -E "disk is full|No space left on device" import.err ||
		fail "the import does not say the disk is full: $(cat import.err)"
	expect_eq "$(cat a.integrity)" ok "analytics.db after a full disk"
	expect_eq "$(cat a.after)" "$(cat a.before)" "analytics.db after a failed import"
	expect_eq "$(cat content.status)" 1 "content on a full disk"
	grep -q "No space left on device" content.err || fail "content does not say the disk is full: $(cat content.err)"
	expect_eq "$(cat content.after)" "$(cat content.before)" "content/ after a full disk"
	[ ! -s content.left ] || fail "temporary files left: $(cat content.left)"
	expect_eq "$(cat import2.status) $(cat content2.status)" "0 0" "the next runs, with room"
	expect_eq "$(cat a.integrity2)" ok "analytics.db at the end"
}

# A file or folder that cannot be written: the command fails naming it, and
# changes nothing.
test_unwritable_files_change_nothing() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" content
	run "$MARQUEE" records export
	run "$MARQUEE" publish --week 2024-W12
	before=$(find content -type f | sort | xargs cat | md5sum)
	read_only content/weeks "$MARQUEE" content
	expect_status 1
	expect_stderr "content/weeks/"
	expect_eq "$(find content -type f | sort | xargs cat | md5sum)" "$before" "content/ after a refused write"
	records=$(cat records/cinema/*.jsonl | md5sum)
	read_only records/cinema "$MARQUEE" records export
	expect_status 1
	expect_stderr "records/cinema/"
	expect_eq "$(cat records/cinema/*.jsonl | md5sum)" "$records" "records after a refused export"
	run "$MARQUEE" content
	expect_status 0
	run "$MARQUEE" records export
	expect_status 0
}
