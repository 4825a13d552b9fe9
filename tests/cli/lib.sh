# lib.sh: helpers for the command-line tests. Each test script runs the
# real binary in its own temporary directory. Source it after setting
# KAOHE="$1".
set -u
KAOHE=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$TOP/tests/cli/data
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect_exit STATUS CMD...: runs CMD, stdout to out.txt, stderr to err.txt.
expect_exit() {
	want=$1
	shift
	"$@" >out.txt 2>err.txt
	got=$?
	[ "$got" -eq "$want" ] || { fail "exit $got, want $want: $*"; cat err.txt; }
}

# expect_line FILE TEXT: FILE has a line equal to TEXT.
expect_line() {
	grep -qxF -- "$2" "$1" || { fail "no line \"$2\" in $1:"; cat "$1"; }
}

# expect_text FILE TEXT: FILE contains TEXT.
expect_text() {
	grep -qF -- "$2" "$1" || { fail "no \"$2\" in $1:"; cat "$1"; }
}

finish() {
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
