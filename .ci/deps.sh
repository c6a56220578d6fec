#!/bin/sh
# Installs the Debian packages Marquee needs to build, test and run, when
# they are missing. As root it runs apt-get; otherwise it prints the exact
# command and fails, so nothing is half set up.
# Usage: deps.sh          the packages to build, test and run
#        deps.sh bench    what make bench compares with: Hugo, and the
#                         reference models (scikit-learn, XGBoost, SciPy)
#        deps.sh fuzz     clang and its libFuzzer runtime (make fuzz)
#        deps.sh valgrind valgrind (make valgrind)
set -eu

case "${1:-}" in
"")
	packages="gcc make pkg-config libcurl4-openssl-dev libcjson-dev libcmark-gfm-dev
libcmark-gfm-extensions-dev libsqlite3-dev libsvm-dev libyaml-dev sqlite3 tidy chromium time"
	;;
bench)
	packages="hugo python3 python3-numpy python3-scipy python3-sklearn python3-xgboost"
	;;
fuzz)
	packages="clang libclang-rt-dev"
	;;
valgrind)
	packages="valgrind"
	;;
*)
	echo "usage: deps.sh [bench|fuzz|valgrind]" >&2
	exit 2
	;;
esac

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
# npm fetches the demo data; Node's own packages may already provide it.
[ -z "${1:-}" ] && ! command -v npm >/dev/null 2>&1 && missing="$missing npm"

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "marquee: missing Debian packages:$missing" >&2
	echo "Install them with:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
