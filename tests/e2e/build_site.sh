# End-to-end tests of `marquee build` and `marquee serve` on the fixture site
# in tests/generator/site (a home, a week, films, history, model and the
# manager's own page, following generator/CONTENT.md).

FIXTURE="$ROOT/tests/generator/site"
THEME="$ROOT/themes/default"

# site_copy: a private copy of the fixture project in $T/p.
site_copy() {
	cp -r "$FIXTURE" "$T/p"
}

build() {
	run "$MARQUEE" -C "$T/p" build --theme "$THEME" "$@"
}

# tree_sum DIR: one checksum of every file's path and content.
tree_sum() {
	(cd "$1" && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-16)
}

test_build_writes_every_page() {
	site_copy
	build
	expect_status 0
	expect_stdout "built 11 pages"
	for f in index.html 404.html weeks/index.html weeks/2024-W27/index.html \
		weeks/2024-W27.json films/dune-part-two/index.html history/index.html \
		model/index.html about/index.html prices/index.html sitemap.xml robots.txt \
		index.xml feed.json style.css embed.js embed/index.html embed/week/index.html \
		embed/week/oembed.json embed/films/dune-part-two/index.html; do
		[ -f "$T/p/site/$f" ] || fail "missing site/$f"
	done
	ls "$T/p" | grep -q '^\.site' && fail "temporary folder left behind"
	grep -q 'https://jsonfeed.org/version/1.1' "$T/p/site/feed.json" || fail "JSON Feed version"
	grep -q '"@type": "ScreeningEvent"' "$T/p/site/index.html" || fail "JSON-LD on the home page"
	grep -q '"@type": "Movie"' "$T/p/site/films/dune-part-two/index.html" || fail "JSON-LD on a film"
	grep -q 'themoviedb.org' "$T/p/site/films/dune-part-two/index.html" || fail "TMDB attribution"
	grep -q 'role="img"' "$T/p/site/weeks/2024-W27/index.html" || fail "chart"
	grep -q '<loc>https://cinema.example/films/dune-part-two/</loc>' "$T/p/site/sitemap.xml" || fail "sitemap"
	# the manager's site (site.public unset) asks not to be indexed
	grep -q 'Disallow: /' "$T/p/site/robots.txt" || fail "robots.txt"
	grep -q 'favicon.svg' "$T/p/site/index.html" && [ -f "$T/p/site/favicon.svg" ] || fail "favicon"
}

test_build_pages_are_valid_html() {
	command -v tidy >/dev/null 2>&1 || skip "tidy is not installed"
	site_copy
	build
	expect_status 0
	for f in $(cd "$T/p/site" && find . -name '*.html' | sort); do
		# tidy: 0 clean, 1 warnings, 2 errors
		tidy -errors -quiet "$T/p/site/$f" >"$T/tidy.out" 2>&1
		[ $? -lt 2 ] || { cat "$T/tidy.out"; fail "$f is not valid HTML"; }
	done
}

test_build_no_broken_internal_links() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	site_copy
	build
	expect_status 0
	python3 "$ROOT/tests/check_links.py" "$T/p/site" || fail "broken internal links"
}

test_build_title_with_script_is_text() {
	site_copy
	build
	expect_status 0
	page="$T/p/site/films/the-script-film/index.html"
	grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Quotes&quot;' "$page" ||
		fail "escaped title missing"
	grep -q '<script>alert' "$page" && fail "raw <script> from a title"
	grep -q '<script>alert' "$T/p/site/about/index.html" && fail "raw HTML from Markdown kept"
	grep -q '<script>alert' "$T/p/site/index.html" && fail "raw <script> on the home page"
	true
}

test_build_twice_is_byte_identical() {
	site_copy
	build --out "$T/p/a"
	expect_status 0
	SOURCE_DATE_EPOCH=1 build --out "$T/p/b"
	expect_status 0
	diff -r "$T/p/a" "$T/p/b" >/dev/null || fail "two builds differ"
}

test_build_expected_pages() {
	site_copy
	build
	expect_status 0
	for name in films/dune-part-two/index.html weeks/2024-W27/index.html history/index.html; do
		want="$ROOT/tests/generator/expected/$(echo "$name" | tr / _)"
		diff -u "$want" "$T/p/site/$name" || fail "$name differs from $want"
	done
}

test_build_front_matter_error_keeps_site() {
	site_copy
	build
	expect_status 0
	before=$(tree_sum "$T/p/site")
	printf -- '---\ntitle: Broken\ndate: 2024-13-45\n---\nbody\n' >"$T/p/content/films/broken.md"
	build
	expect_status 1
	expect_stderr 'marquee: build: content/films/broken.md:3: front matter: date "2024-13-45" is not a date'
	expect_eq "$(tree_sum "$T/p/site")" "$before" "site after a failed build"
	printf -- '---\ntitle: [unclosed\n---\n' >"$T/p/content/films/broken.md"
	build
	expect_status 1
	expect_stderr 'content/films/broken.md:'
	expect_eq "$(tree_sum "$T/p/site")" "$before" "site after a YAML error"
	printf -- '---\ntitle: One\ndate: 2024-07-01\ntitle: Two\n---\n' >"$T/p/content/films/broken.md"
	build
	expect_status 1
	expect_stderr 'content/films/broken.md:4: "title" is given twice in one mapping'
	expect_eq "$(tree_sum "$T/p/site")" "$before" "site after a key given twice"
}

test_build_missing_partial_keeps_site() {
	site_copy
	build
	expect_status 0
	before=$(tree_sum "$T/p/site")
	mkdir -p "$T/p/partials"
	printf '{{> nothere}}\n' >"$T/p/partials/tmdb.mustache"
	build
	expect_status 1
	expect_stderr 'partials/tmdb.mustache:1: partial "nothere" not found'
	expect_eq "$(tree_sum "$T/p/site")" "$before" "site after a failed build"
}

test_build_unknown_layout_keeps_site() {
	site_copy
	build
	expect_status 0
	before=$(tree_sum "$T/p/site")
	printf -- '---\ntitle: Odd\nlayout: nosuch\n---\n' >"$T/p/content/odd.md"
	build
	expect_status 1
	expect_stderr 'content/odd.md:3: layout "nosuch" not found'
	expect_eq "$(tree_sum "$T/p/site")" "$before" "site after a failed build"
}

