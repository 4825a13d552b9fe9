#!/bin/sh
# The main flows in a real browser: Debian's Chromium driven by
# playwright-core (npm, installed here from package-lock.json the first
# time). Screenshots of the main pages go to build/screenshots/.
# Usage: tests/browser/run.sh KAOHE
set -eu
kaohe=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
browser=/usr/lib/chromium/chromium
[ -x "$browser" ] || { echo "browser tests need Debian's chromium (scripts/deps.sh check installs it)"; exit 1; }
if [ ! -d "$here/node_modules/playwright-core" ] ||
   [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
export KAOHE_DB="$work/browser.db"
"$kaohe" demo "$KAOHE_DB" >/dev/null
add() { echo 'secret-pass-1' | "$kaohe" user add "$@" --password-stdin >/dev/null; }
add 办公室 --role office
add 组长 --role leader --team 县区考核组
add 组员 --role member --team 县区考核组
add 消防评分 --role industry --industry 消防
add 昌黎 --role unit --unit 昌黎县
add 组织部 --role viewer
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$kaohe" serve --listen "127.0.0.1:$port" --quiet >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 0.1; done
mkdir -p "$top/build/screenshots"
KAOHE_DB="$KAOHE_DB" KAOHE="$kaohe" node "$here/flows.js" "http://127.0.0.1:$port" "$top/build/screenshots" "$browser"
