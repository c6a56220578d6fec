#!/bin/sh
# make bench: runs every benchmark script in this folder in turn.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MARQUEE="${MARQUEE:-$here/../../build/marquee}"
export SHARED="${SHARED:-$here/../../../shared}"
status=0
for b in "$here"/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || status=1
done
exit $status