test_build_unwritable_output_keeps_site() {
	site_copy
	build
	expect_status 0
	before=$(tree_sum "$T/p/site")
	# a full disk in the middle of writing the changed files
	printf '\nA change.\n' >>"$T/p/content/about.md"
	printf -- '---\ntitle: New page\n---\nNew.\n' >"$T/p/content/new.md"
	MARQUEE_FAULT=write:2 build
	expect_status 1
	expect_stderr 'write failed'
	expect_eq "$(tree_sum "$T/p/site")" "$before" "site after a failed write"
	ls -a "$T/p" | grep -q '^\.site' && fail "temporary folder left behind"
	find "$T/p/site" -name '.*.tmp-*' | grep -q . && fail "temporary file left behind"
	# the same failure in a first build, into a new folder
	MARQUEE_FAULT=write:2 build --out "$T/p/fresh"
	expect_status 1
	[ ! -e "$T/p/fresh" ] || fail "a failed first build left a site"
	ls -a "$T/p" | grep -q '^\.fresh' && fail "temporary folder left behind"
	# an output folder that cannot be created
	touch "$T/p/file"
	build --out "$T/p/file/site"
	expect_status 1
	expect_stderr 'file'
	if [ "$(id -u)" -ne 0 ]; then
		chmod a-w "$T/p"
		build
		expect_status 1
		chmod u+w "$T/p"
		expect_eq "$(tree_sum "$T/p/site")" "$before" "site in a read-only folder"
	fi
}

test_build_two_pages_one_path() {
	site_copy
	printf -- '---\ntitle: Clash\nslug: dune-part-two\n---\n' >"$T/p/content/films/clash.md"
	build
	expect_status 1
	expect_stderr 'content/films/clash.md and content/films/dune-part-two.md both write site/films/dune-part-two/index.html'
	[ -e "$T/p/site" ] && fail "a site was written"
	true
}

test_build_slug_cannot_escape() {
	site_copy
	printf -- '---\ntitle: Escape\nslug: ../../../etc/evil\naliases: ["/../../outside/"]\n---\n' >"$T/p/content/films/escape.md"
	build
	expect_status 0
	[ -e "$T/etc" ] || [ -e "$T/outside" ] && fail "wrote outside the site"
	ls "$T/p/site/films" | grep -q -- '-etc-evil$' || fail "sanitised slug page missing"
	find "$T/p/site" -path '*outside/index.html' | grep -q . || fail "sanitised alias missing"
}

test_build_drafts() {
	site_copy
	printf -- '---\ntitle: Secret\ndraft: true\n---\n' >"$T/p/content/secret.md"
	build
	expect_status 0
	[ -e "$T/p/site/secret/index.html" ] && fail "draft built"
	build --drafts
	expect_status 0
	[ -f "$T/p/site/secret/index.html" ] || fail "draft not built with --drafts"
}

test_build_french() {
	site_copy
	sed -i 's/language: en/language: fr/' "$T/p/marquee.yml"
	build
	expect_status 0
	grep -q 'Les films de la semaine' "$T/p/site/index.html" || fail "French strings"
	grep -q "$(printf '310\342\200\257000')" "$T/p/site/index.html" || fail "French number grouping"
	sed -i 's/language: fr/language: de/' "$T/p/marquee.yml"
	build
	expect_status 1
	expect_stderr 'marquee.yml:4: site.language: "de" is not a supported language'
}

test_build_usage() {
	run "$MARQUEE" build --nope
	expect_status 2
	expect_stderr "usage: marquee build"
	mkdir "$T/empty"
	run "$MARQUEE" -C "$T/empty" build --theme "$THEME"
	expect_status 1
	expect_stderr "content: no content folder here"
}

test_build_base_url_is_a_url() {
	site_copy
	# the theme writes it into attributes and JSON-LD as it is
	build --base-url 'https://cinema.example/a"b/'
	expect_status 1
	expect_stderr 'has a character a URL cannot hold at byte 25'
	build --base-url 'ftp://cinema.example/'
	expect_status 1
	expect_stderr 'must start with http:// or https://'
}

test_build_screenshots_not_blank() {
	chrome=$(command -v chromium || command -v chromium-browser || true)
	[ -n "$chrome" ] || skip "chromium is not installed"
	site_copy
	build
	expect_status 0
	shot() {
		timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--user-data-dir="$(mktemp -d "$T/chrome.XXXXXX")" --hide-scrollbars \
			--screenshot="$2" --window-size=800,900 "$1" >/dev/null 2>&1
	}
	printf '<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>' >"$T/blank.html"
	shot "file://$T/blank.html" "$T/blank.png"
	[ -s "$T/blank.png" ] || skip "chromium could not take a screenshot here"
	blank=$(wc -c <"$T/blank.png")
	for page in index.html films/dune-part-two/index.html; do
		rm -f "$T/shot.png"
		shot "file://$T/p/site/$page" "$T/shot.png"
		[ -s "$T/shot.png" ] || fail "no screenshot of $page"
		size=$(wc -c <"$T/shot.png")
		# text, tables and colour compress far worse than an empty page
		[ "$size" -gt $((blank * 3)) ] || fail "$page looks blank ($size bytes, blank $blank)"
	done
}

test_serve_previews_and_rebuilds() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	site_copy
	port=$((20000 + $$ % 20000))
	"$MARQUEE" -C "$T/p" serve --theme "$THEME" --port "$port" >"$T/serve.out" 2>"$T/serve.err" &
	pid=$!
	get() {
		python3 -c 'import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen("http://127.0.0.1:%s%s" % (sys.argv[1], sys.argv[2]), timeout=5)
    print(r.status); print(r.read().decode("utf-8", "replace"))
except urllib.error.HTTPError as e:
    print(e.code)' "$port" "$1"
	}
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		grep -q serving "$T/serve.out" 2>/dev/null && break
		sleep 0.5
	done
	out=$(get /)
	echo "$out" | head -1 | grep -q 200 || { kill "$pid"; fail "GET / did not answer 200"; }
	echo "$out" | grep -q 'http://127.0.0.1' || { kill "$pid"; fail "preview base URL"; }
	get /films/../../marquee.yml | head -1 | grep -q -E '403|404' || { kill "$pid"; fail "path escape"; }
	printf -- '---\ntitle: Fresh page\n---\nNew.\n' >"$T/p/content/fresh.md"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		get /fresh/ | grep -q 'Fresh page' && break
		sleep 0.5
	done
	get /fresh/ | grep -q 'Fresh page' || { kill "$pid"; fail "no rebuild after a change"; }
	# A change of marquee.yml is read again, not only noticed.
	sed -i 's/^  title: .*/  title: "Renamed Cinema"/' "$T/p/marquee.yml"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		get / | grep -q 'Renamed Cinema' && break
		sleep 0.5
	done
	get / | grep -q 'Renamed Cinema' || { kill "$pid"; fail "marquee.yml change not applied"; }
	# Pages kept loaded between rebuilds are read again when their file changes.
	printf -- '---\ntitle: Fresher page\n---\nNewer.\n' >"$T/p/content/fresh.md"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		get /fresh/ | grep -q 'Fresher page' && break
		sleep 0.5
	done
	get /fresh/ | grep -q 'Fresher page' || { kill "$pid"; fail "a changed page was not read again"; }
	rm "$T/p/content/fresh.md"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		get /fresh/ | head -1 | grep -q 404 && break
		sleep 0.5
	done
	get /fresh/ | head -1 | grep -q 404 || { kill "$pid"; fail "a removed page is still served"; }
	grep -q "rebuilt in [0-9]* ms" "$T/serve.out" || { kill "$pid"; fail "no rebuild time"; }
	kill "$pid"
	wait "$pid" 2>/dev/null
	true
}

