# The weekly decision and the cinema's records: select, publish, actuals,
# overrides, content. On the small synthetic history of lib.sh (setup).

test_select_prints_picks_and_runners_up() {
	setup
	run "$MARQUEE" select --week 2024-W10
	expect_status 0
	expect_stdout "Week 2024-W10, 2024-03-06 to 2024-03-12: 4 candidates"
	expect_stdout "Screen 1   120 seats  Big One"
	expect_stdout "Screen 2    80 seats  Middle One"
	expect_stdout "lost by"
	expect_eq "$(sql data/cinema.db 'SELECT count(*) FROM weeks')" 0 "select stores nothing"
	# a bad --week is a usage error (2), for every command that takes one
	for cmd in select publish predict weekly; do
		run "$MARQUEE" $cmd --week 2024-W99
		expect_status 2
		expect_stderr '--week "2024-W99": expected YYYY-Www'
	done
	run "$MARQUEE" actuals add --week 2024-W99 --film t:901 --admissions 5
	expect_status 2
	run "$MARQUEE" override pin --week 2024-W99 --film t:901
	expect_status 2
	# weekly checks its week before it trains anything
	expect_eq "$(sql data/analytics.db 'SELECT count(*) FROM models')" 1 "no model trained by a bad week"
}

test_publish_freezes_the_week() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	expect_status 0
	expect_stdout "Published 2024-W10 as version 1."
	before=$(sql data/cinema.db "SELECT details FROM weeks WHERE week='2024-W10'")
	# Retraining on changed history must not change what was published.
	sed -i 's/^1,Film 1,\(.*\),[0-9]*$/1,Film 1,\1,999999/' h.csv
	run "$MARQUEE" import --source t h.csv
	run "$MARQUEE" train
	expect_status 0
	after=$(sql data/cinema.db "SELECT details FROM weeks WHERE week='2024-W10'")
	expect_eq "$after" "$before" "published week after retraining"
	run "$MARQUEE" publish --week 2024-W10
	expect_status 1
	expect_stderr "2024-W10 is already published (version 1)"
	run "$MARQUEE" publish --week 2024-W10 --replace
	expect_status 0
	expect_stdout "Published 2024-W10 as version 2."
	expect_eq "$(sql data/cinema.db "SELECT group_concat(version || ':' || current) FROM weeks WHERE week='2024-W10'")" "1:0,2:1" "old version kept"
	expect_eq "$(sql data/cinema.db "SELECT details FROM weeks WHERE week='2024-W10' AND version=1")" "$before" "version 1 unchanged"
}

test_pin_and_exclude() {
	setup
	run "$MARQUEE" override pin --week 2024-W10 --film t:904
	expect_status 0
	run "$MARQUEE" override exclude --week 2024-W10 --film t:901
	expect_status 0
	run "$MARQUEE" select --week 2024-W10
	expect_status 0
	expect_stdout "Tiny One"
	expect_stdout "[pinned]"
	expect_stdout "Big One                                      "
	expect_stdout "excluded by the manager"
	run "$MARQUEE" select --week 2024-W10 --json
	expect_stdout '"Pinned by the manager for this week."'
	run "$MARQUEE" override clear --week 2024-W10 --film t:901
	run "$MARQUEE" override clear --week 2024-W10 --film t:904
	run "$MARQUEE" select --week 2024-W10
	expect_stdout "Screen 1   120 seats  Big One"
	run "$MARQUEE" override frob --week 2024-W10 --film x
	expect_status 2
	# a key no film has is refused; a film of another week, or a week
	# already published, is recorded with a word of warning
	run "$MARQUEE" override pin --week 2024-W10 --film t:9999
	expect_status 1
	expect_stderr 'no film has the key "t:9999"'
	expect_eq "$(sql data/cinema.db 'SELECT count(*) FROM overrides')" 0 "nothing recorded for an unknown key"
	run "$MARQUEE" override pin --week 2024-W10 --film t:905
	expect_status 0
	expect_stderr "Lonely One (t:905) is released on 2024-03-20, not in 2024-W10"
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" override exclude --week 2024-W10 --film t:902
	expect_status 0
	expect_stderr "2024-W10 is already published"
}

test_single_and_empty_weeks() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	expect_status 0
	run "$MARQUEE" select --week 2024-W12 --json
	expect_status 0
	expect_stdout "Only 1 new release this week: the best is shown on more than one screen."
	[ "$(grep -c '"title":	"Lonely One"' "$T/.out")" -ge 2 ] || fail "Lonely One is not on both screens"
	run "$MARQUEE" select --week 2024-W11 --json
	expect_status 0
	expect_stdout "No new release this week: last week's best film, Big One (2024-W10), stays on."
	expect_stdout '"holdover":	true'
	# Only the week just before can hold a film over: not one of years ago.
	run "$MARQUEE" select --week 2024-W14 --json
	expect_status 0
	expect_stdout "No new release this week, and nothing was published for the week before"
	if grep -q '"holdover":	true' "$T/.out"; then fail "a film held over from an older week"; fi
}

