# `marquee import`: CSV and vega JSON, errors, idempotence, atomicity.

films() { sql data/analytics.db 'SELECT count(*) FROM films'; }

good_csv() {
	cat >films.csv <<'CSV'
id,title,release_date,runtime_min,genres,director,cast,distributor,countries,languages,budget_usd,first_week_admissions
1,"Amélie, encore",2020-01-08,122,Comédie;Romance,Jean-Pierre Jeunet,Audrey Tautou;Mathieu Kassovitz,UGC,France,Français,"10 000 000",250 000
2,"Le ""Grand"" Soir",2020-01-15,95,Drame,Anne Réal,Jean Dupont,Pathé,France;Belgique,Français,,120 000
3,Night Run,2020-01-15,101,Thriller,Sam Doe,Ann Roe;Bob Poe,Warner,U.S.A.,Anglais,35000000,310000
CSV
}

test_loads_canonical_csv() {
	good_csv
	run "$MARQUEE" import --source fr films.csv
	expect_status 0
	expect_stdout "films.csv: 3 films loaded, 0 updated, 0 unchanged, 0 rejected"
	expect_stdout "outcome columns: first_week_admissions"
	expect_eq "$(films)" 3 "films stored"
	expect_eq "$(sql data/analytics.db "SELECT title FROM films WHERE source_id='2'")" 'Le "Grand" Soir' "quoted title"
	expect_eq "$(sql data/analytics.db "SELECT value FROM outcomes o JOIN films f ON f.id=o.film_id WHERE f.source_id='1'")" "250000.0" "thousands separators"
	expect_eq "$(sql data/analytics.db "SELECT budget_usd FROM films WHERE source_id='1'")" "10000000.0" "budget"
	expect_eq "$(sql data/analytics.db "SELECT group_concat(p.name, '|') FROM credits c JOIN people p ON p.id=c.person_id JOIN films f ON f.id=c.film_id WHERE f.source_id='3' AND c.role='cast' ORDER BY c.ord")" "Ann Roe|Bob Poe" "cast list"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM film_countries fc JOIN films f ON f.id=fc.film_id WHERE f.source_id='2'")" 2 "two countries"
}

test_reimport_changes_nothing() {
	good_csv
	run "$MARQUEE" import --source fr films.csv
	before=$(sqlite3 data/analytics.db .dump | md5sum)
	run "$MARQUEE" import --source fr films.csv
	expect_status 0
	expect_stdout "0 films loaded, 0 updated, 3 unchanged, 0 rejected"
	after=$(sqlite3 data/analytics.db .dump | md5sum)
	expect_eq "$after" "$before" "store after re-import"
	sed -i 's/310000/320000/' films.csv
	run "$MARQUEE" import --source fr films.csv
	expect_stdout "0 films loaded, 1 updated, 2 unchanged, 0 rejected"
	expect_eq "$(films)" 3 "no duplicate film"
}

test_rows_without_id_key_on_title_and_date() {
	printf 'title,release_date,us_gross\nA,2020-01-01,5\nA,2020-01-01,6\nA,2021-01-01,7\n' >a.csv
	run "$MARQUEE" import a.csv
	expect_status 0
	expect_stdout "2 films loaded"
	expect_stderr "a.csv:3: \"A\" repeats the film of a.csv:2 (same title and release date)"
	# across two files of one command, the message names the first file
	printf 'title,release_date,us_gross\nB,2020-02-02,5\n' >b.csv
	printf 'title,release_date,us_gross\nC,2020-03-03,5\nB,2020-02-02,6\n' >c.csv
	run "$MARQUEE" import b.csv c.csv
	expect_stderr "c.csv:3: \"B\" repeats the film of b.csv:2 (same title and release date)"
}