# same_as_fresh WHAT [BUILD-ARGS...]: site/ (or $SITE) is exactly what a
# build from nothing makes, with the same arguments.
same_as_fresh() {
	what=$1
	shift
	rm -rf "$T/p/fresh"
	"$MARQUEE" -C "$T/p" -q build --theme "$THEME" --out "$T/p/fresh" "$@" ||
		fail "$what: the fresh build failed"
	diff -r -x .marquee-manifest "${SITE:-$T/p/site}" "$T/p/fresh" >"$T/diff.out" ||
		{ head -40 "$T/diff.out" >&2; fail "$what: the updated site differs from a fresh build"; }
}

# written: the number of files the last build wrote.
written() {
	sed -n 's/.*(\([0-9]*\) files written.*/\1/p' "$T/.out"
}

test_build_updates_match_fresh_builds() {
	site_copy
	cp -r "$THEME" "$T/theme"
	THEME="$T/theme"
	build
	expect_status 0
	# A change of a film's text remakes that film's pages, not the lists showing it.
	printf '\nA new paragraph.\n' >>"$T/p/content/films/small-film.md"
	build
	expect_status 0
	[ "$(written)" -le 3 ] || fail "$(written) files written for a film's text"
	same_as_fresh "a film's text"
	# A change of its front matter reaches the lists.
	sed -i 's/"title": "A Small Film"/"title": "A Retitled Film"/' "$T/p/content/films/small-film.md"
	build
	expect_status 0
	grep -q 'A Retitled Film' "$T/p/site/films/index.html" || fail "the list shows the old title"
	same_as_fresh "a film's title"
	# A page in a new folder, then a template change, then a page gone.
	mkdir -p "$T/p/content/news"
	printf -- '---\ntitle: First news\ndate: 2024-07-01\n---\nHello.\n' >"$T/p/content/news/first.md"
	build
	expect_status 0
	same_as_fresh "a new folder"
	sed -i 's|</body>|<!-- changed --></body>|' "$T/theme/partials/base.mustache"
	build
	expect_status 0
	grep -q 'changed' "$T/p/site/films/small-film/index.html" || fail "the template change is missing"
	same_as_fresh "a template change"
	rm "$T/p/content/about.md"
	build
	expect_status 0
	[ ! -e "$T/p/site/about/index.html" ] || fail "a removed page is still there"
	same_as_fresh "a page removed"
}

# rebuilds: how many rebuilds serve reported so far, failed ones included.
rebuilds() {
	cat "$T/serve.out" "$T/serve.err" 2>/dev/null | grep -c -E "^rebuilt in|^marquee: serve: " || true
}

# after_rebuild CMD...: runs CMD (an edit), then waits for serve to rebuild
# and to stay quiet for half a second (one edit may make two rebuilds).
after_rebuild() {
	before=$(rebuilds)
	"$@"
	i=0
	while [ "$i" -lt 40 ] && [ "$(rebuilds)" -le "$before" ]; do
		sleep 0.25
		i=$((i + 1))
	done
	[ "$(rebuilds)" -gt "$before" ] || { kill "$pid"; cat "$T/serve.err" >&2; fail "no rebuild after: $*"; }
	while :; do
		n=$(rebuilds)
		sleep 0.5
		[ "$(rebuilds)" -eq "$n" ] && break
	done
}

edit_by_rename() { # FILE TEXT: as editors save, a new file renamed over the old
	printf -- "$2" >"$(dirname "$1")/.$(basename "$1").new"
	mv "$(dirname "$1")/.$(basename "$1").new" "$1"
}

test_serve_follows_every_kind_of_change() {
	site_copy
	cp -r "$THEME" "$T/theme"
	THEME="$T/theme"
	port=$((20000 + ($$ + 7) % 20000))
	"$MARQUEE" -C "$T/p" serve --theme "$THEME" --port "$port" --out "$T/p/preview" >"$T/serve.out" 2>"$T/serve.err" &
	pid=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		grep -q serving "$T/serve.out" 2>/dev/null && break
		sleep 0.5
	done
	grep -q serving "$T/serve.out" || { kill "$pid"; fail "serve did not start"; }
	after_rebuild sh -c "printf '\nMore text.\n' >>'$T/p/content/films/small-film.md'"
	after_rebuild edit_by_rename "$T/p/content/about.md" '---\ntitle: About us, renamed\n---\nSaved by rename.\n'
	grep -q 'About us, renamed' "$T/p/preview/about/index.html" || { kill "$pid"; fail "a file saved by rename was not read again"; }
	after_rebuild sh -c "mkdir -p '$T/p/content/news/2024' && printf -- '---\ntitle: Deep news\n---\nHi.\n' >'$T/p/content/news/2024/deep.md'"
	[ -f "$T/p/preview/news/2024/deep/index.html" ] || { kill "$pid"; fail "a page in a new folder was not built"; }
	after_rebuild sh -c "printf -- '---\ntitle: Later news\n---\nHi again.\n' >'$T/p/content/news/2024/later.md'"
	[ -f "$T/p/preview/news/2024/later/index.html" ] || { kill "$pid"; fail "a page added to a new folder was not built"; }
	after_rebuild sed -i 's|</body>|<!-- theme changed --></body>|' "$T/theme/partials/base.mustache"
	grep -q 'theme changed' "$T/p/preview/about/index.html" || { kill "$pid"; fail "a theme change was not applied"; }
	after_rebuild rm "$T/p/content/films/le-comte.md"
	[ ! -e "$T/p/preview/films/le-comte" ] || { kill "$pid"; fail "a removed page is still served"; }
	after_rebuild mv "$T/p/content/news" "$T/p/content/stories"
	[ -f "$T/p/preview/stories/2024/deep/index.html" ] || { kill "$pid"; fail "a moved folder's pages are missing"; }
	[ ! -e "$T/p/preview/news" ] || { kill "$pid"; fail "a moved folder's old pages are still there"; }
	after_rebuild sh -c "printf -- '---\ntitle: Deep news, edited\n---\nHi.\n' >'$T/p/content/stories/2024/deep.md'"
	grep -q 'Deep news, edited' "$T/p/preview/stories/2024/deep/index.html" ||
		{ kill "$pid"; fail "an edit inside a moved folder was missed"; }
	# A change made while rebuilds fail (here on marquee.yml) is taken in once they work again.
	cp "$T/p/marquee.yml" "$T/good.yml"
	after_rebuild sed -i 's/^  language: .*/  language: de/' "$T/p/marquee.yml"
	after_rebuild sh -c "printf -- '---\ntitle: Written while broken\n---\nHi.\n' >'$T/p/content/about.md'"
	after_rebuild cp "$T/good.yml" "$T/p/marquee.yml"
	grep -q 'Written while broken' "$T/p/preview/about/index.html" ||
		{ kill "$pid"; fail "a change made while rebuilds failed was lost"; }
	mkdir -p "$T/outside/reviews"
	printf -- '---\ntitle: A review\n---\nGood.\n' >"$T/outside/reviews/one.md"
	after_rebuild mv "$T/outside/reviews" "$T/p/content/reviews"
	[ -f "$T/p/preview/reviews/one/index.html" ] || { kill "$pid"; fail "a folder moved in was not built"; }
	after_rebuild sh -c "printf '.x { color: red }\n' >'$T/p/content/films/extra.css'"
	kill "$pid"
	wait "$pid" 2>/dev/null
	[ -f "$T/p/preview/films/extra.css" ] || fail "a new file beside the pages was not copied"
	SITE="$T/p/preview" same_as_fresh "serve after every kind of change" --base-url "http://127.0.0.1:$port/"
}

