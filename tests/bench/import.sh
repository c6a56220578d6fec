#!/bin/sh
# Import speed and memory: a generated 100,000-row CSV (canonical columns,
# quoted titles, lists, thousands separators), imported into fresh stores
# five times; prints the median rows per second and the peak memory, next
# to the same for a 10,000-row file, so memory can be seen not to grow with
# the file.
set -eu
MARQUEE="${MARQUEE:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_csv() { # ROWS FILE
	awk -v n="$1" 'BEGIN {
		print "id,title,release_date,runtime_min,genres,director,cast,distributor,countries,languages,budget_usd,first_week_admissions,total_admissions"
		for (i = 1; i <= n; i++) {
			y = 1990 + i % 35; m = 1 + i % 12; d = 1 + i % 28
			printf "%d,\"Film %d, part %d\",%04d-%02d-%02d,%d,Drame;Comédie,Director %d,Actor %d;Actor %d;Actor %d,Distrib %d,France;Belgique,Français,%d,\"%d %03d\",%d\n",
				i, i, i % 7, y, m, d, 80 + i % 60, i % 5000, i % 20000, (i * 7) % 20000, (i * 13) % 20000, i % 50, 1000000 * (i % 90), i % 900, i % 1000, i * 3
		}
	}' >"$2"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench() { # ROWS
	make_csv "$1" "$work/films.csv"
	: >"$work/times"
	: >"$work/rss"
	for run in 1 2 3 4 5; do
		rm -rf "$work/data"
		/usr/bin/time -f '%e %M' -o "$work/t" "$MARQUEE" -q -C "$work" import --source bench films.csv
		read -r secs kb <"$work/t"
		echo "$secs" >>"$work/times"
		echo "$kb" >>"$work/rss"
	done
	secs=$(median <"$work/times")
	kb=$(median <"$work/rss")
	awk -v n="$1" -v s="$secs" -v kb="$kb" 'BEGIN {
		printf "import %6d rows: median %.2f s, %.0f rows/s, peak RSS %.1f MiB (5 runs)\n", n, s, (s > 0 ? n / s : 0), kb / 1024 }'
}

bench 10000
bench 100000