test_every_csv_error_class() {
	cat >bad.csv <<'CSV'
title,release_date,runtime_min,first_week_admissions
Good,2020-01-01,100,5000
Bad quote"s,2020-01-01,100,1
"Closed"x,2020-01-01,100,1
Too,many,fields,here,extra
Bad date,31/02/2020,100,1
Negative,2020-01-01,100,-3
Runtime,2020-01-01,abc,1
,2020-01-01,100,1
No date,,100,1
Also good,2020-01-08,,7 500
CSV
	run "$MARQUEE" import bad.csv
	expect_status 0
	expect_stdout "bad.csv: 2 films loaded, 0 updated, 0 unchanged, 8 rejected"
	expect_stderr "bad.csv:3: quote inside unquoted field 1"
	expect_stderr "bad.csv:4: unexpected character after the closing quote of field 1"
	expect_stderr "bad.csv:5: 5 fields, but the header has 4"
	expect_stderr 'marquee: import: bad.csv:6: bad date "31/02/2020"'
	expect_stderr 'bad.csv:7: first_week_admissions "-3": negative number'
	expect_stderr 'bad.csv:8: runtime "abc" is not a number'
	expect_stderr "bad.csv:9: no title"
	expect_stderr "bad.csv:10: no release date"
}

test_unterminated_quote() {
	printf 'title,release_date\nA,2020-01-01\n"B,2020-01-01\nC,2020-01-01\n' >q.csv
	run "$MARQUEE" import q.csv
	expect_status 0
	expect_stderr "q.csv:3: unterminated quoted field 1 (its quote opens on line 3)"
	expect_stdout "1 films loaded"
}

test_strict_fails_whole_import() {
	printf 'title,release_date\nA,2020-01-01\nB,2020-13-01\n' >s.csv
	run "$MARQUEE" import --strict s.csv
	expect_status 1
	expect_stderr "s.csv:3: bad date"
	expect_stderr "1 rejected rows with --strict: nothing was stored"
	expect_eq "$(films)" 0 "nothing stored"
}

test_map_and_its_errors() {
	printf 'jp_id,titre,sortie,entrees\n7,A,2020-01-01,10\n' >m.csv
	run "$MARQUEE" import --source jp --map id=jp_id --map title=titre --map release_date=sortie --map first_week_admissions=entrees m.csv
	expect_status 0
	expect_stdout "1 films loaded"
	expect_eq "$(sql data/analytics.db "SELECT metric FROM outcomes")" "first_week_admissions" "outcome renamed"
	run "$MARQUEE" import --map title=nonesuch --map release_date=sortie m.csv
	expect_status 1
	expect_stderr 'm.csv:1: --map title=nonesuch: the header has no column "nonesuch"'
	run "$MARQUEE" import --map Bad-Name=titre m.csv
	expect_status 2
	expect_stderr "is neither a canonical column"
	run "$MARQUEE" import --map title m.csv
	expect_status 2
	run "$MARQUEE" import --source jp m.csv
	expect_status 1
	expect_stderr 'm.csv:1: no "title" column; name it with --map title=HEADER'
}

test_empty_and_binary_files() {
	: >empty.csv
	run "$MARQUEE" import empty.csv
	expect_status 1
	expect_stderr "empty.csv: empty file"
	head -c 3000 /dev/urandom >garbage.csv
	printf '\0' >>garbage.csv
	run "$MARQUEE" import garbage.csv
	expect_status 1
	expect_stderr "garbage.csv:"
	printf 'title,release_date\nA\377B,2020-01-01\nC\0D,2020-01-01\nGood,2020-01-01\n' >bin.csv
	run "$MARQUEE" import bin.csv
	expect_status 0
	expect_stderr 'bin.csv:2: column "title": not UTF-8 text'
	expect_stderr "bin.csv:3: binary data (a NUL byte)"
	run "$MARQUEE" import does-not-exist.csv
	expect_status 1
	expect_stderr "does-not-exist.csv: No such file or directory"
}

test_failure_on_row_n_leaves_stores_unchanged() {
	good_csv
	run "$MARQUEE" import --source fr films.csv
	before=$(sqlite3 data/analytics.db .dump | md5sum)
	sed -i 's/310000/999999/' films.csv
	printf '4,New,2020-02-01,90,,,,,,,,1000\n' >>films.csv
	MARQUEE_FAULT=import-row:3 run "$MARQUEE" import --source fr films.csv
	expect_status 1
	expect_stderr "films.csv:4: injected fault"
	expect_stderr "import failed: nothing was stored"
	after=$(sqlite3 data/analytics.db .dump | md5sum)
	expect_eq "$after" "$before" "store after a failed import"
}

