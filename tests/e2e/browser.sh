# The site as its readers see it, in a real browser: Debian's Chromium,
# headless, driven by tests/browser/readers.js (playwright-core, installed by
# `make test` from tests/browser/package-lock.json). The demo's site is built
# in English and French and served on 127.0.0.1; the checks are listed at
# the top of readers.js. MARQUEE_SHOTS=DIR keeps the screenshots.

browser_ready() {
	CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
	[ -n "$CHROMIUM" ] || skip "chromium is not installed (.ci/deps.sh installs it)"
	command -v node >/dev/null 2>&1 || skip "node is not installed (.ci/deps.sh installs npm)"
	[ -f "$ROOT/tests/browser/node_modules/playwright-core/package.json" ] ||
		skip "playwright-core is not installed: make test runs npm ci in tests/browser (npm's registry unreachable?)"
	export CHROMIUM
}

# project LANG: the demo's project in $T/LANG, its pages in that language.
project() {
	mkdir -p "$T/$1"
	sed "s/^  language: en /  language: $1 /" "$ROOT/marquee.yml" >"$T/$1/marquee.yml"
	cp -r "$ROOT/themes" "$T/$1/"
	mkdir -p "$T/$1/content"
	cp "$ROOT"/content/*.md "$T/$1/content/"
	if [ "$1" = en ]; then
		"$MARQUEE" -C "$T/en" -q import "$vega" 2>/dev/null || fail "import"
		"$MARQUEE" -C "$T/en" -q replay --weeks 4 || fail "replay"
	else
		cp -r "$T/en/data" "$T/$1/"
	fi
	"$MARQUEE" -C "$T/$1" -q content || fail "content ($1)"
}

# serve LANG PORT: serves the project on 127.0.0.1:PORT for ten minutes at most.
serve() {
	timeout 600 "$MARQUEE" -C "$T/$1" serve --port "$2" >"$T/serve-$1.out" 2>"$T/serve-$1.err" &
	echo $! >"$T/serve-$1.pid"
	for _ in $(seq 40); do
		grep -q serving "$T/serve-$1.out" 2>/dev/null && return 0
		sleep 0.25
	done
	cat "$T/serve-$1.err" >&2
	fail "marquee serve did not start ($1)"
}

stop_serving() {
	for f in "$T"/serve-*.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	wait 2>/dev/null
}

test_browser_what_readers_see() {
	browser_ready
	vega="$ROOT/.cache/vega-datasets-3.2.1/movies.json"
	[ -f "$vega" ] || skip "demo data not cached (make demo-data)"
	project en
	project fr
	week=$(ls "$T/en/content/weeks" | grep -v _index | sort | tail -1 | sed 's/\.md$//')
	port=$((20000 + ($$ * 7) % 20000))
	serve en "$port"
	serve fr "$((port + 1))"
	SITES="[{\"lang\": \"en\", \"base\": \"http://127.0.0.1:$port/\", \"week\": \"$week\"},
		{\"lang\": \"fr\", \"base\": \"http://127.0.0.1:$((port + 1))/\", \"week\": \"$week\"}]"
	SITES="$SITES" TMDB=no SHOTS="${MARQUEE_SHOTS:-}" timeout 300 node "$ROOT/tests/browser/readers.js" \
		>"$T/readers.out" 2>&1
	rc=$?
	stop_serving
	cat "$T/readers.out"
	[ "$rc" -eq 0 ] || fail "what readers see (above)"
	# a browser asking for /favicon.ico is answered, not logged as an error
	grep -q 'favicon' "$T/serve-en.err" && fail "serve logged an error for a favicon"
	true
}
