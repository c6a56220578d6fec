#!/bin/sh
# Site build speed: Marquee (themes/bench) against Hugo (../shared/bench/
# hugo-theme) on the same N generated pages, in one run, side by side.
# Prints the median wall time, CPU time and peak memory of RUNS builds each,
# then the time to rebuild after one page changes: with `marquee build`, and
# in `marquee serve` after an edit of a page's text and of its title (which
# every list showing the page displays). Hugo is skipped when it
# is not installed. Not a timed test: the figures depend on the machine.
# Usage: MARQUEE=path [PAGES=10000] [RUNS=5] [SERVE_RUNS=15] sh tests/bench/ssg.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
MARQUEE="${MARQUEE:-$root/build/marquee}"
SHARED="${SHARED:-$root/../shared}"
PAGES="${PAGES:-10000}"
RUNS="${RUNS:-5}"
SERVE_RUNS="${SERVE_RUNS:-15}"

if [ ! -f "$SHARED/bench/ssg_corpus.py" ]; then
	echo "ssg bench: skipped, $SHARED/bench/ssg_corpus.py is absent"
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo "ssg bench: skipped, /usr/bin/time (Debian package time) is absent"
	exit 0
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/marquee-ssg.XXXXXX")
trap 'rm -rf "$dir"' EXIT
python3 "$SHARED/bench/ssg_corpus.py" "$PAGES" "$dir"

# median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# with_out TARGET CMD...: runs CMD with each argument equal to $out replaced by TARGET
with_out() {
	target=$1
	shift
	for a; do
		shift
		if [ "$a" = "$out" ]; then set -- "$@" "$target"; else set -- "$@" "$a"; fi
	done
	"$@"
}

# once NAME MODE OUT-DIR CMD...: one timed build, its figures appended to
# NAME.MODE.times. MODE cold: into a new folder that has never existed
# (OUT-DIR.cold-N, given in place of OUT-DIR); warm: into the output of the
# previous build, content unchanged. This machine's ext4 runs without a
# journal, and there creating files soon after many were deleted is 5 to 10
# times slower for any program (a bare Python loop of mkdir and write: 0.7 s,
# then 4 to 9 s; the kernel checks each free inode for a recent deletion). So
# cold outputs are deleted only at the end, and the two generators' runs
# alternate, so that both meet the same state of the file system.
once() {
	name=$1
	mode=$2
	out=$3
	shift 3
	target=$out
	if [ "$mode" = cold ]; then
		target=$out.cold-$i
		sync
	fi
	with_out "$target" /usr/bin/time -f "%e %U %S %M" -o "$dir/$name.one" "$@" >/dev/null 2>"$dir/$name.err" ||
		{ cat "$dir/$name.err" >&2; echo "ssg bench: $name failed" >&2; exit 1; }
	tail -n 1 "$dir/$name.one" >>"$dir/$name.$mode.times"
}

# report NAME MODE: the medians of the runs
report() {
	f="$dir/$1.$2.times"
	wall=$(awk '{ print $1 }' "$f" | median)
	cpu=$(awk '{ print $2 + $3 }' "$f" | median)
	rss=$(awk '{ print $4 }' "$f" | median)
	printf '%-8s %-4s %6d pages  wall %6.2f s  cpu %6.2f s  peak %7.1f MB  (wall: %s)\n' "$1" "$2" "$PAGES" \
		"$wall" "$cpu" "$(echo "$rss" | awk '{ print $1 / 1024 }')" "$(awk '{ printf "%s ", $1 }' "$f")"
	echo "$wall $rss" >"$dir/$1.$2.median"
}

compare() { # MODE
	read -r mw mr <"$dir/marquee.$1.median"
	read -r hw hr <"$dir/hugo.$1.median"
	awk -v m="$1" -v mw="$mw" -v hw="$hw" -v mr="$mr" -v hr="$hr" 'BEGIN {
		printf "%s: marquee is %.1fx faster than hugo in wall time and uses %.1f%% of its peak memory\n",
			m, hw / mw, 100 * mr / hr }'
}