test_killed_import_leaves_stores_unchanged() {
	good_csv
	run "$MARQUEE" import --source fr films.csv
	before=$(sqlite3 data/analytics.db .dump | md5sum)
	printf '4,New,2020-02-01,90,,,,,,,,1000\n' >>films.csv
	MARQUEE_FAULT=import-row:4:kill run "$MARQUEE" import --source fr films.csv
	[ "$status" -eq 137 ] || fail "expected death by SIGKILL, got $status"
	after=$(sqlite3 data/analytics.db .dump | md5sum)
	expect_eq "$after" "$before" "store after a killed import"
	run "$MARQUEE" import --source fr films.csv
	expect_status 0
	expect_stdout "1 films loaded, 0 updated, 3 unchanged"
}

test_dry_run_stores_nothing() {
	good_csv
	run "$MARQUEE" import --source fr --dry-run films.csv
	expect_status 0
	expect_stdout "3 films loaded"
	expect_stdout "dry run: nothing was stored"
	expect_eq "$(films)" 0 "nothing stored"
}

test_vega_errors_are_stated() {
	cat >movies.json <<'JSON'
[
  {"Title": "Fine", "US Gross": 1000, "Production Budget": 500, "Release Date": "Jun 12 1998", "Major Genre": "Drama", "Director": "X Y", "Running Time min": 90, "MPAA Rating": "R", "Distributor": "Z"},
  {"Title": "Zero", "US Gross": 0, "Release Date": "Jun 12 1998"},
  {"Title": "Old", "US Gross": 5, "Release Date": "Dec 31 2046"},
  {"Title": 1776, "US Gross": 5, "Release Date": "Nov 09 1972"},
  {"Title": null, "US Gross": 5, "Release Date": "Nov 09 1972"},
  {"Title": "Soon", "US Gross": 5, "Release Date": "Jan 28 2011"},
  {"Title": "Nonsense", "US Gross": 5, "Release Date": "Feb 30 1999"},
  {"Title": "No gross", "US Gross": null, "Release Date": "Feb 03 1999"},
  {"Title": "   ", "US Gross": 5, "Release Date": "Jun 12 1998"},
  {"Title": "Huge", "US Gross": 1e300, "Release Date": "Jun 12 1998"},
  {"Title": "Owing", "US Gross": -5, "Release Date": "Jun 12 1998"},
  {"Title": "Bell\u0007", "US Gross": 5, "Release Date": "Jun 12 1998"},
  {"Title": "  Padded  ", "US Gross": 5, "Release Date": "Jun 12 1998"}
]
JSON
	run "$MARQUEE" import movies.json
	expect_status 0
	expect_stdout "movies.json: 4 films loaded, 0 updated, 0 unchanged, 9 rejected"
	expect_stderr 'movies.json:10: no title'
	expect_stderr 'movies.json:11: "Huge": US gross 1e+300 is more than any film has made'
	expect_stderr 'movies.json:12: "Owing": US gross -5 is negative'
	expect_stderr 'movies.json:13: "Title": a control character (U+0007)'
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM films WHERE title='Padded'")" 1 "title trimmed"
	expect_stdout "2 records repaired"
	expect_stderr 'movies.json:3: "Zero": US gross is 0 (no box-office figure)'
	expect_stderr 'movies.json:4: "Old": release date "Dec 31 2046" is after the data set was compiled (2010); read as 1946'
	expect_stderr 'movies.json:5: title is the number 1776'
	expect_stderr 'movies.json:6: no title'
	expect_stderr 'movies.json:7: "Soon": release date "Jan 28 2011" is after the data set was compiled'
	expect_stderr 'movies.json:8: "Nonsense": bad date "Feb 30 1999"'
	expect_stderr 'movies.json:9: "No gross": no US gross'
	expect_eq "$(sql data/analytics.db "SELECT release_date FROM films WHERE title='Old'")" "1946-12-31" "repaired date"
	printf '[{"Title": "A", "US Gross": 1, "Release Date": "Jun 12 1998"}' >trunc.json
	run "$MARQUEE" import trunc.json
	expect_status 1
	expect_stderr "trunc.json:1: the JSON array is not closed"
}

test_vega_demo_file() {
	f="$ROOT/.cache/vega-datasets-3.2.1/movies.json"
	[ -f "$f" ] || skip "demo data not cached (make demo-data)"
	run "$MARQUEE" import "$f"
	expect_status 0
	expect_stdout "3127 films loaded, 0 updated, 0 unchanged, 74 rejected"
	expect_stdout "27 records repaired"
	run "$MARQUEE" import "$f"
	expect_stdout "0 films loaded, 0 updated, 3127 unchanged, 74 rejected"
}

