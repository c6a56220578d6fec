# The machine-readable files of a built site, read as their readers would:
# RSS and JSON Feed parsed and checked for the weeks' picks, the sitemap's
# dates, the per-week JSON, robots.txt for the manager's and the public
# site, and every JSON-LD document against schema.org (tests/check_jsonld.py).

# golden_site [LANG]: the golden scenario's project in $T/g (a small store,
# six published weeks), built.
golden_site() {
	mkdir -p "$T/g"
	(cd "$T/g" && sh "$ROOT/tests/golden/run.sh" "${1:-en}") >"$T/golden.out" 2>&1 ||
		{ cat "$T/golden.out" >&2; fail "the golden scenario did not build"; }
}

need_python() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
}

test_feeds_carry_the_picks() {
	need_python
	golden_site
	python3 - "$T/g/site" "$T/g/content" <<'PY' || fail "feeds"
import json, os, re, sys, xml.etree.ElementTree as ET
site, content = sys.argv[1], sys.argv[2]
def front(path):
    text = open(path, encoding="utf-8").read()
    return json.loads(text.split("---\n")[1].split("\n", 1)[1])
weeks = {f[:-3]: front(os.path.join(content, "weeks", f))
         for f in os.listdir(os.path.join(content, "weeks")) if f != "_index.md"}
bad = []
rss = ET.parse(os.path.join(site, "index.xml")).getroot().find("channel")
if "first-week admissions" not in rss.findtext("description"):
    bad.append("the RSS channel does not name the metric: %r" % rss.findtext("description"))
items = rss.findall("item")
if len(items) != len(weeks):
    bad.append("%d RSS items for %d weeks" % (len(items), len(weeks)))
feed = json.load(open(os.path.join(site, "feed.json"), encoding="utf-8"))
if feed.get("version") != "https://jsonfeed.org/version/1.1" or "first-week admissions" not in feed.get("description", ""):
    bad.append("JSON Feed: version or description")
for item, jitem in zip(items, feed["items"]):
    week = item.findtext("link").rstrip("/").split("/")[-1]
    picks = [p["film"]["title"] for p in weeks[week]["picks"]]
    for text, what in ((item.findtext("description"), "RSS"), (jitem.get("content_text", ""), "JSON Feed")):
        for title in picks:
            if title not in text:
                bad.append("%s item %s lacks the pick %r: %r" % (what, week, title, text))
# the sitemap's dates are the pages' dates
dates = {}
for root, _, files in os.walk(content):
    for f in files:
        if f.endswith(".md"):
            text = open(os.path.join(root, f), encoding="utf-8").read()
            m = re.search(r'"date": "([0-9-]+)"', text) or re.search(r"^date: ([0-9-]+)$", text, re.M)
            if m and f != "_index.md":
                rel = os.path.relpath(os.path.join(root, f[:-3]), content)
                dates[rel] = m.group(1)
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
for url in ET.parse(os.path.join(site, "sitemap.xml")).getroot().findall("s:url", ns):
    loc, lastmod = url.findtext("s:loc", namespaces=ns), url.findtext("s:lastmod", namespaces=ns)
    rel = loc.replace("https://cinema.example/", "").rstrip("/")
    if rel in dates and lastmod != dates[rel]:
        bad.append("sitemap: %s lastmod %s, the page's date is %s" % (loc, lastmod, dates[rel]))
    if rel == "weeks" and lastmod != max(w["date"] for w in weeks.values()):
        bad.append("sitemap: the weeks' list should change with its newest week, not %s" % lastmod)
# the JSON beside each week: its url is the week's page, absolute
for week in weeks:
    data = json.load(open(os.path.join(site, "weeks", week + ".json"), encoding="utf-8"))
    if data.get("url") != "https://cinema.example/weeks/%s/" % week:
        bad.append("weeks/%s.json: url %r does not resolve to the week" % (week, data.get("url")))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

test_jsonld_is_schema_org() {
	need_python
	golden_site
	python3 "$ROOT/tests/check_jsonld.py" "$T/g/site" || fail "JSON-LD of the golden site"
	grep -q '"streetAddress": "12 rue des Lumières"' "$T/g/site/index.html" || fail "the theatre's address"
	cp -r "$ROOT/tests/generator/site" "$T/p"
	"$MARQUEE" -C "$T/p" -q build --theme "$ROOT/themes/default" || fail "the fixture site"
	python3 "$ROOT/tests/check_jsonld.py" "$T/p/site" || fail "JSON-LD of the fixture site"
}

test_manager_site_is_not_indexed() {
	golden_site
	expect_eq "$(cat "$T/g/site/robots.txt")" "$(printf 'User-agent: *\nDisallow: /')" "robots.txt"
	for f in index.html weeks/2023-W29/index.html history/index.html; do
		grep -q '<meta name="robots" content="noindex, nofollow">' "$T/g/site/$f" || fail "$f may be indexed"
	done
}

test_public_site_has_no_business_figures() {
	golden_site
	printf '  public: true\n' >"$T/g/public.yml"
	sed '/^site:/r '"$T/g/public.yml" "$T/g/marquee.yml" >"$T/g/m2" && mv "$T/g/m2" "$T/g/marquee.yml"
	run "$MARQUEE" -C "$T/g" content
	expect_status 0
	run "$MARQUEE" -C "$T/g" build
	expect_status 0
	s="$T/g/site"
	grep -q 'Allow: /' "$s/robots.txt" && grep -q 'Sitemap: https://cinema.example/sitemap.xml' "$s/robots.txt" ||
		fail "a public site should be indexed"
	grep -rq 'noindex' "$s/index.html" && fail "a public page asks not to be indexed"
	[ ! -e "$s/history/index.html" ] && [ ! -e "$s/model/index.html" ] || fail "history or model published"
	[ ! -e "$T/g/content/history.md" ] || fail "content/history.md left on a public site"
	# no figure of the business or the model, anywhere: pages, feeds, JSON
	for key in predicted expected_revenue expected_profit expected_attendance fixed_costs \
		lower upper occupancy share economics candidates p_sellout reasons lost_by; do
		grep -rlq "\"$key\"" "$s" "$T/g/content" && fail "\"$key\" on the public site: $(grep -rl "\"$key\"" "$s" "$T/g/content" | head -3)"
	done
	for word in Predicted 'Expected' 'revenue' 'profit' 'interval' 'local share'; do
		grep -rlq "$word" "$s" --include='*.html' && fail "\"$word\" on the public site: $(grep -rl "$word" "$s" --include='*.html' | head -3)"
	done
	grep -q 'class="showtimes"' "$s/index.html" || fail "the public home page lacks the showtimes"
	grep -q 'https://tickets.example/book?film=' "$s/index.html" || fail "the public home page lacks the booking link"
	true
}
