# `marquee scrape` and the weekly job against the canned TMDB server
# (tests/tmdb/): a week of made-up answers (tests/tmdb/make_week.py) on
# 127.0.0.1, with faults on demand. The key must never leave the
# environment; what arrived before a fault or a kill must stay.

WEEK=2024-W02   # programme week from Wednesday 2024-01-10

french() {
	need_shared data/fr_first_week_2020_2024h1.csv
	run "$MARQUEE" -q import --source jp --map id=jp_id --map release_date=release_fr \
		--map countries=nationality --map us_gross=us_gross_usd \
		"$SHARED/data/fr_first_week_2020_2024h1.csv"
	expect_status 0
}

requests() { grep -c ' GET ' "$T/$1.log"; }

test_scrape_matches_the_history_and_keeps_no_key() {
	french
	tmdb_week
	run "$MARQUEE" -v scrape --week $WEEK
	expect_status 0
	# the two imported films keep the file's people: only the new film's are asked for
	expect_stdout "scrape: 1 discover page, 3 films, 10 people, 3 posters"
	expect_stdout "films 1 new, 0 updated, 0 unchanged, 2 matched to imported films"
	expect_stderr '"Un silence" is the film "Un silence" (2024-01-10, jp:23185), by title and release date'
	expect_eq "$(sql data/analytics.db 'SELECT count(*) FROM films')" 1379 "films: the French file and one new"
	expect_eq "$(sql data/analytics.db "SELECT tmdb_id || ' ' || imdb_id FROM films WHERE key = 'jp:23185'")" "9001 tt0000001" "TMDB's ids on the imported film"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM outcomes o JOIN films f ON f.id = o.film_id WHERE f.key = 'jp:23185' AND o.metric = 'first_week_admissions'")" 1 "its admissions kept"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM film_keywords fk JOIN films f ON f.id = fk.film_id WHERE f.key = 'jp:23185'")" 2 "keywords added"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM people WHERE birthday IS NOT NULL")" 10 "people's birthdays"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM buzz")" 3 "buzz of each film"
	[ -f content/posters/p9001.jpg ] || fail "the poster was not downloaded"
	# the key is in no output, store or file
	if grep -rq "$TMDB_KEY" "$T/.out" "$T/.err" data content 2>/dev/null; then fail "the key leaked"; fi
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM http_cache WHERE url LIKE '%$TMDB_KEY%'")" 0 "the key in the cache"
	# within the time to live, a second scrape asks nothing
	before=$(requests api)
	run "$MARQUEE" scrape --week $WEEK
	expect_status 0
	expect_eq "$(requests api)" "$before" "requests of a second scrape"
	expect_stdout "films 0 new, 0 updated, 3 unchanged"
}

test_scrape_retries_and_reports_failures() {
	tmdb_week 3 12 --fault '/movie/9002* status 500 times 2' --fault '/movie/9003* status 404 times 9'
	run "$MARQUEE" scrape --week $WEEK
	expect_status 0
	expect_stdout "films 2 new"
	expect_stdout "1 failed"
	expect_eq "$(sql data/analytics.db "SELECT count(*) FROM films WHERE tmdb_id = 9002")" 1 "stored after two 500s"
	expect_stderr "/3/movie/9003"
	if grep -q "$TMDB_KEY" "$T/.err"; then fail "the key in a message"; fi
}

test_scrape_refused_key() {
	tmdb_week
	kill "$(tail -n 1 "$T/servers")"
	tmdb_serve api2 answers/week.routes --fault '/configuration status 401' \
		--routes "$ROOT/tests/tmdb/canned.routes"
	export TMDB_BASE_URL="http://127.0.0.1:$PORT/3"
	run "$MARQUEE" scrape --week $WEEK
	expect_status 1
	expect_stderr "invalid API key"
	unset TMDB_API_KEY
	run "$MARQUEE" scrape --week $WEEK
	expect_status 1
	expect_stderr "TMDB_API_KEY"
}

test_killed_scrape_resumes() {
	tmdb_week 30 60 --latency-ms 300
	printf 'tmdb:\n  connections: 2\n' >>marquee.yml
	"$MARQUEE" scrape --week $WEEK >/dev/null 2>&1 &
	pid=$!
	sleep 2
	kill -9 $pid
	wait $pid 2>/dev/null
	kept=$(sql data/analytics.db 'SELECT count(*) FROM films')
	[ "$kept" -gt 0 ] && [ "$kept" -lt 30 ] || fail "a kill after 2 s kept $kept of 30 films"
	expect_eq "$(sql data/analytics.db 'PRAGMA integrity_check')" ok "the store after kill -9"
	asked=$(grep -c ' GET /3/movie/' "$T/api.log")
	run "$MARQUEE" scrape --week $WEEK
	expect_status 0
	expect_eq "$(sql data/analytics.db 'SELECT count(*) FROM films')" 30 "films after the second run"
	# the films stored before the kill are not asked for again
	again=$(awk -v n="$asked" '/ GET \/3\/movie\// { c++ } END { print c - n }' "$T/api.log")
	[ "$again" -le $((30 - kept)) ] || fail "$again films asked again, $kept were kept"
}

test_weekly_scrapes_with_a_key() {
	french
	tmdb_week
	run "$MARQUEE" weekly --week $WEEK
	expect_status 0
	expect_stdout "scrape: 3 films"
	expect_stdout "publish: $WEEK as version 1"
	[ -f site/index.html ] || fail "no site"
	if grep -rq "$TMDB_KEY" site content data "$T/.out" "$T/.err"; then fail "the key leaked"; fi
	# the picks' posters: the files the scrape saved, served by the site and
	# linked from each page's way back to the root
	grep -Eq 'class="poster" src="(\./)?posters/p900[0-9]\.jpg"' site/index.html || fail "no poster on the home page"
	for page in site/index.html "site/weeks/$WEEK/index.html"; do
		dir=${page%/index.html}
		for src in $(grep -o 'class="poster" src="[^"]*"' "$page" | sed 's/.*src="//; s/"$//'); do
			[ -f "$dir/$src" ] || fail "$page links $src, which the site does not have"
		done
	done
	grep -q 'themoviedb.org' site/index.html || fail "no TMDB credit on a page of TMDB's films"
	# a week whose releases TMDB does not know is an error: nothing is published
	run "$MARQUEE" weekly --week 2024-W40
	expect_status 1
	expect_stderr "has no release to choose from"
	expect_eq "$(sql data/cinema.db "SELECT count(*) FROM weeks WHERE week = '2024-W40'")" 0 "published"
}