test_serve_without_inotify_polls() {
	site_copy
	port=$((20000 + ($$ + 13) % 20000))
	MARQUEE_FAULT=inotify:1 "$MARQUEE" -C "$T/p" serve --theme "$THEME" --port "$port" --out "$T/p/preview" \
		>"$T/serve.out" 2>"$T/serve.err" &
	pid=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		grep -q serving "$T/serve.out" 2>/dev/null && break
		sleep 0.5
	done
	grep -q 'every 300 ms' "$T/serve.err" || { kill "$pid"; fail "no word that serve falls back to polling"; }
	after_rebuild sh -c "printf -- '---\ntitle: Polled page\n---\nSeen.\n' >'$T/p/content/polled.md'"
	kill "$pid"
	wait "$pid" 2>/dev/null
	grep -q 'Polled page' "$T/p/preview/polled/index.html" || fail "a change was not seen by polling"
}

test_build_generated_files_clash_with_content() {
	site_copy
	printf '{}\n' >"$T/p/content/weeks/2024-W27.json"
	build
	expect_status 1
	expect_stderr 'the JSON made for content/weeks/2024-W27.md'
	expect_stderr 'both write site/weeks/2024-W27.json'
}

test_build_renamed_file_remakes_its_default_title() {
	site_copy
	printf 'No front matter.\n' >"$T/p/content/a b.md"
	build
	expect_status 0
	grep -q '<title>a b.md' "$T/p/site/a-b/index.html" || fail "default title from the file name"
	mv "$T/p/content/a b.md" "$T/p/content/a-b.md"
	build
	expect_status 0
	grep -q '<title>a-b.md' "$T/p/site/a-b/index.html" || fail "the page kept its old file name as title"
}

test_build_updates_only_what_changed() {
	site_copy
	build
	expect_status 0
	build
	expect_status 0
	expect_stdout "(0 files written,"
	printf '\nOne more line.\n' >>"$T/p/content/about.md"
	rm "$T/p/content/films/small-film.md"
	build
	expect_status 0
	written=$(sed -n 's/.*(\([0-9]*\) files written.*/\1/p' "$T/.out")
	[ "$written" -ge 1 ] && [ "$written" -le 12 ] || fail "$written files written for one changed and one removed page"
	[ ! -e "$T/p/site/films/small-film" ] || fail "the removed page's output is still there"
	# The result is exactly what a build from nothing makes.
	build --out "$T/p/fresh"
	expect_status 0
	diff -r -x .marquee-manifest "$T/p/site" "$T/p/fresh" >/dev/null || fail "updated site differs from a fresh build"
}

test_build_theme_views() {
	site_copy
	cp -r "$THEME" "$T/theme"
	THEME="$T/theme"
	# a view of its own: a plain-text card beside each film, only with a poster
	printf '{{#page}}{{title}}: {{release_date}}{{/page}}\n' >"$T/theme/layouts/card.mustache"
	cat >>"$T/theme/theme.yml" <<'YML'
  - name: card
    pages: { section: films, kind: page }
    if: page.poster
    layout: card
    output: "cards/{{{page.slug}}}.txt"
YML
	sed -i '0,/"poster": null/s||"poster": "https://image.example/dune.jpg"|' \
		"$T/p/content/films/dune-part-two.md"
	build
	expect_status 0
	[ -f "$T/p/site/cards/dune-part-two.txt" ] || fail "the view was not made"
	grep -q 'Dune: Part Two: 2024' "$T/p/site/cards/dune-part-two.txt" || fail "the view's content"
	expect_eq "$(ls "$T/p/site/cards")" "dune-part-two.txt" "cards made (only the film with a poster)"
	# a mistyped key, a missing layout, a path outside the site, a clash
	cp "$T/theme/theme.yml" "$T/good.yml"
	sed -i 's/    output: "cards/    outptu: "cards/' "$T/theme/theme.yml"
	build
	expect_status 1
	expect_stderr 'theme.yml:'
	expect_stderr 'views[3].outptu: unknown key (did you mean output?)'
	sed 's/    layout: card/    layout: nosuch/' "$T/good.yml" >"$T/theme/theme.yml"
	build
	expect_status 1
	expect_stderr 'card: layout "nosuch" not found'
	sed 's|cards/{{{page.slug}}}.txt|../{{{page.slug}}}.txt|' "$T/good.yml" >"$T/theme/theme.yml"
	build
	expect_status 1
	expect_stderr 'is not a path inside the site'
	sed 's|cards/{{{page.slug}}}.txt|about/index.html|' "$T/good.yml" >"$T/theme/theme.yml"
	build
	expect_status 1
	expect_stderr 'both write site/about/index.html'
	expect_stderr 'the view card of content/films/'
}

test_build_theme_without_theme_yml() {
	site_copy
	cp -r "$THEME" "$T/theme"
	rm "$T/theme/theme.yml"
	build --theme "$T/theme"
	expect_status 0
	[ ! -e "$T/p/site/embed" ] || fail "views made without theme.yml"
	[ ! -e "$T/p/site/weeks/2024-W27.json" ] || fail "a page's JSON without feed_json"
	# with no feed section named, the feeds carry every regular page, as Hugo's do
	grep -q '/about/</link>' "$T/p/site/index.xml" || fail "the feed lacks a regular page"
	grep -q '/films/dune-part-two/</link>' "$T/p/site/index.xml" || fail "the feed lacks a film"
}

test_build_tmdb_credit_follows_the_data() {
	site_copy
	sed -i '/"tmdb_id": 1,/d' "$T/p/content/films/small-film.md"
	sed -i '/"tmdb": true,/d' "$T/p/content/weeks/2024-W27.md"
	build
	expect_status 0
	grep -q 'themoviedb.org' "$T/p/site/films/dune-part-two/index.html" || fail "no credit with a tmdb_id"
	grep -q 'themoviedb.org' "$T/p/site/embed/films/dune-part-two/index.html" || fail "no credit on its card"
	for f in films/small-film/index.html embed/films/small-film/index.html weeks/2024-W27/index.html; do
		grep -q 'themoviedb.org' "$T/p/site/$f" && fail "$f credits TMDB without TMDB data"
	done
	true
}

