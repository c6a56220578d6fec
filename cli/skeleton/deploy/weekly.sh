#!/bin/sh
# The weekly job of this cinema, as cron, the systemd timer and GitHub
# Actions run it. On a machine that starts empty it first rebuilds the
# stores: cinema.db from records/cinema/, analytics.db from the history in
# imports/imported/. Then it runs the job, and exports the records for git,
# even when the job failed (what it recorded before failing is kept).
# Usage: sh deploy/weekly.sh [--week YYYY-Www] [--dry-run]
set -eu
cd "$(dirname "$0")/.."
MARQUEE=${MARQUEE:-marquee}

rebuild_history=false
[ -f data/analytics.db ] || rebuild_history=true
if [ ! -f data/cinema.db ] && [ -f records/cinema/weeks.jsonl ]; then
	"$MARQUEE" records restore
fi
if $rebuild_history && ls imports/imported/*.csv >/dev/null 2>&1; then
	"$MARQUEE" import imports/imported/*.csv
fi
status=0
"$MARQUEE" weekly "$@" || status=$?
"$MARQUEE" records export
exit "$status"
