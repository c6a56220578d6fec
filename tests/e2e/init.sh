# `marquee init`: a cinema's own project, and its weekly job run end to end
# the way cron, the systemd timer and GitHub Actions run it
# (deploy/weekly.sh), against the canned TMDB server.

# A box-office history of 2023: 4 films a week, outcomes growing with budget.
history() {
	awk 'BEGIN {
		print "id,title,release_date,genres,director,budget_usd,first_week_admissions"
		srand(3)
		for (w = 0; w < 40; w++)
			for (k = 0; k < 4; k++) {
				id++
				budget = 1000000 * (1 + (id * 37) % 40)
				printf "%d,Old Film %d,%s,Drame,Director %d,%d,%d\n", id, id,
					strftime("%Y-%m-%d", (19361 + 7 * w) * 86400, 1), id % 7, budget,
					int(budget / 200 * (0.6 + rand() * 0.8))
			}
	}'
}

test_init_makes_a_project() {
	run "$MARQUEE" init --name "Le Rex" --language fr proj
	expect_status 0
	expect_stdout 'init: proj: a project for "Le Rex"'
	for f in marquee.yml .gitignore README.md content/about.md content/prices.md \
		records/actuals.csv imports/README.md deploy/weekly.sh deploy/crontab \
		deploy/marquee-weekly.service deploy/marquee-weekly.timer .github/workflows/weekly.yml; do
		[ -f "proj/$f" ] || fail "proj/$f is missing"
	done
	[ -x proj/deploy/weekly.sh ] || fail "deploy/weekly.sh is not executable"
	grep -q '^  title: Le Rex$' proj/marquee.yml || fail "the name is not in marquee.yml"
	grep -q '^  language: fr ' proj/marquee.yml || fail "the language is not in marquee.yml"
	grep -q "^WorkingDirectory=$(cd proj && pwd -P)\$" proj/deploy/marquee-weekly.service ||
		fail "the service does not run in the project"
	if grep -rq '@[A-Z]*@' proj; then fail "a placeholder was left"; fi
	# the settings it writes are read without complaint
	(cd proj && "$MARQUEE" select --week 2024-W02) >select.out 2>select.err
	grep -q "marquee.yml" select.err && fail "the settings written are refused: $(cat select.err)"
	# the workflow asks for the least: nothing by default, contents to commit the
	# records back, pages and an OIDC token only to deploy
	wf=proj/.github/workflows/weekly.yml
	grep -q '^permissions: {}$' "$wf" || fail "the workflow's default permissions are not empty"
	expect_eq "$(grep -c 'contents: write' "$wf")" 1 "jobs that may write the repository"
	expect_eq "$(grep -c 'pages: write' "$wf")" 1 "jobs that may publish"
	grep -q 'sh deploy/weekly.sh' "$wf" || fail "the workflow does not run deploy/weekly.sh"
	# a project is made once, into a new or empty folder
	run "$MARQUEE" init proj
	expect_status 1
	expect_stderr "proj: already a project"
	run "$MARQUEE" init --name 'Le "Rex"' other
	expect_status 2
	[ ! -e other ] || fail "a refused init left a folder"
}

test_weekly_script_end_to_end() {
	tmdb_week
	"$MARQUEE" -q init --ref test proj || fail "init failed"
	cd proj
	history >imports/history.csv
	export MARQUEE
	run sh deploy/weekly.sh --week 2024-W02
	expect_status 0
	expect_stdout "import: 1 file from imports/"
	expect_stdout "scrape: 3 films (3 new"
	expect_stdout "publish: 2024-W02 as version 1"
	expect_stdout "records: cinema.db written to records/cinema/"
	[ -f site/index.html ] || fail "no site"
	[ -f site/films/film-3-2024/index.html ] || fail "no page for a scraped film"
	[ -f imports/imported/history.csv ] || fail "the imported history was not kept"
	[ -s records/cinema/weeks.jsonl ] || fail "the published week was not exported"
	if grep -rq "$TMDB_KEY" . "$T/.out" "$T/.err"; then fail "the key leaked"; fi
	# Next week, on a machine that starts empty (GitHub's runner): the stores are
	# rebuilt from what git keeps, and the manager's figures go in.
	rm -rf data site content/films content/weeks
	printf '2024-W02,Film 3,55,550\n' >>records/actuals.csv
	run sh deploy/weekly.sh --week 2024-W02
	expect_status 0
	expect_stdout "rows restored from records/cinema/"
	expect_stdout "publish: 2024-W02 is already published (version 1): kept as it is"
	expect_stdout "actuals: 1 recorded"
	grep -q '"admissions":55' records/cinema/actuals.jsonl || fail "the figure was not exported"
	[ -f site/weeks/2024-W02/index.html ] || fail "the site was not built again"
}
