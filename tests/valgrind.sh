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
