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