test_actuals_add_and_errors() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" actuals add --week 2024-W10 --film "big one" --admissions 1500 --revenue 15000
	expect_status 0
	expect_stdout "actuals: 1 recorded, 0 already known"
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 1500 --revenue 15000
	expect_stdout "0 recorded, 1 already known"
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 1600
	expect_status 1
	expect_stderr "1500 admissions are already recorded; a different figure (1600) is refused"
	run "$MARQUEE" actuals add --week 2024-W10 --film "No Such Film" --admissions 5
	expect_status 1
	expect_stderr 'no film "No Such Film" among the candidates published for 2024-W10'
	run "$MARQUEE" actuals add --week 2024-W11 --film t:901 --admissions 5
	expect_status 1
	expect_stderr "week 2024-W11 was never published"
	run "$MARQUEE" actuals add --week 2024-W10 --film t:902 --admissions -5
	expect_status 1
	expect_stderr 'admissions "-5": negative number'
	# more than every seat of every show of the week
	run "$MARQUEE" actuals add --week 2024-W10 --film t:902 --admissions 5000000
	expect_status 1
	expect_stderr "seats a week"
	run "$MARQUEE" actuals add --week 2024-W10 --film t:902 --admissions 100000000000000000000
	expect_status 1
	expect_stderr "seats a week"
	expect_eq "$(sql data/cinema.db 'SELECT count(*) FROM actuals')" 1 "no absurd figure recorded"
	run "$MARQUEE" actuals add --week 2024-W10 --film t:902
	expect_status 2
}

test_actuals_import_is_idempotent_and_atomic() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	printf 'week,film,admissions,revenue\n2024-W10,t:901,1500,15000\n2024-W10,Middle One,"1 200",\n' >a.csv
	run "$MARQUEE" actuals import a.csv
	expect_status 0
	expect_stdout "actuals: 2 recorded, 0 already known"
	run "$MARQUEE" actuals import a.csv
	expect_status 0
	expect_stdout "actuals: 0 recorded, 2 already known"
	printf 'week,film,admissions\n2024-W10,t:903,10\n2024-W10,t:904,oops\n' >b.csv
	run "$MARQUEE" actuals import b.csv
	expect_status 1
	expect_stderr 'b.csv:3: admissions "oops": not a number'
	expect_eq "$(sql data/cinema.db 'SELECT count(*) FROM actuals')" 2 "the good row of a failed file is not kept"
	printf 'week,admissions\n' >c.csv
	run "$MARQUEE" actuals import c.csv
	expect_status 1
	expect_stderr 'c.csv:1: no "film" column'
}

test_content_pages_and_manager_pages() {
	setup
	mkdir -p content
	printf -- '---\ntitle: About\n---\nOur cinema.\n' >content/about.md
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" content
	expect_status 0
	for f in _index.md weeks/2024-W10.md weeks/_index.md films/big-one-2024.md history.md model.md; do
		[ -f "content/$f" ] || fail "content/$f missing"
		head -2 "content/$f" | grep -q "Generated by marquee" || fail "content/$f not marked"
	done
	expect_eq "$(cat content/about.md)" "$(printf -- '---\ntitle: About\n---\nOur cinema.')" "manager's page untouched"
	sum1=$(cat content/*.md content/*/*.md | md5sum)
	run "$MARQUEE" content
	sum2=$(cat content/*.md content/*/*.md | md5sum)
	expect_eq "$sum2" "$sum1" "content regenerated identically"
	# A stale generated page goes; a manager's page stays.
	cp content/films/big-one-2024.md content/films/gone-2020.md
	printf -- '---\ntitle: Mine\n---\n' >content/films/mine.md
	run "$MARQUEE" content
	[ ! -f content/films/gone-2020.md ] || fail "stale generated page kept"
	[ -f content/films/mine.md ] || fail "manager's page removed"
}