# restore_content: content/ back to what it was when saved with save_content.
save_content() {
	rm -rf "$T/content.saved"
	cp -r "$T/p/content" "$T/content.saved"
}
restore_content() {
	rm -rf "$T/p/content"
	cp -r "$T/content.saved" "$T/p/content"
}

test_build_cut_short_commit_is_repaired() {
	site_copy
	build
	expect_status 0
	save_content
	# several changed files to rename into place at the commit
	printf '\nA change.\n' >>"$T/p/content/about.md"
	sed -i 's/"title": "A Small Film"/"title": "A Retitled Film"/' "$T/p/content/films/small-film.md"
	MARQUEE_FAULT=rename:3 build
	expect_status 1
	expect_stderr 'cannot replace'
	# Some files are new, the others old. With the content as it was before,
	# the next build must not take the new ones for what the manifest says.
	restore_content
	build
	expect_status 0
	same_as_fresh "after a failed rename, the content as before"
	# With the change kept, the next build finishes the update.
	printf '\nA change.\n' >>"$T/p/content/about.md"
	MARQUEE_FAULT=rename:1 build
	expect_status 1
	build
	expect_status 0
	same_as_fresh "after a failed rename, the change kept"
	# What the manifest is trusted for is checked: a file cut short by hand
	# or a link put in its place is made again.
	: >"$T/p/site/about/index.html"
	rm "$T/p/site/history/index.html"
	ln -s ../about/index.html "$T/p/site/history/index.html"
	build
	expect_status 0
	[ -L "$T/p/site/history/index.html" ] && fail "a link in the site was trusted"
	same_as_fresh "after files were changed in the site"
}

# leftovers DIR: the temporary files and folders of builds under or beside
# DIR (there are none when every build ended or was cleaned up after).
leftovers() {
	{
		find "$1" -name '.*.tmp*' -o -name '.marquee-staging*'
		find "$(dirname "$1")" -maxdepth 1 -name ".$(basename "$1").new*"
	} 2>/dev/null
}

expect_no_leftovers() {
	got=$(leftovers "$1" | head -5)
	[ -z "$got" ] || fail "left behind: $got"
}

test_build_killed_leaves_nothing_for_ever() {
	site_copy
	build
	expect_status 0
	save_content
	# killed while writing the changed files, then while renaming them
	printf '\nA change.\n' >>"$T/p/content/about.md"
	sed -i 's/"title": "A Small Film"/"title": "A Retitled Film"/' "$T/p/content/films/small-film.md"
	MARQUEE_FAULT=write:3:kill build
	expect_status 137
	[ -n "$(leftovers "$T/p/site")" ] || fail "the kill left nothing: the test proves nothing"
	build
	expect_status 0
	expect_no_leftovers "$T/p/site"
	same_as_fresh "after a kill while writing"
	restore_content
	printf '\nAnother change.\n' >>"$T/p/content/about.md"
	sed -i 's/"title": "A Small Film"/"title": "A Third Title"/' "$T/p/content/films/small-film.md"
	MARQUEE_FAULT=rename:2:kill build
	expect_status 137
	restore_content
	build
	expect_status 0
	expect_no_leftovers "$T/p/site"
	same_as_fresh "after a kill among the renames, the content as before"
	# a first build killed: its new folder beside the site
	MARQUEE_FAULT=write:3:kill build --out "$T/p/first"
	expect_status 137
	[ -n "$(leftovers "$T/p/first")" ] || fail "the kill of a first build left nothing"
	build --out "$T/p/first"
	expect_status 0
	expect_no_leftovers "$T/p/first"
	# A leftover whose process still runs is left alone, unless it is an
	# hour old; one whose process is gone goes.
	sleep 300 &
	alive=$!
	mkdir "$T/p/site/.marquee-staging-$alive" "$T/p/.site.new-$alive-abcdef"
	mkdir "$T/p/site/.marquee-staging-$((alive + 1000000))" "$T/p/.site.new-zyxwvu"
	touch -d '2 hours ago' "$T/p/.site.new-zyxwvu"
	build
	expect_status 0
	[ -d "$T/p/site/.marquee-staging-$alive" ] && [ -d "$T/p/.site.new-$alive-abcdef" ] ||
		{ kill "$alive"; fail "a running build's folders were removed"; }
	[ ! -e "$T/p/site/.marquee-staging-$((alive + 1000000))" ] && [ ! -e "$T/p/.site.new-zyxwvu" ] ||
		{ kill "$alive"; fail "a dead build's folders were kept"; }
	kill "$alive"
	wait "$alive" 2>/dev/null
	build
	expect_status 0
	expect_no_leftovers "$T/p/site"
}

# Builds killed at whatever point a signal finds them: whatever it was, the
# next build cleans up and the site is what a build from nothing makes.
test_build_killed_at_random_points() {
	site_copy
	cp -r "$THEME" "$T/theme"
	THEME="$T/theme"
	i=0
	while [ "$i" -lt 400 ]; do
		printf -- '---\ntitle: Page %d\ndate: 2024-01-01\n---\nText %d.\n' "$i" "$i" >"$T/p/content/films/p$i.md"
		i=$((i + 1))
	done
	build
	expect_status 0
	for delay in 0.02 0.05 0.1 0.15 0.2 0.3 0.4 0.6; do
		# every page changes: each build rewrites the whole site in place
		sed -i "s|</body>|<!-- $delay --></body>|" "$T/theme/partials/base.mustache"
		"$MARQUEE" -C "$T/p" -q build --theme "$THEME" --jobs 1 >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	build
	expect_status 0
	expect_no_leftovers "$T/p/site"
	same_as_fresh "after builds killed at random points"
}

# content_temps: the temporary files `marquee content` writes its pages through.
content_temps() {
	find content -name '.*.tmp.*' 2>/dev/null | head -5
}

test_content_killed_leaves_nothing_for_ever() {
	printf 'model:\n  metric: first_week_admissions\n' >marquee.yml
	run "$MARQUEE" import --source g "$ROOT/tests/golden/history.csv"
	expect_status 0
	run "$MARQUEE" train
	expect_status 0
	# killed while writing its 5th page
	MARQUEE_FAULT=write:5:kill run "$MARQUEE" content
	expect_status 137
	[ -n "$(content_temps)" ] || fail "the kill left nothing: the test proves nothing"
	run "$MARQUEE" content
	expect_status 0
	[ -z "$(content_temps)" ] || fail "left behind: $(content_temps)"
	# a writer that still runs keeps its file, unless it is an hour old
	sleep 300 &
	alive=$!
	touch "content/.about.md.tmp.$alive" "content/.notes.md.tmp.$alive.x" "content/films/.old.md.tmp.$alive"
	touch -d '2 hours ago' "content/films/.old.md.tmp.$alive"
	run "$MARQUEE" content
	kill "$alive"
	expect_status 0
	[ -f "content/.about.md.tmp.$alive" ] || fail "a running writer's file was removed"
	[ -f "content/.notes.md.tmp.$alive.x" ] || fail "a file of another form was removed"
	[ ! -e "content/films/.old.md.tmp.$alive" ] || fail "an hour-old temporary file was kept"
}

