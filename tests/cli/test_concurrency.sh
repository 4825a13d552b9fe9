#!/bin/sh
# Two processes writing at once both succeed: writers wait for each other
# (BEGIN IMMEDIATE with a busy timeout) instead of failing; a backup taken
# while they write is consistent.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/conc.db"
k() { "$KAOHE" "$@"; }

k init --year 2016 >/dev/null || fail "init"
k unit add 甲县 --kind county >/dev/null || fail "unit"
k unit add 乙县 --kind county >/dev/null || fail "unit"

writer() {
	for c in 1.1.2 1.1.3 1.1.4 1.1.5 1.1.8 1.1.9 2.1.1.1 2.1.1.3 2.1.1.4 2.1.1.5 2.1.1.6 2.1.1.7; do
		"$KAOHE" score set "$1" "$c" --count 1 >/dev/null 2>>"$1.err" || echo "$c" >> "$1.failed"
	done
}
writer 甲县 &
a=$!
writer 乙县 &
b=$!
"$KAOHE" backup during.db >/dev/null 2>backup.err || fail "backup while writing"
wait $a
wait $b
[ -e 甲县.failed ] && { fail "writer 甲县 failed"; cat 甲县.err; }
[ -e 乙县.failed ] && { fail "writer 乙县 failed"; cat 乙县.err; }
[ "$(sqlite3 "$KAOHE_DB" 'SELECT count(*) FROM finding')" = "24" ] || fail "not every write landed"
[ "$(sqlite3 during.db 'PRAGMA integrity_check')" = "ok" ] || fail "backup not consistent"
expect_exit 0 k audit --verify
finish