echo "ssg bench: $PAGES pages, median of $RUNS builds each, $(nproc) cores"
have_hugo=false
if command -v hugo >/dev/null 2>&1; then
	have_hugo=true
	mkdir -p "$dir/themes"
	cp -r "$SHARED/bench/hugo-theme" "$dir/themes/bench"
	printf 'baseURL = "http://localhost/"\ntheme = "bench"\n' >"$dir/hugo.toml"
fi
for mode in cold warm; do
	if [ "$mode" = warm ]; then # the output the warm builds start from
		"$MARQUEE" -C "$dir" -q build --theme "$root/themes/bench" --out "$dir/site" >/dev/null 2>&1
		$have_hugo && hugo --quiet -s "$dir" -d "$dir/public" >/dev/null 2>&1
	fi
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		once marquee "$mode" "$dir/site" "$MARQUEE" -C "$dir" -q build --theme "$root/themes/bench" --out "$dir/site"
		$have_hugo && once hugo "$mode" "$dir/public" hugo --quiet -s "$dir" -d "$dir/public"
		i=$((i + 1))
	done
	report marquee "$mode"
	if $have_hugo; then
		report hugo "$mode"
		compare "$mode"
	else
		echo "hugo     skipped: not installed"
	fi
done

# a rebuild after one page changes
"$MARQUEE" -C "$dir" -q build --theme "$root/themes/bench" --out "$dir/site"
: >"$dir/rebuild.times"
i=0
while [ "$i" -lt "$RUNS" ]; do
	printf '\nOne more line.\n' >>"$dir/content/films/film-000000.md"
	/usr/bin/time -f "%e" -o "$dir/rebuild.one" "$MARQUEE" -C "$dir" -q build --theme "$root/themes/bench" --out "$dir/site"
	tail -n 1 "$dir/rebuild.one" >>"$dir/rebuild.times"
	i=$((i + 1))
done
printf 'marquee rebuild after one page changed: median %.2f s\n' "$(median <"$dir/rebuild.times")"

# the same in `marquee serve`, which keeps the pages loaded between rebuilds
port=$((20000 + $$ % 20000))
"$MARQUEE" -C "$dir" serve --theme "$root/themes/bench" --out "$dir/site" --port "$port" \
	>"$dir/serve.out" 2>"$dir/serve.err" &
serve_pid=$!
i=0
while [ "$i" -lt 60 ] && ! grep -q serving "$dir/serve.out" 2>/dev/null; do
	sleep 0.5
	i=$((i + 1))
done
# serve_edit KIND: one edit, then waits for serve to report its rebuild
serve_edit() {
	before=$(grep -c "rebuilt in" "$dir/serve.out" || true)
	if [ "$1" = text ]; then
		printf '\nOne more line.\n' >>"$dir/content/films/film-000000.md"
	else # the title: every list showing the page is made again
		sed -i "s/^title: \"\(.*\)\"$/title: \"\1 $i\"/" "$dir/content/films/film-000001.md"
	fi
	k=0
	while [ "$k" -lt 40 ] && [ "$(grep -c "rebuilt in" "$dir/serve.out" || true)" -le "$before" ]; do
		sleep 0.25
		k=$((k + 1))
	done
	sleep 0.1
}
for kind in text title; do
	i=0
	while [ "$i" -lt "$SERVE_RUNS" ]; do
		serve_edit "$kind"
		i=$((i + 1))
	done
	# the times so far: the text edits' first, then the title edits'
	sed -n 's/^rebuilt in \([0-9]*\) ms$/\1/p' "$dir/serve.out" >"$dir/serve.$kind.upto"
done
kill "$serve_pid" 2>/dev/null
wait "$serve_pid" 2>/dev/null
cp "$dir/serve.text.upto" "$dir/serve.text"
tail -n +"$(($(wc -l <"$dir/serve.text.upto") + 1))" "$dir/serve.title.upto" >"$dir/serve.title"
for kind in text title; do
	f="$dir/serve.$kind"
	if [ -s "$f" ]; then
		printf 'marquee serve rebuild after one page'"'"'s %s changed: median %s ms (%s rebuilds, %s to %s ms)\n' \
			"$kind" "$(median <"$f")" "$(wc -l <"$f")" "$(sort -n "$f" | head -n 1)" "$(sort -n "$f" | tail -n 1)"
	else
		echo "marquee serve rebuild after one page's $kind changed: no rebuild seen"
	fi
done