test_french_file() {
	need_shared data/fr_first_week_2020_2024h1.csv
	run "$MARQUEE" import --source jp --map id=jp_id --map release_date=release_fr \
		--map countries=nationality --map us_gross=us_gross_usd \
		"$SHARED/data/fr_first_week_2020_2024h1.csv"
	expect_status 0
	expect_stdout "1378 films loaded, 0 updated, 0 unchanged, 0 rejected"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM outcomes WHERE metric='first_week_admissions'")" 1378 "first-week admissions"
	# The columns added to the file in 2026: two canonical, one outcome.
	expect_eq "$(sql data/analytics.db "SELECT count(*) > 1300 FROM films WHERE overview <> ''")" 1 "synopses"
	expect_eq "$(sql data/analytics.db "SELECT count(*) > 500 FROM films WHERE production_year > 1900")" 1 "production years"
	expect_eq "$(sql data/analytics.db "SELECT count(*) > 100 FROM outcomes WHERE metric='us_opening_admissions'")" 1 "US openings"
}

test_overview_and_production_year() {
	cat >films.csv <<'CSV'
title,release_date,production_year,overview,first_week_admissions
Old One,2020-01-08,1982,"A re-release, restored.",1000
Bad Year,2020-01-08,198x,,1000
CSV
	run "$MARQUEE" import --source fr films.csv
	expect_status 0
	expect_stderr 'films.csv:3: production year "198x" is not a year from 1870 to 2100'
	expect_eq "$(sql data/analytics.db "SELECT production_year || '|' || overview FROM films")" "1982|A re-release, restored." "stored"
	expect_stdout "outcome columns: first_week_admissions"
}

test_one_film_whatever_the_source() {
	cat >a.csv <<'CSV'
id,title,release_date,director,first_week_admissions
1,L'Été dernier,2023-09-13,Catherine Breillat,100000
2,Twin,2023-09-13,Ann Roe,5000
3,Twin,2023-09-13,Bob Poe,6000
CSV
	cat >b.csv <<'CSV'
title,release_date,director,genres,total_admissions
L’ÉTÉ DERNIER !,2023-09-15,Someone Else,Drame,300000
Twin,2023-09-14,,,9999
Other,2023-09-13,,,1
CSV
	run "$MARQUEE" import --source a a.csv
	expect_status 0
	run "$MARQUEE" -v import --source b b.csv
	expect_status 0
	expect_stdout "b.csv: 1 films loaded, 0 updated, 0 unchanged, 1 rejected"
	expect_stdout "b.csv: 1 films matched to films other sources brought"
	expect_stderr "b.csv:2: \"L’ÉTÉ DERNIER !\" is the film \"L'Été dernier\" (2023-09-13, a:1), by title and release date"
	expect_stderr "b.csv:3: \"Twin\" could be any of \"Twin\" (2023-09-13, a:2), \"Twin\" (2023-09-13, a:3)"
	expect_eq "$(sql data/analytics.db 'SELECT count(*) FROM films')" 4 "films"
	# the film keeps the facts of the source that brought it, and gains the rest
	expect_eq "$(sql data/analytics.db "SELECT group_concat(o.metric || '=' || o.source, ' ') FROM outcomes o JOIN films f ON f.id = o.film_id WHERE f.key = 'a:1' ORDER BY o.metric")" "first_week_admissions=a total_admissions=b" "outcomes of both sources"
	expect_eq "$(sql data/analytics.db "SELECT p.name FROM credits c JOIN people p ON p.id = c.person_id JOIN films f ON f.id = c.film_id WHERE f.key = 'a:1'")" "Catherine Breillat" "the first source's director kept"
	expect_eq "$(sql data/analytics.db "SELECT g.name FROM film_genres x JOIN genres g ON g.id = x.genre_id JOIN films f ON f.id = x.film_id WHERE f.key = 'a:1'")" "Drame" "a genre it lacked"
	# importing again changes nothing: the match is remembered
	run "$MARQUEE" import --source b b.csv
	expect_stdout "b.csv: 0 films loaded, 0 updated, 2 unchanged, 1 rejected"
	# a people's name, folded, is one person
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM people WHERE match_name = 'catherine breillat'")" 1 "one person"
}