test_share_calibrates_toward_actuals() {
	setup
	run "$MARQUEE" publish --week 2024-W10 --json
	national=$(sql data/cinema.db "SELECT national FROM candidates WHERE week='2024-W10' AND film_key='t:902'")
	# Record twice the configured share (0.002) of the prediction, below capacity.
	adm=$(awk -v n="$national" 'BEGIN { printf "%d", n * 0.004 }')
	run "$MARQUEE" actuals add --week 2024-W10 --film t:902 --admissions "$adm"
	expect_status 0
	run "$MARQUEE" select --week 2024-W12 --json
	share=$(sed -n 's/.*"value":	\([0-9.e-]*\).*/\1/p' "$T/.out" | head -1)
	# One observation against a prior of 8 weeks: exp((ln(adm / national) + 8 ln 0.002) / 9).
	want=$(awk -v a="$adm" -v n="$national" 'BEGIN { printf "%.6f", exp((log(a / n) + 8 * log(0.002)) / 9) }')
	got=$(awk -v s="$share" 'BEGIN { printf "%.6f", s }')
	expect_eq "$got" "$want" "calibrated share"
	expect_stdout '"source":	"calibrated"'
}

test_records_export_restore_round_trip() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 1500
	run "$MARQUEE" override exclude --week 2024-W12 --film t:905 --note "print not delivered"
	run "$MARQUEE" records export
	expect_status 0
	[ "$(wc -l <records/cinema/weeks.jsonl)" -eq 1 ] || fail "one week exported"
	grep -q '"note":"print not delivered"' records/cinema/overrides.jsonl || fail "override exported"
	mkdir fresh
	cp h.csv marquee.yml fresh/
	run "$MARQUEE" -C fresh records restore --dir ../records/cinema
	expect_status 0
	expect_stdout "rows restored"
	run "$MARQUEE" -C fresh records export --dir ../again
	diff -r records/cinema again >/dev/null || fail "export after restore differs"
	run "$MARQUEE" records restore
	expect_status 1
	expect_stderr "cinema.db already holds"
	# A damaged file restores nothing.
	mkdir bad && cp records/cinema/*.jsonl bad/
	printf '{"week":"2024-W10","film_key":"t:902","bogus":1}\n' >>bad/actuals.jsonl
	mkdir fresh2 && cp marquee.yml fresh2/
	run "$MARQUEE" -C fresh2 records restore --dir ../bad
	expect_status 1
	expect_stderr "bad/actuals.jsonl:2: a column is not in table actuals"
	expect_eq "$(sql fresh2/data/cinema.db 'SELECT count(*) FROM weeks')" 0 "nothing restored"
	# Values of the wrong type or form restore nothing either.
	for bad_row in '{"week":"2024-W10","film_key":"t:902","admissions":"lots","recorded_at":"x","source":"y"}' \
		'{"week":"2024-W10","film_key":"t:902","admissions":12.75,"recorded_at":"x","source":"y"}' \
		'{"week":"not-a-week","film_key":"t:902","admissions":12,"recorded_at":"x","source":"y"}' \
		'{"week":"2024-W10","film_key":"t:999","admissions":12,"recorded_at":"x","source":"y"}'; do
		rm -rf bad2 fresh4 && mkdir bad2 fresh4 && cp records/cinema/*.jsonl bad2/ && cp marquee.yml fresh4/
		printf '%s\n' "$bad_row" >>bad2/actuals.jsonl
		run "$MARQUEE" -C fresh4 records restore --dir ../bad2
		expect_status 1
		expect_stderr "bad2/actuals.jsonl:2:"
		expect_eq "$(sql fresh4/data/cinema.db 'SELECT count(*) FROM weeks')" 0 "nothing restored from $bad_row"
	done
	# A mistyped folder, or one missing a table's file, restores nothing:
	# an empty restore would make the next export wipe the records.
	mkdir fresh3 && cp marquee.yml fresh3/
	run "$MARQUEE" -C fresh3 records restore --dir ../records/cinema-typo
	expect_status 1
	expect_stderr "records/cinema-typo/weeks.jsonl: missing"
	mkdir partial && cp records/cinema/*.jsonl partial/ && rm partial/picks.jsonl
	run "$MARQUEE" -C fresh3 records restore --dir ../partial
	expect_status 1
	expect_stderr "partial/picks.jsonl: missing"
	expect_eq "$(sql fresh3/data/cinema.db 'SELECT count(*) FROM weeks')" 0 "nothing restored from a partial folder"
}

test_records_export_full_disk_keeps_the_previous_set() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" records export
	expect_status 0
	before=$(cat records/cinema/*.jsonl | sha256sum)
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 1500
	run "$MARQUEE" publish --week 2024-W12
	# the third file fails to write: none of the five may change
	MARQUEE_FAULT=write:3 run "$MARQUEE" records export
	expect_status 1
	expect_eq "$(cat records/cinema/*.jsonl | sha256sum)" "$before" "records after a failed export"
	[ -z "$(ls -A records/cinema | grep -v '\.jsonl$')" ] || fail "temporary files left behind"
	run "$MARQUEE" records export
	expect_status 0
	grep -q '2024-W12' records/cinema/weeks.jsonl || fail "the export works once the disk has room"
}

test_commands_started_together_on_new_stores() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	printf 'title,release_date,us_gross\nA,2020-01-01,5\n' >one.csv
	for i in 1 2 3 4 5 6; do
		mkdir "d$i" && cp marquee.yml one.csv "d$i/"
		"$MARQUEE" -C "d$i" -q import --source a one.csv >"d$i/o1" 2>"d$i/e1" &
		"$MARQUEE" -C "d$i" -q import --source b one.csv >"d$i/o2" 2>"d$i/e2" &
		"$MARQUEE" -C "d$i" -q import --source c one.csv >"d$i/o3" 2>"d$i/e3" &
		wait
		cat "d$i"/e1 "d$i"/e2 "d$i"/e3 >"$T/.err"
		[ -s "$T/.err" ] && fail "three commands on new stores: an error in round $i"
	done
	true
}

test_overrides_from_configuration() {
	setup
	cat >>marquee.yml <<'YML'
overrides:
  - { week: 2024-W10, film: "t:903", action: pin }
YML
	run "$MARQUEE" select --week 2024-W10
	expect_status 0
	expect_stdout "Small One"
	expect_stdout "[pinned]"
	printf 'overrides:\n  - { week: 2024-W10, film: x, action: maybe }\n' >marquee.yml
	run "$MARQUEE" select --week 2024-W10
	expect_status 1
	expect_stderr "marquee.yml:2: overrides: item 1 needs week (YYYY-Www), film (its key) and action (pin or exclude)"
}

test_bad_cinema_configuration_names_key() {
	setup
	printf 'cinema:\n  screens:\n    - { name: A, seats: lots }\n' >marquee.yml
	run "$MARQUEE" select --week 2024-W10
	expect_status 1
	expect_stderr "marquee.yml:3: cinema.screens: screen 1 needs seats"
	printf 'cinema:\n  week_starts: someday\n' >marquee.yml
	run "$MARQUEE" select --week 2024-W10
	expect_status 1
	expect_stderr 'cinema.week_starts: "someday" is not a weekday'
	printf 'cinema:\n  ticket_price: -3\n' >marquee.yml
	run "$MARQUEE" select --week 2024-W10
	expect_status 1
	expect_stderr 'cinema.ticket_price: "-3" is not a number from 0 to 1000'
}

test_content_full_disk_changes_nothing() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" content
	expect_status 0
	before=$(find content -type f | sort | xargs sha256sum | sha256sum)
	run "$MARQUEE" publish --week 2024-W12
	MARQUEE_FAULT=write:3 run "$MARQUEE" content
	expect_status 1
	expect_stderr "write failed: No space left on device"
	expect_eq "$(find content -type f | sort | xargs sha256sum | sha256sum)" "$before" "content after a full disk"
	find content -name '*.tmp.*' | grep -q . && fail "temporary files left behind"
	# killed in the middle, it may leave a temporary file: hidden, so that
	# the site build takes it for no page
	MARQUEE_FAULT=write:2:kill run "$MARQUEE" content
	expect_eq "$(find content -type f ! -name '.*' | sort | xargs sha256sum | sha256sum)" "$before" "content after a crash"
	find content -name '*.tmp.*' ! -name '.*' | grep -q . && fail "a visible temporary file"
	run "$MARQUEE" content
	expect_status 0
	[ -f content/weeks/2024-W12.md ] || fail "the new week is written once the disk has room"
}

test_weekly_runs_the_whole_job() {
	setup
	mkdir -p records
	run "$MARQUEE" weekly --week 2024-W10
	expect_status 0
	expect_stdout "publish: 2024-W10 as version 1"
	expect_stdout "train: not needed, model 1 learnt from the same data"
	[ -f site/index.html ] || fail "no site built"
	grep -q "Big One" site/index.html || fail "the home page does not show the pick"
	# The manager enters what happened; the next run imports it and keeps the week.
	printf 'week,film,admissions\n2024-W10,Big One,1234\n' >records/actuals.csv
	run "$MARQUEE" weekly --week 2024-W10
	expect_status 0
	expect_stdout "actuals: 1 recorded, 0 already known"
	expect_stdout "2024-W10 is already published (version 1): kept as it is"
	expect_eq "$(sql data/cinema.db "SELECT admissions FROM actuals WHERE week='2024-W10'")" 1234 "recorded"
	grep -q "1,234" site/weeks/2024-W10/index.html || fail "the week page does not show what happened"
	# A bad line in the manager's file stops the job before anything else.
	printf '2024-W10,Middle One,-3\n' >>records/actuals.csv
	run "$MARQUEE" weekly --week 2024-W10
	expect_status 1
	expect_stderr 'records/actuals.csv:3: admissions "-3": negative number'
}

test_french_site_speaks_french() {
	setup
	printf 'site:\n  language: fr\n' >>marquee.yml
	run "$MARQUEE" publish --week 2024-W10 --json
	expect_status 0
	expect_stdout '"title":	"Semaine 2024-W10"'
	expect_stdout "La fréquentation attendue ici est celle de tout le pays"
	expect_stdout "$(printf 'Prévision\302\240: ')"
	expect_stdout "entrées de première semaine"
	# numbers inside French sentences are French: a decimal comma
	grep -q 'part de ce cinéma, 0,[0-9]' "$T/.out" || fail "a decimal point in a French sentence"
	grep -q "Predicted" "$T/.out" && fail "English left in a French week"
	run "$MARQUEE" content
	expect_status 0
	grep -q '"title":"Historique"' content/history.md || fail "history title not French"
	run "$MARQUEE" build
	expect_status 0
	grep -q 'lang="fr"' site/index.html || fail "the site is not marked French"
}

test_content_with_nothing_published() {
	setup
	run "$MARQUEE" content
	expect_status 0
	# Every film of the history has a page, published or not.
	expect_stdout "content: 0 weeks, 125 films"
	grep -q "Nothing has been published yet" content/_index.md || fail "the home page does not say so"
	mkdir -p content/empty-section
	run "$MARQUEE" build
	expect_status 0
}

test_weekly_unattended() {
	setup
	# A dry run stores, publishes and builds nothing, and says what it would show.
	before=$(sqlite3 data/analytics.db .dump | md5sum)
	run "$MARQUEE" weekly --week 2024-W10 --dry-run
	expect_status 0
	expect_stdout "dry run: 2024-W10 would show:"
	expect_stdout "Screen 1: Big One"
	expect_eq "$(sql data/cinema.db 'SELECT count(*) FROM weeks')" 0 "published by a dry run"
	expect_eq "$(sqlite3 data/analytics.db .dump | md5sum)" "$before" "analytics.db after a dry run"
	[ ! -e site ] || fail "a dry run built the site"
	# A week without any release is an error, and nothing is published.
	run "$MARQUEE" weekly --week 2024-W11
	expect_status 1
	expect_stderr "2024-W11 (2024-03-13 to 2024-03-19) has no release to choose from: nothing is published"
	expect_stderr "TMDB_API_KEY"
	expect_eq "$(sql data/cinema.db 'SELECT count(*) FROM weeks')" 0 "published for an empty week"
	# National figures waiting in the inbox are imported and put aside.
	mkdir imports
	printf 'import:\n  source: t\n' >>marquee.yml
	printf 'id,title,release_date,first_week_admissions\n990,Late Entry,2024-02-28,1000\n' >imports/late.csv
	run "$MARQUEE" weekly --week 2024-W10
	expect_status 0
	expect_stdout "import: 1 file from imports/"
	expect_stdout "train: model 2 ("
	[ -f imports/imported/late.csv ] && [ ! -f imports/late.csv ] || fail "the imported file was not put aside"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM films WHERE title = 'Late Entry'")" 1 "imported"
	# One run at a time: a held lock stops the second with who holds it.
	( exec 9>data/.weekly.lock; flock 9; echo "process 4242, since then" >&9; sleep 3 ) &
	sleep 0.5
	run "$MARQUEE" weekly --week 2024-W10
	expect_status 1
	expect_stderr "another run holds data/.weekly.lock (process 4242, since then)"
	wait
}

# Two films with one slug shared one page: each content run rewrote it for
# the other film. Slugs are given, unique, when a film is first stored;
# films stored before get theirs when the store is migrated.
slug_films() {
	cat >s.csv <<'CSV'
id,title,release_date,first_week_admissions
1,Twin,2024-01-10,100
2,Twin!,2024-01-10,200
3,千と千尋の神隠し,2024-01-10,300
4,もののけ姫,2024-01-10,400
5,Война и мир,2024-01-10,500
CSV
}

# Every film of analytics.db has one page in content/films, and no two
# pages are one film's: prints what is wrong, nothing when all is well.
film_pages_wrong() {
	films=$(sql data/analytics.db 'SELECT count(*) FROM films')
	for p in content/films/*.md; do
		[ "$(basename "$p")" = _index.md ] && continue
		grep -o '"key":"[^"]*"' "$p" | head -n 1
	done | sort >film-pages.txt
	[ "$(wc -l <film-pages.txt)" -eq "$films" ] ||
		echo "$(wc -l <film-pages.txt) film pages for $films films"
	dup=$(uniq -d film-pages.txt)
	[ -z "$dup" ] || echo "films with more than one page: $dup"
}

# The page (or pages) whose own key, not a similar film's, is $1.
film_page() {
	for p in content/films/*.md; do
		[ "$(grep -o '"key":"[^"]*"' "$p" | head -n 1)" = "\"key\":\"$1\"" ] && echo "$p"
	done
}

test_slugs_of_films_stored_before_the_column() {
	slug_films
	run "$MARQUEE" import --source s s.csv
	expect_status 0
	# as a store made before slugs were stored
	sqlite3 data/analytics.db 'DROP INDEX films_slug; ALTER TABLE films DROP COLUMN slug; PRAGMA user_version = 4'
	run "$MARQUEE" status
	expect_status 0
	expect_eq "$(sql data/analytics.db "SELECT group_concat(slug, ' ') FROM (SELECT slug FROM films ORDER BY id)" | sed 's/film-[0-9a-f]*/film-ID/g')" \
		"twin-2024 twin-2024-2 film-ID-2024 film-ID-2024 voyna-i-mir-2024" "slugs filled"
	expect_eq "$(sql data/analytics.db 'SELECT count(DISTINCT slug) FROM films')" 5 "unique"
}

