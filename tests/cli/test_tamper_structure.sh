#!/bin/sh
# Changes to a kaohe file's structure made behind its back with sqlite3
# (issue 10: "every change provable, every failure reported"):
# - the audit log's append-only guards (two triggers) dropped or
#   redefined: `audit --verify` names each, since without them the log
#   could have been rewritten in place;
# - a table kaohe reads dropped: every command that needs it refuses,
#   naming the table in Chinese, instead of SQLite's English or an abort.
# Usage: sh tests/cli/test_tamper_structure.sh path/to/kaohe
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 is not installed"; exit 0; }
export KAOHE_DB="$WORK/d.db"
k() { "$KAOHE" "$@"; }
k demo "$KAOHE_DB" >/dev/null || fail "demo"
expect_exit 0 k audit --verify

sqlite3 "$KAOHE_DB" "DROP TRIGGER audit_append_only_delete" || fail "sqlite3"
expect_exit 1 k audit --verify
expect_text err.txt "审计记录的只可追加保护（触发器 audit_append_only_delete）已被删除"
sqlite3 "$KAOHE_DB" "DROP TRIGGER audit_append_only_update;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT 1; END;" || fail "sqlite3"
expect_exit 1 k audit --verify
expect_text err.txt "审计记录的只可追加保护（触发器 audit_append_only_update）已被改动"

k demo "$WORK/e.db" >/dev/null || fail "demo"
export KAOHE_DB="$WORK/e.db"
sqlite3 "$KAOHE_DB" "DROP TABLE daily_outcome" || fail "sqlite3"
expect_exit 1 k audit --verify
expect_text err.txt "数据库文件的结构已被改动，缺少表“daily_outcome”"
expect_exit 1 k compute
expect_text err.txt "数据库文件的结构已被改动，缺少表“daily_outcome”"
grep -q "no such" err.txt && fail "SQLite's English reached the user"
finish