test_control_character_is_named() {
	printf 'title,release_date,first_week_admissions\nBell\007,2020-01-01,5\nFine,2020-01-02,6\nBad\377,2020-01-03,7\n' >c.csv
	run "$MARQUEE" import c.csv
	expect_stderr 'c.csv:2: column "title": a control character (U+0007)'
	expect_stderr 'c.csv:4: column "title": not UTF-8 text'
	printf 'title,release_date,gross\001\nA,2020-01-01,5\n' >h.csv
	run "$MARQUEE" import h.csv
	expect_status 1
	expect_stderr 'h.csv:1: column 3 of the header: a control character (U+0001)'
	printf '[{"Title": "Bell\\u0007", "US Gross": 5, "Release Date": "Jun 12 1998"}]' >v.json
	run "$MARQUEE" import v.json
	expect_stderr 'v.json:1: "Title": a control character (U+0007)'
}

# A scan repeated over the columns of a row, or the items of a list, is
# quadratic: 100,000 columns took 34 s. Time is CPU time, so that a loaded
# machine does not fail the test.
test_wide_header_and_long_lists_are_linear() {
	[ -z "${MARQUEE_VALGRIND:-}" ] || skip "too slow under valgrind"
	awk 'BEGIN { n = 100000; printf "title,release_date"; for (i = 0; i < n; i++) printf ",c%d", i
		printf "\nA,2020-01-01"; for (i = 0; i < n; i++) printf ",1"; print "" }' >wide.csv
	( ulimit -t 10; exec "$MARQUEE" import --dry-run wide.csv ) >"$T/.out" 2>"$T/.err"
	status=$?
	expect_status 0
	expect_stdout "wide.csv: 1 films loaded"
	awk 'BEGIN { printf "title,release_date,cast\nA,2020-01-01,p0"
		for (i = 1; i < 100000; i++) printf ";p%d", i % 50000; print "" }' >cast.csv
	( ulimit -t 10; exec "$MARQUEE" import --dry-run cast.csv ) >"$T/.out" 2>"$T/.err"
	status=$?
	expect_status 0
	expect_stdout "cast.csv: 1 films loaded"
	# a column named twice is still refused, wherever the two are
	awk 'BEGIN { printf "title,release_date"; for (i = 0; i < 50000; i++) printf ",c%d", i
		print ",c17"; print "A,2020-01-01" }' >twice.csv
	run "$MARQUEE" import twice.csv
	expect_status 1
	expect_stderr 'twice.csv:1: the header names "c17" twice'
}

# A figure no film has made would be stored, and then every later model
# validates far worse than the current one and is rejected for ever.
test_implausible_figures_are_refused() {
	cat >f.csv <<'CSV'
title,release_date,budget_usd,first_week_admissions,us_gross
Fine,2020-01-01,1000000,250000,5000000
Digits,2020-01-02,,1000000000000000000000000000000000000000000000000000,5
Costly,2020-01-03,100000000000000000000,5,5
Rich,2020-01-04,,5,1e15
Also fine,2020-01-05,,300000,2900000000
CSV
	run "$MARQUEE" import f.csv
	expect_status 0
	expect_stdout "f.csv: 2 films loaded, 0 updated, 0 unchanged, 3 rejected"
	expect_stderr 'f.csv:3: first_week_admissions "1000000000000000000000000000000000000000000000000000": more than a billion admissions'
	expect_stderr 'f.csv:4: budget "100000000000000000000": more than'
	expect_stderr 'f.csv:5: us_gross "1e15": not a number'
	expect_eq "$(sql data/analytics.db 'SELECT count(*) FROM outcomes WHERE value > 1e12')" 0 "no implausible figure stored"
	# a title longer than any film's (a synopsis in the wrong column)
	awk 'BEGIN { printf "title,release_date\n"; for (i = 0; i < 600; i++) printf "x"; print ",2020-01-01" }' >t.csv
	run "$MARQUEE" import t.csv
	expect_stderr 't.csv:2: the title is 600 bytes long; a title has at most 500'
}

