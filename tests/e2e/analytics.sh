# The analytics pages: written by `marquee content`, built by `marquee
# build`, in English and French, on histories of every size (none, one
# film, extreme figures), with ratings and birthdays when there are some.

analytics_pages="seasonality genres people runtime top ages model"

# a_history FILE ROWS...: a CSV of films from "title,date,runtime,genres,director,cast,admissions[,rating]" rows
a_history() {
	file=$1
	shift
	echo "id,title,release_date,runtime_min,genres,director,cast,first_week_admissions,viewer_rating" >"$file"
	i=0
	for row in "$@"; do
		i=$((i + 1))
		echo "$i,$row" >>"$file"
	done
}

a_build() {
	run "$MARQUEE" content
	expect_status 0
	run "$MARQUEE" build
	expect_status 0
	for p in $analytics_pages; do
		[ -f "site/analytics/$p/index.html" ] || fail "site/analytics/$p/ was not built"
	done
	[ -f site/analytics/index.html ] || fail "no analytics index"
}

test_analytics_pages_in_english_and_french() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	run "$MARQUEE" import --source g "$ROOT/tests/golden/history.csv"
	expect_status 0
	run "$MARQUEE" train
	expect_status 0
	a_build
	grep -q '<li><a href="./analytics/">Analytics</a></li>' site/index.html ||
		fail "no Analytics in the main navigation"
	for p in seasonality genres people runtime top; do
		grep -q '<svg' "site/analytics/$p/index.html" || fail "$p: no chart"
		grep -q '<table>' "site/analytics/$p/index.html" || fail "$p: no table"
		grep -q 'class="period">Films released from ' "site/analytics/$p/index.html" ||
			fail "$p: the period is not named"
	done
	grep -q 'Typical predicted first-week admissions by Budget' site/analytics/model/index.html ||
		fail "no partial dependence of the current model"
	grep -q "No actor&#39;s birthday is known yet" site/analytics/ages/index.html ||
		fail "the ages page does not say that no birthday is known"
	grep -q "The history holds no viewers&#39; ratings" site/analytics/top/index.html ||
		fail "the top page does not say there are no ratings"
	# Every film the pages link to has a page.
	for href in $(grep -h -o 'href="../../films/[^"]*"' site/analytics/*/index.html | sort -u); do
		path=$(echo "$href" | sed 's|href="../../||; s|"$||')
		[ -f "site/${path}index.html" ] || fail "$path is linked but absent"
	done
	# French: words and numbers of the language.
	sed -i 's/^model:/site:\n  language: fr\nmodel:/' marquee.yml
	a_build
	grep -q '<li><a href="./analytics/">Analyses</a></li>' site/index.html || fail "French menu"
	grep -q '<h1>Saisonnalité</h1>' site/analytics/seasonality/index.html || fail "French title"
	grep -q 'Films sortis du ' site/analytics/seasonality/index.html || fail "French period"
	grep -q 'Médiane des entrées de première semaine par genre' site/analytics/genres/index.html ||
		fail "French chart title"
	# a French thousands separator (narrow no-break space) in the tables
	grep -q '[0-9] [0-9][0-9][0-9]' site/analytics/genres/index.html || fail "French number format"
}

test_analytics_with_no_film() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	a_build
	grep -q 'No film of the history has its first-week admissions yet' \
		site/analytics/seasonality/index.html || fail "an empty history is not said"
	grep -q 'No model has been trained yet' site/analytics/model/index.html ||
		fail "no model is not said"
}

test_analytics_with_one_film() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	a_history h.csv "Seul,2023-05-10,95,Drame,Anne Une,Paul Deux,12345,"
	run "$MARQUEE" import --source t h.csv
	expect_status 0
	a_build
	nbsp=$(printf '\302\240')
	grep -q "The film released on 10${nbsp}May${nbsp}2023, with its first-week admissions" \
		site/analytics/seasonality/index.html || fail "the period of one film"
	# one point in the chart of weeks, and its row
	[ "$(grep -o '<circle\|<rect x\|<path d="M' site/analytics/seasonality/index.html | wc -l)" -ge 1 ] ||
		fail "no mark for the film"
	grep -q '<td class="num">12,345</td>' site/analytics/seasonality/index.html ||
		fail "the film's admissions are not in the table"
	grep -q 'Nobody has three films in this period' site/analytics/people/index.html ||
		fail "people with fewer than three films are shown"
}

test_analytics_with_extreme_figures() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	a_history h.csv \
		"Rien,2023-05-10,1,Drame,A,B,0,0.5" \
		"Tout,2023-05-17,900,Drame,A,B,999999999,5" \
		"Moyen,2023-12-27,120,Comédie,A,B,5000,3"
	run "$MARQUEE" import --source t h.csv
	expect_status 0
	a_build
	# the largest figure a film can have: a billion admissions and more are
	# refused when stored (issue 14, item 14)
	grep -q '<td class="num">999,999,999</td>' site/analytics/top/index.html ||
		fail "the largest figure"
	grep -q 'Best rated by viewers' site/analytics/top/index.html || fail "no ratings block"
	grep -q 'Tout</a></td><td class="num">5.0</td>' site/analytics/top/index.html ||
		fail "the best rated film and its rating"
	# A, with three films, is the one director shown
	grep -q '<td>A</td><td class="num">3</td>' site/analytics/people/index.html ||
		fail "the director of three films"
}

test_analytics_actors_age_from_birthdays() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	a_history h.csv \
		"Un,2023-05-10,95,Drame,D,Jeanne Aînée;Lou Cadette,1000," \
		"Deux,2023-06-14,95,Drame,D,Lou Cadette,3000,"
	run "$MARQUEE" import --source t h.csv
	expect_status 0
	# as a scrape of people records them
	sqlite3 data/analytics.db "UPDATE people SET birthday = '1950-01-01' WHERE name = 'Jeanne Aînée';
		UPDATE people SET birthday = '2001-06-14' WHERE name = 'Lou Cadette';"
	a_build
	page=site/analytics/ages/index.html
	grep -q '3 ages known, in 2 films' "$page" || fail "ages counted"
	# Jeanne is 73 at "Un"; Lou 21 at "Un" and 22 at "Deux" (her birthday)
	grep -q '<td>70 and over</td><td class="num">1</td>' "$page" || fail "the actor of 73"
	grep -q '<td>20–29</td><td class="num">2</td>' "$page" || fail "the two roles of 21 and 22"
}

test_charts_without_points_build() {
	mkdir -p content/analytics
	cat >content/analytics/empty.md <<'EOF'
---
title: Empty
layout: analytics
period: none
c1: { title: Nothing, text: "", rests_on: "", tables: [] }
charts:
  c1:
    kind: bar
    title: Nothing to draw
    series: [ { name: none, style: predicted, points: [] } ]
  c2:
    kind: scatter
    title: Nothing either
    series: [ { name: none, style: other, points: [] } ]
  c3:
    kind: line
    title: One point
    series: [ { name: one, style: actual, points: [ { label: "2024", y: 1e15 } ] } ]
---
EOF
	run "$MARQUEE" build
	expect_status 0
	grep -q 'Nothing to draw' site/analytics/empty/index.html || fail "the chart is not on the page"
}
