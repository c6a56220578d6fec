# Similar films: the command, its settings, the film pages and "find a film
# you liked" (the A-Z index and the public search index).

similar_setup() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	run "$MARQUEE" import --source g "$ROOT/tests/golden/history.csv"
	expect_status 0
}

test_similar_prints_films_with_why() {
	similar_setup
	run "$MARQUEE" similar "secret amour enfant 2"
	expect_status 0
	expect_stdout "Secret amour enfant 2 (2023-06-28), g:200"
	expect_stdout "  1. "
	expect_stdout "  5. "
	grep -q "same director\|same genre\|similar story\|in common" "$T/.out" || fail "no reason given"
	run "$MARQUEE" similar "No such film"
	expect_status 1
	expect_stderr "marquee: similar: no film \"No such film\" (a key, or a title)"
	run "$MARQUEE" similar
	expect_status 2
	expect_stderr "usage: marquee similar"
}

test_similar_settings_are_checked() {
	similar_setup
	printf 'similar:\n  weights:\n    director: -1\n' >>marquee.yml
	run "$MARQUEE" similar --quality
	expect_status 1
	expect_stderr "marquee: similar: marquee.yml:5: similar.weights.director:"
	printf 'model:\n  metric: first_week_admissions\nsimilar:\n  weights:\n    directors: 2\n' >marquee.yml
	run "$MARQUEE" similar --quality
	expect_status 1
	expect_stderr "marquee.yml:5: similar.weights.directors: unknown key (did you mean similar.weights.director?)"
	printf 'similar:\n  weights: {genres: 0, director: 0, cast: 0, keywords: 0, countries: 0, collection: 0, overview: 0}\n' >marquee.yml
	run "$MARQUEE" similar --quality
	expect_status 1
	expect_stderr "marquee.yml:2: similar.weights: every weight is 0"
	printf 'similar:\n  count: 50\n' >marquee.yml
	run "$MARQUEE" similar --quality
	expect_status 1
	expect_stderr "marquee.yml:2: similar.count:"
	# The same check stops `content` before it writes anything.
	printf 'similar:\n  min_score: 2\n' >marquee.yml
	run "$MARQUEE" content
	expect_status 1
	expect_stderr "marquee.yml:2: similar.min_score:"
	[ ! -e content ] || fail "content written with bad settings"
}

test_similar_weights_change_the_order() {
	similar_setup
	run "$MARQUEE" similar g:200
	expect_status 0
	cp "$T/.out" default.out
	printf 'similar:\n  weights: {genres: 0, director: 1, cast: 0, keywords: 0, countries: 0, collection: 0, overview: 0}\n' >>marquee.yml
	run "$MARQUEE" similar g:200
	expect_status 0
	# Only the director counts now: every film listed shares it.
	grep -q "same director" "$T/.out" || fail "no film by the same director"
	if grep "^  [0-9]" "$T/.out" | grep -v -q "same director"; then
		fail "a film without the same director"
	fi
	cmp -s default.out "$T/.out" && fail "the weights changed nothing"
	return 0
}

test_film_pages_link_to_pages_that_exist() {
	similar_setup
	run "$MARQUEE" content
	expect_status 0
	expect_stdout "content: 0 weeks, 114 films"
	n=$(ls content/films/*.md | grep -v _index | wc -l)
	expect_eq "$n" 114 "film pages"
	# Every similar film named in a page has a page of its own.
	python3 - <<'EOF' || fail "a similar film without a page"
import glob, json, os
for path in glob.glob("content/films/*.md"):
    if path.endswith("_index.md"):
        continue
    front = json.loads(open(path).read().split("\n")[2])
    assert 1 <= len(front["similar"]) <= 5, path
    for s in front["similar"]:
        assert os.path.exists("content/films/%s.md" % s["slug"]), (path, s["slug"])
        assert s["why"], (path, s)
EOF
	grep -q '"why":"' content/films/secret-amour-enfant-2-2023.md || fail "no reason in the page"
	run "$MARQUEE" build
	expect_status 0
	[ -f site/films/az/s/index.html ] || fail "no A-Z page for S"
	grep -q 'href="../../../films/secret-amour-enfant-2-2023/"' site/films/az/s/index.html ||
		fail "the A-Z page does not lead to the film"
	grep -q 'class="find-form" role="search" hidden' site/films/index.html ||
		fail "the search form is not hidden until the script shows it"
	[ -f site/find.js ] || fail "no script"
	size=$(wc -c <site/find.js)
	[ "$size" -lt 6000 ] || fail "find.js is $size bytes"
}

test_search_index_is_public() {
	similar_setup
	run "$MARQUEE" content
	expect_status 0
	index=content/films/similar.json
	[ -f "$index" ] || fail "no search index"
	python3 - "$index" <<'EOF' || fail "bad search index"
import json, sys
films = json.load(open(sys.argv[1]))["films"]
assert len(films) == 114, len(films)
titles = [f[0] for f in films]
for f in films:
    # title, page, year, similar films by place: nothing else
    assert len(f) == 4 and isinstance(f[0], str) and isinstance(f[1], str), f
    assert isinstance(f[2], int) and 1900 < f[2] < 2100, f
    assert 0 < len(f[3]) <= 5 and all(0 <= k < len(films) for k in f[3]), f
text = open(sys.argv[1]).read()
for word in ("admissions", "predicted", "score", "budget", "revenue"):
    assert word not in text, word
EOF
	# No admissions figure of the history is in it.
	if grep -q "32347\|202404" "$index"; then fail "a figure in the public index"; fi
}

test_similar_quality_on_french_data() {
	need_shared data/fr_first_week_2020_2024h1.csv
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	run "$MARQUEE" import --source jp --map id=jp_id --map release_date=release_fr \
		--map countries=nationality --map us_gross=us_gross_usd \
		"$SHARED/data/fr_first_week_2020_2024h1.csv"
	expect_status 0
	run "$MARQUEE" similar --quality
	expect_status 0
	expect_stdout "similar films: 1378 films, the top 5 of each"
	# The figures of the README, within a margin.
	kin=$(sed -n 's/.*; for [0-9]* of them (\([0-9.]*\)%) one is in the top 5/\1/p' "$T/.out")
	genre=$(sed -n 's/.*over [0-9]* films, \([0-9.]*\)% of the top 5 have.*/\1/p' "$T/.out")
	awk -v k="$kin" -v g="$genre" 'BEGIN { exit !(k >= 90 && g >= 70) }' ||
		fail "quality fell: kin $kin%, main genre $genre%"
}