# serve_start [ARGS...]: marquee serve in the background on a port of this
# test ($pid, $port; -v when $VERBOSE is set); waits until it serves.
serve_start() {
	port=$((20000 + ($$ + ${PORT_OFFSET:-29}) % 20000))
	"$MARQUEE" ${VERBOSE:+-v} -C "$T/p" serve --theme "$THEME" --port "$port" "$@" >"$T/serve.out" 2>"$T/serve.err" &
	pid=$!
	for _ in $(seq 1 40); do
		grep -q serving "$T/serve.out" 2>/dev/null && return
		sleep 0.25
	done
	kill "$pid"
	fail "serve did not start: $(cat "$T/serve.err")"
}

# serve_stop: stops it as Ctrl-C does, and waits for it to end.
serve_stop() {
	kill -INT "$pid"
	wait "$pid"
	serve_status=$?
}

test_serve_leaves_the_site_alone() {
	site_copy
	build
	expect_status 0
	site_before=$(tree_sum "$T/p/site")
	mkdir "$T/tmp"
	TMPDIR="$T/tmp" XDG_RUNTIME_DIR="" serve_start
	preview=$(sed -n 's/^serving \(.*\)\/ at .*/\1/p' "$T/serve.out")
	case "$preview" in "$T/tmp/marquee-preview-"*/site) ;; *) kill "$pid"; fail "preview in $preview" ;; esac
	[ "$(stat -c %a "$(dirname "$preview")")" = 700 ] || { kill "$pid"; fail "the preview is readable by others"; }
	after_rebuild sh -c "printf -- '---\ntitle: Previewed page\n---\nNew.\n' >'$T/p/content/previewed.md'"
	grep -q 'Previewed page' "$preview/previewed/index.html" || { kill "$pid"; fail "not previewed"; }
	grep -q "http://127.0.0.1:$port/" "$preview/sitemap.xml" || { kill "$pid"; fail "the preview's address"; }
	serve_stop
	expect_eq "$serve_status" 0 "serve's exit status"
	expect_eq "$(tree_sum "$T/p/site")" "$site_before" "site/ after serve"
	grep -r -l '127\.0\.0\.1' "$T/p/site" && fail "site/ points at the preview"
	[ -z "$(ls -A "$T/tmp")" ] || fail "the preview was left: $(ls -A "$T/tmp")"
	# a preview left by a serve that was killed goes at the next start
	TMPDIR="$T/tmp" XDG_RUNTIME_DIR="" serve_start
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	[ -n "$(ls -A "$T/tmp")" ] || fail "the killed serve left nothing: the test proves nothing"
	TMPDIR="$T/tmp" XDG_RUNTIME_DIR="" serve_start
	serve_stop
	[ -z "$(ls -A "$T/tmp")" ] || fail "a killed serve's preview was left: $(ls -A "$T/tmp")"
	# the preview of a serve still running is kept, however old
	sleep 60 &
	running=$!
	mkdir -p "$T/tmp/marquee-preview-$running-abcdef/site"
	touch -d '2 hours ago' "$T/tmp/marquee-preview-$running-abcdef"
	TMPDIR="$T/tmp" XDG_RUNTIME_DIR="" serve_start
	serve_stop
	kill "$running"
	[ -d "$T/tmp/marquee-preview-$running-abcdef/site" ] || fail "a running serve's preview was removed"
}

# Git stores symbolic links: content written by others may hold links to
# anything on the machine that builds (a CI runner's environment). None is
# followed, wherever it points.
test_build_follows_no_link() {
	site_copy
	mkdir -p "$T/outside/dir" "$T/p/static" "$T/p/partials"
	printf 'SECRET=outside-file\n' >"$T/outside/secret.txt"
	printf -- '---\ntitle: Outside page\n---\nSECRET=outside-page\n' >"$T/outside/dir/page.md"
	printf 'SECRET=outside-css\n' >"$T/outside/dir/x.css"
	printf '{"secret": "SECRET=outside-data"}\n' >"$T/outside/data.json"
	printf 'SECRET=outside-partial\n' >"$T/outside/p.mustache"
	ln -s /proc/self/environ "$T/p/content/env.txt"
	ln -s "$T/outside/secret.txt" "$T/p/content/secret.txt"
	ln -s "$T/outside/dir" "$T/p/content/linked"
	ln -s "$T/outside/data.json" "$T/p/content/_data/linked.json"
	ln -s "$T/outside/secret.txt" "$T/p/static/secret.txt"
	ln -s "$T/outside/p.mustache" "$T/p/partials/tmdb.mustache"
	# inside the project, a link is not followed either
	ln -s ../about.md "$T/p/content/films/about-again.md"
	ln -s ../films "$T/p/content/weeks/loop"
	SECRET=from-the-environment build
	expect_status 0
	expect_stderr 'content/env.txt: a symbolic link: not followed'
	expect_stderr 'content/linked: a symbolic link: not followed'
	expect_stderr 'partials/tmdb.mustache: a symbolic link: not followed'
	for f in env.txt secret.txt linked films/about-again weeks/loop; do
		[ ! -e "$T/p/site/$f" ] || fail "site/$f was published"
	done
	grep -r -l 'SECRET=' "$T/p/site" && fail "what a link points at was published"
	# nor by serve, when a link appears while it runs
	PORT_OFFSET=31 serve_start --out "$T/p/preview"
	after_rebuild ln -s "$T/outside/secret.txt" "$T/p/content/films/late.txt"
	after_rebuild ln -s "$T/outside/dir" "$T/p/content/films/late"
	serve_stop
	[ ! -e "$T/p/preview/films/late.txt" ] && [ ! -e "$T/p/preview/films/late" ] ||
		fail "serve published a link"
	grep -r -l 'SECRET=' "$T/p/preview" && fail "what a link points at was previewed"
	true
}

