# The demo of `make run`, end to end on the vega-datasets films: import,
# replay, backtest, content, build; then the site it makes is checked the way
# a visitor's browser and a validator would see it.

demo() {
	f="$ROOT/.cache/vega-datasets-3.2.1/movies.json"
	[ -f "$f" ] || skip "demo data not cached (make demo-data)"
	cp "$ROOT/marquee.yml" .
	cp -r "$ROOT/themes" "$ROOT/content" .
	rm -rf content/weeks content/films content/_index.md content/history.md content/model.md
	run "$MARQUEE" -q import "$f"
	expect_status 0
	run "$MARQUEE" replay --weeks 4
	expect_status 0
	expect_stdout "replaying 4 weeks, 2010-W34 to 2010-W37, as if each were live"
	run "$MARQUEE" -q backtest --from 2010-08-01 --retrain-weeks 8
	expect_status 0
	run "$MARQUEE" content
	expect_status 0
	run "$MARQUEE" build
	expect_status 0
}

test_demo_site_is_valid_and_linked() {
	demo
	command -v tidy >/dev/null 2>&1 || skip "tidy is not installed"
	for f in $(cd site && find . -name '*.html' | sort); do
		tidy -errors -quiet "site/$f" >tidy.out 2>&1
		[ $? -lt 2 ] || { cat tidy.out; fail "$f is not valid HTML"; }
	done
	python3 "$ROOT/tests/check_links.py" site || fail "broken internal links"
	grep -rl -E '>(nan|inf|-nan)<|NaN' site --include='*.html' && fail "a number came out as nan"
	for page in index.html weeks/2010-W37/index.html history/index.html model/index.html \
		films/the-town-2010/index.html about/index.html; do
		[ -f "site/$page" ] || fail "site/$page missing"
	done
	grep -q "A replay of past data" site/weeks/2010-W37/index.html || fail "replay not stated"
	grep -q "US gross" site/index.html || fail "the metric is not named"
	grep -rl "themoviedb" site && fail "TMDB credited on the demo, whose data is not from TMDB"
	true
}

test_demo_is_reproducible() {
	demo
	sum=$(find site -type f ! -name .marquee-manifest | sort | xargs sha256sum | sha256sum)
	run "$MARQUEE" content
	run "$MARQUEE" build
	expect_stdout "(0 files written,"
	rm -rf site
	run "$MARQUEE" build
	expect_status 0
	expect_eq "$(find site -type f ! -name .marquee-manifest | sort | xargs sha256sum | sha256sum)" "$sum" "a fresh build"
	# Replaying again publishes nothing new and changes no record.
	records=$(sqlite3 data/cinema.db .dump | md5sum)
	run "$MARQUEE" replay --weeks 4
	expect_status 0
	expect_eq "$(sqlite3 data/cinema.db .dump | md5sum)" "$records" "cinema.db after a second replay"
}
