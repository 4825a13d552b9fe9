#!/bin/sh
# Runs the release binary under valgrind on representative commands and
# fails on any memory error or leak. Usage: tests/valgrind.sh KAOHE
set -eu
kaohe=$1
top=$(cd "$(dirname "$0")/.." && pwd)
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
$vg "$kaohe" scheme list >/dev/null
$vg "$kaohe" scheme show qhd-2016-county --json >/dev/null
$vg "$kaohe" scheme show qhd-2016-department >/dev/null
rc=0
$vg "$kaohe" scheme check "$top/tests/cli/data/bad-scheme.yaml" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { echo "scheme check under valgrind: exit $rc, want 1"; exit 1; }
echo "valgrind clean"
# The storage layer and the commands on a whole demo year.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$vg "$kaohe" demo "$tmp/demo.db" >/dev/null
$vg "$kaohe" -d "$tmp/demo.db" results --json >/dev/null
$vg "$kaohe" -d "$tmp/demo.db" explain 昌黎县 --json >/dev/null
$vg "$kaohe" -d "$tmp/demo.db" export "$tmp/out" >/dev/null
$vg "$kaohe" -d "$tmp/demo.db" audit --verify >/dev/null
printf '单位,编号,次数,备注\n昌黎县,1.1.5,1,valgrind\n昌黎县交通运输局,9.9,1,\n' > "$tmp/s.csv"
rc=0
$vg "$kaohe" -d "$tmp/demo.db" score import "$tmp/s.csv" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { echo "score import under valgrind: exit $rc, want 1"; exit 1; }
printf '单位,编号,次数,备注\n昌黎县,1.1.5,1,valgrind\n' > "$tmp/s.csv"
$vg "$kaohe" -d "$tmp/demo.db" score import "$tmp/s.csv" >/dev/null
echo "valgrind clean (database commands)"
# The web server: sign in, a sheet, a save, a refusal, then SIGTERM; the
# threads' sessions and every request's memory are freed.
echo 'secret-pass-1' | "$kaohe" -d "$tmp/demo.db" user add 办公室 --role office --password-stdin >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$vg "$kaohe" -d "$tmp/demo.db" serve --listen "127.0.0.1:$port" --quiet --threads 2 >/dev/null 2>"$tmp/vg.err" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 200); do curl -s -o /dev/null "$base/login" && break; sleep 0.1; done
jar="$tmp/jar"
token=$(curl -s -c "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" --data-urlencode "name=办公室" \
	--data-urlencode "password=secret-pass-1" "$base/login"
csrf=$(curl -s -b "$jar" "$base/" | sed -n 's/.*data-csrf="\([0-9a-f]*\)".*/\1/p')
curl -s -o /dev/null -b "$jar" "$base/sheet/%E6%98%8C%E9%BB%8E%E5%8E%BF"
curl -s -o /dev/null -b "$jar" -H 'Accept: application/json' -H "X-CSRF-Token: $csrf" \
	-d code=1.1.4 -d count=1 "$base/sheet/%E6%98%8C%E9%BB%8E%E5%8E%BF/finding"
curl -s -o /dev/null -b "$jar" -d code=1.1.4 -d count=2 "$base/sheet/%E6%98%8C%E9%BB%8E%E5%8E%BF/finding"
curl -s -o /dev/null -b "$jar" "$base/no/such/page"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 0 ] || { echo "serve under valgrind: exit $rc"; cat "$tmp/vg.err"; exit 1; }
echo "valgrind clean (web server)"