# A message may quote what content or a request holds: no control character
# of it reaches the terminal as such (ESC could rewrite the screen, set the
# window's title, ...).
test_messages_escape_control_characters() {
	site_copy
	# (written with YAML's escapes: the file itself holds no control character)
	cat >"$T/p/content/odd.md" <<'MD'
---
title: Odd
date: "2024-13-45\e]0;pwned\a\e[2J"
---
MD
	build
	expect_status 1
	expect_stderr 'content/odd.md:3: front matter: date "2024-13-45\x1b]0;pwned\x07\x1b[2J" is not a date'
	grep -q "$(printf '\033')" "$T/.err" && fail "an escape character reached the terminal"
	cat >"$T/p/content/odd.md" <<'MD'
---
title: Odd
layout: "x\x9by\u202ez\x01"
---
MD
	build
	expect_status 1
	expect_stderr 'layout "x\u009by\u202ez\x01" must be a name'
	rm "$T/p/content/odd.md"
	# serve's log of requests, the path as asked and as decoded
	VERBOSE=1 PORT_OFFSET=37 serve_start --out "$T/p/preview"
	python3 - "$port" <<'PY' || { kill "$pid"; fail "request"; }
import socket, sys
for target in (b"/\x1b[31mred", b"/%1b%5b2Jgone"):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
    s.sendall(b"GET " + target + b" HTTP/1.0\r\n\r\n")
    while s.recv(4096):
        pass
    s.close()
PY
	serve_stop
	grep -q "$(printf '\033')" "$T/serve.err" "$T/serve.out" && fail "an escape character reached the terminal"
	grep -q 'red' "$T/serve.err" || fail "the request was not logged"
	true
}

# Browsers open sockets ahead of need and leave them idle; a request may
# come slowly, or its reply be read slowly. None of them holds up another
# request or a rebuild. The times are generous for a busy machine, and each
# wait is bounded: a server that serves one connection at a time fails them
# (it gives each held connection seconds), it does not hang on them.
test_serve_answers_beside_idle_and_slow_connections() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	site_copy
	head -c 16000000 /dev/zero >"$T/p/content/big.bin"
	PORT_OFFSET=41 serve_start --out "$T/p/preview"
	python3 - "$port" "$T/p/content" >"$T/held.out" 2>&1 <<'PY' ||
import socket, sys, time, urllib.error, urllib.request
port, content = int(sys.argv[1]), sys.argv[2]
def connect(rcvbuf=0):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.connect(("127.0.0.1", port))
    return s
held = [connect() for _ in range(40)]  # pre-connected, idle: more than serve takes at once
held.append(connect())
held[-1].sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # half a request
held.append(connect(4096))
held[-1].sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")          # a reply not read
def get(path, limit=3):
    t = time.monotonic()
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=limit) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, b""
    except TimeoutError:
        sys.exit("GET %s: no answer within %d s" % (path, limit))
    took = time.monotonic() - t
    print("GET %s: %d in %.3f s" % (path, status, took))
    if took > limit:
        sys.exit("GET %s took %.3f s" % (path, took))
    return status, body
for _ in range(3):
    if get("/")[1].find(b"<html") < 0:
        sys.exit("GET / is not the home page")
with open(content + "/held.md", "w") as f:
    f.write("---\ntitle: Written while held\n---\nHi.\n")
t = time.monotonic()
while get("/held/")[1].find(b"Written while held") < 0:
    if time.monotonic() - t > 3:
        sys.exit("no rebuild within 3 s while connections were held")
    time.sleep(0.05)
print("rebuilt and served in %.3f s" % (time.monotonic() - t))
PY
		{ kill "$pid"; cat "$T/held.out" >&2; fail "a held connection delayed others"; }
	serve_stop
	expect_eq "$serve_status" 0 "serve's exit status"
}

# Each connection has a deadline: one that asks nothing within 5 s is
# closed without a word (a browser's spare socket), a request still coming
# then is answered 408, and a reply not read for 10 s is cut.
test_serve_closes_idle_and_slow_connections() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	site_copy
	head -c 16000000 /dev/zero >"$T/p/content/big.bin"
	PORT_OFFSET=43 serve_start --out "$T/p/preview"
	python3 - "$port" >"$T/deadlines.out" 2>&1 <<'PY' ||
import socket, sys, time
port = int(sys.argv[1])
def connect(rcvbuf=0):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.connect(("127.0.0.1", port))
    s.settimeout(20)
    return s
def read_all(s):
    got = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return got
            got += chunk
    except ConnectionResetError:
        return got
t0 = time.monotonic()
idle, half, slow = connect(), connect(), connect(4096)
half.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
slow.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
got = read_all(idle)
took = time.monotonic() - t0
print("idle: closed after %.3f s with %d bytes" % (took, len(got)))
if got or not 4 <= took <= 15:
    sys.exit("an idle connection: %d bytes after %.3f s, want none after 5 s" % (len(got), took))
got = read_all(half)
print("half a request: %.3f s: %r" % (time.monotonic() - t0, got[:30]))
if not got.startswith(b"HTTP/1.1 408 "):
    sys.exit("half a request: %r, want a 408" % got[:60])
time.sleep(max(0, t0 + 13 - time.monotonic()))
got = read_all(slow)
print("a reply not read: %d bytes of 16000000 and more" % len(got))
if len(got) >= 16000000:
    sys.exit("a reply not read for 13 s was sent whole")
PY
		{ kill "$pid"; cat "$T/deadlines.out" >&2; fail "deadlines"; }
	serve_stop
	expect_eq "$serve_status" 0 "serve's exit status"
}

# xml_ok FILE...: each file is well-formed XML.
xml_ok() {
	python3 -c 'import sys, xml.etree.ElementTree as E
for f in sys.argv[1:]:
    E.parse(f)' "$@" 2>"$T/xml.err" || fail "not well-formed XML: $(cat "$T/xml.err")"
}

# File names are written by others: the site's URLs, sitemap and feeds stay
# well-formed whatever they are.
test_build_file_names_make_valid_urls() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	site_copy
	printf -- '---\ntitle: Café\ndate: 2024-07-02\n---\nHi.\n' >"$T/p/content/weeks/café crème.md"
	cat >"$T/p/content/weeks/odd-title.md" <<'MD'
---
title: "A \x01 title \x7f with <controls>"
date: 2024-07-01
---
MD
	build
	expect_status 0
	[ -f "$T/p/site/weeks/café-crème/index.html" ] || fail "the page of a non-ASCII file name"
	grep -q '<loc>https://cinema.example/weeks/caf%C3%A9-cr%C3%A8me/</loc>' "$T/p/site/sitemap.xml" ||
		fail "the sitemap's URL is not percent-encoded"
	grep -q '"url":."https://cinema.example/weeks/caf%C3%A9-cr%C3%A8me/"' "$T/p/site/feed.json" ||
		fail "the JSON feed's URL is not percent-encoded"
	xml_ok "$T/p/site/sitemap.xml" "$T/p/site/index.xml"
	# a name that is not UTF-8, or holds a control character, is refused by name
	printf 'x\n' >"$T/p/content/films/$(printf 'caf\351').md"
	build
	expect_status 1
	expect_stderr 'content/films/caf\xe9.md: the file name is not UTF-8 text'
	rm "$T/p/content/films/$(printf 'caf\351').md"
	printf 'x\n' >"$T/p/content/$(printf 'new\nline').png"
	build
	expect_status 1
	expect_stderr 'content/new\x0aline.png: the file name is not UTF-8 text'
}

