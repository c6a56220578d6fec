#!/bin/sh
# Similar films: the index and every film's top 5 over 10,000 generated films
# (tests/bench/bench_similar.c; fixed seed), median wall and CPU time of 5
# runs and the peak memory, on 2 threads (the default) and on 1, then with a
# posting cap of 150 (common features kept out of the scan, the bound-checked
# way; same results). Target: under 5 s on a 2-core machine. The driver also
# checks a sample of films against comparing every pair, and fails if they
# differ.
# Usage: BENCH_SIMILAR=path/to/bench_similar [FILMS=10000] [RUNS=5] sh tests/bench/similar.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
BENCH_SIMILAR="${BENCH_SIMILAR:-$root/build/bench_similar}"
FILMS="${FILMS:-10000}"
RUNS="${RUNS:-5}"

if [ ! -x "$BENCH_SIMILAR" ]; then
	echo "similar bench: skipped ($BENCH_SIMILAR is absent: make build/bench_similar)"
	exit 0
fi
echo "similar bench ($(nproc) cores; target < 5 s for 10,000 films)"
"$BENCH_SIMILAR" "$FILMS" "$RUNS" 2
"$BENCH_SIMILAR" "$FILMS" "$RUNS" 1
"$BENCH_SIMILAR" "$FILMS" "$RUNS" 2 150