# A store as main left it before slugs were stored (analytics.db at schema
# 4, cinema.db at 1), with a week published and its pages written, is
# brought to 5 and 2 by the next command: every film gets a unique slug,
# the published films keep their pages, and the next film stored gets a
# slug of its own.
test_a_store_before_slugs_migrates_in_order() {
	setup
	slug_films
	sed -i 's/2024-01-10/2024-04-17/' s.csv
	run "$MARQUEE" import --source s s.csv
	run "$MARQUEE" publish --week 2024-W16
	expect_status 0
	sqlite3 data/analytics.db 'DROP INDEX films_slug; ALTER TABLE films DROP COLUMN slug; PRAGMA user_version = 4'
	sqlite3 data/cinema.db 'DROP INDEX candidates_slug; DROP INDEX candidates_film; PRAGMA user_version = 1'
	published=$(sqlite3 data/cinema.db "SELECT group_concat(film_key || '=' || slug, ' ') FROM (SELECT film_key, slug FROM candidates WHERE week = '2024-W16' ORDER BY film_key)")
	[ -n "$published" ] || fail "no week published"
	run "$MARQUEE" content
	expect_status 0
	expect_eq "$(sql data/analytics.db 'PRAGMA user_version')" 5 "analytics.db migrated"
	expect_eq "$(sql data/cinema.db 'PRAGMA user_version')" 2 "cinema.db migrated"
	expect_eq "$(sql data/analytics.db 'PRAGMA integrity_check')" ok "analytics.db whole"
	expect_eq "$(sql data/cinema.db 'PRAGMA integrity_check')" ok "cinema.db whole"
	expect_eq "$(sql data/analytics.db 'SELECT count(*) - count(DISTINCT slug) FROM films')" 0 "unique slugs"
	expect_eq "$(sql data/analytics.db 'SELECT count(*) FROM films WHERE slug IS NULL')" 0 "every film has one"
	wrong=$(film_pages_wrong)
	[ -z "$wrong" ] || fail "not one page per film: $wrong"
	for pair in $published; do
		key=${pair%%=*} slug=${pair#*=}
		expect_eq "$(film_page "$key")" "content/films/$slug.md" "$key keeps its published page"
	done
	printf '7,Twin,2024-04-18,700\n' >>s.csv
	run "$MARQUEE" import --source s s.csv
	expect_status 0
	expect_eq "$(sql data/analytics.db "SELECT slug FROM films WHERE key = 's:7'")" "twin-2024-3" "a new film's own slug"
}

test_slugs_are_unique_when_films_are_stored() {
	setup
	slug_films
	sed -i 's/2024-01-10/2024-04-17/' s.csv
	long=$(awk 'BEGIN { for (i = 0; i < 35; i++) printf "A long title "; }')
	printf '6,%s,2024-04-17,600\n' "$long" >>s.csv
	run "$MARQUEE" import --source s s.csv
	expect_status 0
	expect_eq "$(sql data/analytics.db "SELECT group_concat(slug, ' ') FROM (SELECT slug FROM films WHERE source = 's' ORDER BY id)" | sed 's/film-[0-9a-f]*/film-ID/g')" \
		"twin-2024 twin-2024-2 film-ID-2024 film-ID-2024 voyna-i-mir-2024 a-long-title-a-long-title-a-long-title-a-long-title-a-long-2024" "slugs given when stored"
	run "$MARQUEE" publish --week 2024-W16
	expect_status 0
	run "$MARQUEE" content
	expect_status 0
	wrong=$(film_pages_wrong)
	[ -z "$wrong" ] || fail "not one page per film: $wrong"
	for key in s:1 s:2 s:3 s:4 s:5 s:6; do
		grep -q "^\"key\":\"$key\"\$" film-pages.txt || fail "$key has no page"
	done
	sum1=$(cat content/films/*.md | md5sum)
	run "$MARQUEE" content
	expect_status 0
	expect_eq "$(cat content/films/*.md | md5sum)" "$sum1" "a second run changes nothing"
	# a film stored again (the store rebuilt from its sources) gets the slug
	# it was published with
	rm data/analytics.db*
	sed -i 's/^1,Twin,/1,Twin (new cut),/' s.csv
	run "$MARQUEE" import --source s s.csv
	expect_eq "$(sql data/analytics.db "SELECT slug FROM films WHERE key = 's:1'")" "twin-2024" "the published slug kept"
}

# Weeks published before slugs were unique keep their records as they are;
# content gives each film one page, and every link follows it. A record
# restored from files may hold a slug that is none ("../../x", or one too
# long for a file name): it never leads outside content/.
test_published_slugs_that_clash_get_one_page_each() {
	setup
	slug_films
	sed -i 's/2024-01-10/2024-04-17/' s.csv
	printf '6,Long,2024-04-17,600\n' >>s.csv
	run "$MARQUEE" import --source s s.csv
	run "$MARQUEE" publish --week 2024-W16
	expect_status 0
	slug() { sql data/analytics.db "SELECT slug FROM films WHERE key = '$1'"; }
	long=$(awk 'BEGIN { for (i = 0; i < 30; i++) printf "a-long-title-"; printf "2024" }')
	sqlite3 data/cinema.db "UPDATE weeks SET details = replace(replace(replace(replace(details,
		'\"$(slug s:2)\"', '\"twin-2024\"'), '\"$(slug s:4)\"', '\"$(slug s:3)\"'),
		'\"$(slug s:5)\"', '\"../../escape\"'), '\"$(slug s:6)\"', '\"$long\"')"
	run "$MARQUEE" content
	expect_status 0
	wrong=$(film_pages_wrong)
	[ -z "$wrong" ] || fail "not one page per film: $wrong"
	for key in s:1 s:2 s:3 s:4 s:5 s:6; do
		page=$(film_page "$key")
		[ "$(echo "$page" | wc -l)" -eq 1 ] || fail "$key has not one page: $page"
		name=$(basename "$page" .md)
		[ ${#name} -le 80 ] || fail "$key: a file name of ${#name} bytes"
		grep -q "\"key\":\"$key\",\"slug\":\"$name\"" content/weeks/2024-W16.md ||
			fail "the week does not link $key to $name"
		[ "$(grep -o "\"key\":\"$key\",\"slug\":\"[^\"]*\"" content/weeks/2024-W16.md | sort -u | wc -l)" -eq 1 ] ||
			fail "the week links $key to more than one page"
	done
	[ ! -e escape.md ] && [ ! -e content/escape.md ] || fail "a page written outside content/films"
	expect_eq "$(basename "$(film_page s:1)")" "twin-2024.md" "the first keeps its slug"
	sum1=$(cat content/films/*.md content/weeks/*.md | md5sum)
	run "$MARQUEE" content
	expect_eq "$(cat content/films/*.md content/weeks/*.md | md5sum)" "$sum1" "the same pages at every run"
}

test_content_refuses_to_replace_the_managers_page() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	mkdir -p content
	printf -- '---\ntitle: Our history\n---\nSince 1932.\n' >content/history.md
	run "$MARQUEE" content
	expect_status 1
	expect_stderr 'content/history.md: the page is not one marquee wrote (no "# Generated by marquee" line): it is left as it is; move it away or rename it, and run content again'
	expect_eq "$(cat content/history.md)" "$(printf -- '---\ntitle: Our history\n---\nSince 1932.')" "the manager's page"
	[ ! -e content/_index.md ] || fail "pages written although the run was refused"
}

test_content_never_follows_a_link() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" content
	expect_status 0
	# generated-looking pages in a folder outside content/, linked from it
	mkdir elsewhere
	cp content/films/big-one-2024.md elsewhere/old-film.md
	ln -s ../elsewhere content/archive
	run "$MARQUEE" content
	expect_status 0
	[ -f elsewhere/old-film.md ] || fail "a page deleted through a link"
	[ -L content/archive ] || fail "the link itself removed"
	# a folder it writes into, or a page, that is a link is refused
	rm -r content/films && mkdir outside && ln -s ../outside content/films
	run "$MARQUEE" content
	expect_status 1
	expect_stderr "content/films: a symbolic link: marquee writes only inside content/, never through a link"
	[ -z "$(ls outside)" ] || fail "pages written through a link: $(ls outside)"
	rm content/films && mkdir content/films
	echo 'secret' >outside/model.md
	rm content/model.md && ln -s ../outside/model.md content/model.md
	run "$MARQUEE" content
	expect_status 1
	expect_stderr "content/model.md: a symbolic link"
	expect_eq "$(cat outside/model.md)" "secret" "the file behind the link"
}

# A restore took what its own export cannot give back: non-finite numbers,
# picks of films that were not candidates, bytes that are not UTF-8; and
# numbers lost their last bits on the way.
test_records_restore_round_trips_exactly() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 1500 --revenue 14999.99
	run "$MARQUEE" override exclude --week 2024-W12 --film t:905 --note "print not delivered"
	run "$MARQUEE" records export
	expect_status 0
	mkdir fresh && cp marquee.yml fresh/
	run "$MARQUEE" -C fresh records restore --dir ../records/cinema
	expect_status 0
	expect_eq "$(sqlite3 fresh/data/cinema.db .dump | md5sum)" "$(sqlite3 data/cinema.db .dump | md5sum)" \
		"cinema.db restored bit for bit"
	run "$MARQUEE" -C fresh records export --dir ../again
	diff -r records/cinema again >/dev/null || fail "export, restore, export differ"
	# each kind of row its own export could not give back is refused
	restore_bad() { # FILE SED-EXPRESSION: the export with one file changed
		rm -rf bad fresh2 && mkdir bad fresh2 && cp records/cinema/*.jsonl bad/ && cp marquee.yml fresh2/
		sed -i "$2" "bad/$1"
		run "$MARQUEE" -C fresh2 records restore --dir ../bad
		expect_status 1
		expect_eq "$(sql fresh2/data/cinema.db 'SELECT count(*) FROM weeks')" 0 "nothing restored"
	}
	restore_bad weeks.jsonl 's/"share":[0-9.e-]*/"share":1e999/'
	expect_stderr 'bad/weeks.jsonl:1: share: expected a finite number'
	restore_bad candidates.jsonl '1s/"predicted":[0-9.e+-]*/"predicted":-1e400/'
	expect_stderr 'bad/candidates.jsonl:1: predicted: expected a finite number'
	restore_bad picks.jsonl '1s/"film_key":"[^"]*"/"film_key":"t:999"/'
	expect_stderr 'bad/picks.jsonl:1: t:999 was not among the films published for 2024-W10'
	restore_bad overrides.jsonl "s/print not/print \\xff not/"
	expect_stderr 'bad/overrides.jsonl:1: note: not UTF-8 text'
	restore_bad overrides.jsonl 's/print not/print \\u001b[31m not/'
	expect_stderr 'bad/overrides.jsonl:1: note: a control character (U+001B)'
	# nor can such a text be recorded in the first place
	run "$MARQUEE" override exclude --week 2024-W12 --film t:905 --note "$(printf 'bad \377')"
	expect_status 2
	expect_stderr "--note: not UTF-8 text"
}

test_actuals_replace_corrects_a_figure() {
	setup
	run "$MARQUEE" publish --week 2024-W10
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 1500 --revenue 15000
	expect_status 0
	run "$MARQUEE" actuals add --week 2024-W10 --film t:901 --admissions 1600
	expect_status 1
	expect_stderr "1500 admissions are already recorded; a different figure (1600) is refused: --replace corrects it"
	run "$MARQUEE" actuals add --replace --week 2024-W10 --film t:901 --admissions 1600 --revenue 16000
	expect_status 0
	expect_stdout "actuals: 0 recorded, 0 already known, 1 corrected"
	expect_stdout "2024-W10, Big One: 1500 admissions corrected to 1600"
	expect_eq "$(sql data/cinema.db "SELECT admissions || ' ' || revenue FROM actuals WHERE week='2024-W10'")" "1600 16000.0" "corrected"
	printf 'week,film,admissions\n2024-W10,t:901,1700\n2024-W10,t:902,800\n' >a.csv
	run "$MARQUEE" actuals import a.csv
	expect_status 1
	run "$MARQUEE" actuals import --replace a.csv
	expect_status 0
	expect_stdout "actuals: 1 recorded, 0 already known, 1 corrected"
	expect_eq "$(sql data/cinema.db "SELECT group_concat(admissions) FROM actuals WHERE week='2024-W10'")" "1700,800" "corrected from a file"
}