# The manifest is read back: an entry naming a path outside the site (a
# site's folder copied from elsewhere, a hand edit) makes it untrusted, and
# the next build a full one; nothing outside the site is removed.
test_build_manifest_paths_stay_inside() {
	site_copy
	build
	expect_status 0
	printf 'keep me\n' >"$T/p/victim.txt"
	printf '0000000000000000 8 0000000000000000 ../victim.txt\n' >>"$T/p/site/.marquee-manifest"
	build
	expect_status 0
	[ -f "$T/p/victim.txt" ] || fail "a file outside the site was removed"
	same_as_fresh "after a manifest naming a path outside"
}

# Front matter written as JSON is read as JSON: whatever its strings hold
# comes out exactly (YAML 1.1 takes U+0085, U+2028, U+2029 for line breaks).
test_build_json_front_matter_keeps_every_character() {
	site_copy
	title=$(printf 'Next\302\205Line \342\200\250Sep \342\200\251Par \\u0085escaped')
	want=$(printf 'Next\302\205Line \342\200\250Sep \342\200\251Par \302\205escaped')
	printf -- '---\n{\n "title": "%s",\n "date": "2024-07-02"\n}\n---\nText.\n' "$title" >"$T/p/content/weeks/nel.md"
	build
	expect_status 0
	grep -q -F "<title>$want" "$T/p/site/weeks/nel/index.html" || fail "the title changed on its way"
	python3 - "$T/p/site/feed.json" "$want" <<'PY' || fail "the feed's title changed"
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))["items"]
assert any(i["title"] == sys.argv[2] for i in items), [i["title"] for i in items]
PY
	# errors still name the file and line
	printf -- '---\n{\n "title": "A",\n "date": "2024-13-45"\n}\n---\n' >"$T/p/content/weeks/nel.md"
	build
	expect_status 1
	expect_stderr 'content/weeks/nel.md:4: front matter: date "2024-13-45" is not a date'
	printf -- '---\n{\n "title": "A",\n "title": "B"\n}\n---\n' >"$T/p/content/weeks/nel.md"
	build
	expect_status 1
	expect_stderr 'content/weeks/nel.md:4: "title" is given twice in one mapping'
	printf -- '---\n{\n "title": "A",\n "date": 2024-07-02\n}\n---\n' >"$T/p/content/weeks/nel.md"
	build
	expect_status 1
	expect_stderr 'content/weeks/nel.md:4: front matter: starts with "{" but is not a JSON object'
	printf -- '---\n{"title": "A\377"}\n---\n' >"$T/p/content/weeks/nel.md"
	build
	expect_status 1
	expect_stderr 'content/weeks/nel.md:2: front matter: not UTF-8 text'
}

# timed SECONDS CMD...: run CMD..., failing when it uses more than SECONDS
# of CPU time (what the limits below prevent takes tens of seconds, or never
# ends). CPU time, not wall time, so that a loaded machine does not fail it;
# under valgrind, which is many times slower, only the wall bound holds.
timed() {
	limit=$1
	shift
	[ -z "${MARQUEE_VALGRIND:-}" ] || limit=unlimited
	( ulimit -t "$limit"; exec timeout 120 "$@" ) >"$T/.out" 2>"$T/.err"
	status=$?
	[ "$status" -ne 124 ] || fail "still running after 120 s: $*"
	[ "$status" -ne 152 ] && [ "$status" -ne 137 ] || fail "took more than $limit s of CPU: $*"
}

# Front matter is written by others: its size and depth are bounded before
# libyaml sees it, and its keys are checked by hash, so a build's time grows
# with the text, not faster (50,000 keys took 11 s, [ nested 100,000 deep 46 s).
test_build_front_matter_is_bounded() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	site_copy
	f="$T/p/content/films/big.md"
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Many keys\n" + "".join("k%d: 1\n" % i for i in range(80000)) + "---\nHi.\n")' >"$f"
	timed 5 "$MARQUEE" -C "$T/p" build --theme "$THEME"
	expect_status 0
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Deep\nx: " + "[" * 100000 + "\n---\n")' >"$f"
	timed 5 "$MARQUEE" -C "$T/p" build --theme "$THEME"
	expect_status 1
	expect_stderr 'content/films/big.md:3: flow collections ([...], {...}) nest more than 64 deep'
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Deep\nx:\n" + "".join(" " * i + "- \n" for i in range(0, 200, 2)) + "---\n")' >"$f"
	build
	expect_status 1
	expect_stderr 'content/films/big.md:67: collections nest more than 64 deep'
	python3 -c 'import sys
sys.stdout.write("---\n{\"title\": \"Deep\", \"x\": " + "[" * 70 + "]" * 70 + "}\n---\n")' >"$f"
	build
	expect_status 1
	expect_stderr 'content/films/big.md:2: front matter: collections nest more than 64 deep'
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Long\nx: \"" + "a" * (1 << 20) + "\"\n---\n")' >"$f"
	build
	expect_status 1
	expect_stderr 'content/films/big.md:2: front matter: 1048594 bytes, more than the 1048576 a page may have'
}

# cmark-gfm's time and memory grow faster than the text for wide tables and
# long runs of autolinks: the Markdown is held to limits first, and a page
# over them is refused by name and line.
test_build_markdown_is_bounded() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	site_copy
	f="$T/p/content/films/big.md"
	# a table of 100 columns whose rows have one cell: each is made 100 wide
	python3 -c 'import sys
cols = 100
sys.stdout.write("---\ntitle: Wide\n---\nIntro.\n\n" + "|" + "|".join("c%d" % i for i in range(cols)) + "|\n"
                 + "|" + "|".join("-" * cols) + "|\n" + "|x|\n" * 15000)' >"$f"
	timed 5 "$MARQUEE" -C "$T/p" build --theme "$THEME"
	expect_status 1
	expect_stderr 'content/films/big.md:987: tables of more than 100000 cells in one page'
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Wide row\n---\n" + "|a" * 60000 + "|\n" + "|-" * 60000 + "|\n")' >"$f"
	timed 5 "$MARQUEE" -C "$T/p" build --theme "$THEME"
	expect_status 1
	expect_stderr 'content/films/big.md:5: a table row of 60002 cells, more than the 1000 a row may have'
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Links\n---\n\nSee " + "www.a_" * 40000 + "\n")' >"$f"
	timed 5 "$MARQUEE" -C "$T/p" build --theme "$THEME"
	expect_status 1
	expect_stderr 'content/films/big.md:5: 240000 characters without a space, holding "www." or "@" 40000 times'
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Long\n---\n" + ("Some words. " * 9 + "\n") * 40000)' >"$f"
	build
	expect_status 1
	expect_stderr 'content/films/big.md:4: 4360000 bytes of Markdown, more than the 4194304 a page may have'
	# a table of ordinary size is built
	python3 -c 'import sys
sys.stdout.write("---\ntitle: Fine\n---\n| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 500 + "\nwww.example.com and a@b.example\n")' >"$f"
	build
	expect_status 0
	grep -q '<table>' "$T/p/site/films/big/index.html" || fail "the table was not made"
}
