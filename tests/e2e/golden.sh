# Golden files: what the predictor writes into content/ for a fixed small
# store (tests/golden/history.csv), in English and French, the site built
# from it, and the demo site's file hashes, compared with diff -u. After an
# intended change, `make golden` writes them anew and the commit shows the
# difference.

golden() {
	sh "$ROOT/tests/golden/compare.sh" "$1" >"$T/.out" 2>"$T/.err"
	status=$?
	[ "$status" -eq 77 ] && skip "$(cat "$T/.err")"
	[ "$status" -eq 0 ] || { cat "$T/.out"; fail "golden $1 differs (make golden after an intended change)"; }
}

test_golden_english_content_and_site() {
	golden en
}

test_golden_french_content() {
	golden fr
}

test_golden_demo_site() {
	golden demo
}
