#!/bin/sh
# Runs every test: the cmocka unit tests, the command-line tests, the web
# tests (the real server driven with curl), the browser flows (Chromium),
# the fuzz corpus replay and a valgrind pass, then prints one closing line
# "N passed, M failed". Usage: tests/run.sh BUILD_DIR UNIT_TEST...
set -u
dir=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
failures=""

run() {
	name=$1
	shift
	log=$(mktemp)
	if "$@" >"$log" 2>&1; then
		# A cmocka program counts as its number of test cases.
		n=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
		passed=$((passed + ${n:-1}))
		echo "ok    $name${n:+ ($n)}"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		echo "FAIL  $name"
		sed 's/^/      /' "$log" | tail -60
	fi
	rm -f "$log"
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"

run "layers" sh "$top/tests/layers.sh"
for t in "$@"; do
	run "unit/$t" "$dir/$t"
done
for t in "$top"/tests/cli/test_*.sh; do
	run "cli/$(basename "$t" .sh)" sh "$t" "$top/$dir/kaohe"
done
for t in "$top"/tests/web/test_*.sh; do
	run "web/$(basename "$t" .sh)" sh "$t" "$top/$dir/kaohe"
done
run "browser/flows" sh "$top/tests/browser/run.sh" "$top/$dir/kaohe"
for h in "$top"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$h" .c)
	name=${name#fuzz_}
	run "fuzz/$name-replay" "$dir/fuzz_${name}_replay" "$top"/tests/fuzz/${name}_corpus/*
done
if command -v valgrind >/dev/null 2>&1; then
	run "valgrind" sh "$top/tests/valgrind.sh" "$top/kaohe"
fi

echo
[ -n "$failures" ] && echo "failed:$failures"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