# A text column read as an outcome rejected every row, and the import still
# said "1 loaded, 1377 rejected" and exited 0.
test_an_import_that_loads_nothing_fails() {
	printf 'title,release_date,country,first_week_admissions\nA,2020-01-01,FR,5\nB,2020-01-02,US,6\nC,2020-01-03,,7\n' >c.csv
	run "$MARQUEE" import c.csv
	expect_status 1
	expect_stderr 'c.csv:2: country "FR": not a number'
	expect_stderr 'c.csv: column "country" rejected 2 of 3 rows (the first on line 2): if it holds no figure of each film, skip it with --ignore country; if it is a canonical column under another name, say which with --map COLUMN=country'
	expect_stderr "import failed: nothing was stored"
	expect_eq "$(films)" 0 "nothing stored"
	run "$MARQUEE" import --ignore country c.csv
	expect_status 0
	expect_stdout "c.csv: 3 films loaded"
	# nothing stored, whatever the reasons
	printf 'title,release_date\n,2020-01-01\nB,someday\n' >e.csv
	run "$MARQUEE" import e.csv
	expect_status 1
	expect_stderr "e.csv: none of its 2 rows could be stored (each is reported above)"
	printf 'title,release_date\n' >h.csv
	run "$MARQUEE" import h.csv
	expect_status 1
	expect_stderr "h.csv: a header and no row: nothing to import"
	printf '[]' >v.json
	run "$MARQUEE" import v.json
	expect_status 1
	expect_stderr "v.json: no film in the file: nothing to import"
}

test_two_columns_for_one_outcome() {
	printf 'title,release_date,US Gross,us_gross\nA,2020-01-01,5,6\n' >d.csv
	run "$MARQUEE" import d.csv
	expect_status 1
	expect_stderr 'd.csv:1: columns "US Gross" and "us_gross" both give the outcome us_gross: skip one with --ignore, or name one otherwise with --map NAME=HEADER'
	run "$MARQUEE" import --ignore "US Gross" d.csv
	expect_status 0
	expect_eq "$(sql data/analytics.db 'SELECT value FROM outcomes')" "6.0" "the column kept"
	# a column mapped to an outcome replaces the one of that name, as a
	# mapped canonical column does
	printf 'title,release_date,gross,us_gross\nB,2020-01-01,7,8\n' >m.csv
	run "$MARQUEE" import --map us_gross=gross m.csv
	expect_status 0
	expect_eq "$(sql data/analytics.db "SELECT value FROM outcomes o JOIN films f ON f.id = o.film_id WHERE f.title = 'B'")" "7.0" "the mapped column wins"
}

# The vega reader kept a whole film object in memory, however long: 100 MB
# was read, then stored as a title.
test_vega_object_is_bounded() {
	awk 'BEGIN { printf "[{\"Title\": \"Fine\", \"US Gross\": 5, \"Release Date\": \"Jun 12 1998\"},\n"
		printf "{\"Title\": \""; for (i = 0; i < 40000; i++) printf "abcdefghijklmnopqrstuvwxyz {}[]\\\"xyz"
		printf "\", \"US Gross\": 5, \"Release Date\": \"Jun 13 1998\"},\n"
		printf "{\"Title\": \"After\", \"US Gross\": 6, \"Release Date\": \"Jun 14 1998\"}]\n" }' >big.json
	run "$MARQUEE" import big.json
	expect_status 0
	expect_stderr 'big.json:2: a film object longer than 1048576 bytes: not read'
	expect_stdout "big.json: 2 films loaded, 0 updated, 0 unchanged, 1 rejected"
}

# Named after the file by default, a source whose file was renamed was
# another source: every film was stored again (its outcomes twice).
test_ids_need_a_named_source() {
	good_csv
	run "$MARQUEE" import films.csv
	expect_status 1
	expect_stderr 'films.csv:1: the file has an id column: name the source of its ids with --source NAME (or import.source in marquee.yml); named after the file, a renamed file would be another source, and its films would be stored again'
	expect_eq "$(films)" 0 "nothing stored"
	run "$MARQUEE" import --source fr films.csv
	expect_status 0
	mv films.csv fr-2024-corrected.csv
	run "$MARQUEE" import --source fr fr-2024-corrected.csv
	expect_status 0
	expect_stdout "0 films loaded, 0 updated, 3 unchanged"
	expect_eq "$(sql data/analytics.db 'SELECT count(*) FROM outcomes')" 3 "outcomes once"
	# the setting names it for the command, as for the weekly job's inbox
	printf 'import:\n  source: fr\n' >marquee.yml
	run "$MARQUEE" import fr-2024-corrected.csv
	expect_status 0
	expect_stdout "0 films loaded, 0 updated, 3 unchanged"
}
