#!/bin/sh
# A file is kaohe's only if it says so (issue 10, point 2) — "an
# application_id, and the schema it expects". A file that carries kaohe's
# application id (0x4B414F48) but holds another program's tables is not
# kaohe's: whatever schema version it claims (none, an old one, the
# current one), every command refuses it with exit 1 and leaves it
# byte-identical — no WAL switched on, no migration tried, no abort.
. "$(dirname "$0")/lib.sh"
k() { "$KAOHE" "$@"; }
hash() { sha256sum "$1" | cut -d' ' -f1; }

for v in 0 1 7 12; do
	f=claims$v.db
	sqlite3 $f "CREATE TABLE t (x); INSERT INTO t VALUES (1);
		PRAGMA application_id = 1262571336; PRAGMA user_version = $v;"
	h=$(hash $f)
	for cmd in status "unit list" "init --year 2016"; do
		# shellcheck disable=SC2086
		expect_exit 1 k -d $f $cmd
		expect_text err.txt "$f 不是 kaohe 数据库（带有 kaohe 的标识，但没有 kaohe 的表）；文件未作任何改动"
		[ "$(hash $f)" = "$h" ] || fail "$f changed by $cmd"
		[ -e $f-wal ] && fail "$f-wal left by $cmd"
	done
	[ "$(sqlite3 $f 'PRAGMA journal_mode')" = delete ] || fail "$f: journal mode changed"
done

# kaohe's own file still opens, and so does one from before the id
expect_exit 0 k -d own.db init --year 2016
expect_exit 0 k -d own.db status
cp own.db legacy.db
sqlite3 legacy.db "PRAGMA application_id = 0"
expect_exit 0 k -d legacy.db status
finish
