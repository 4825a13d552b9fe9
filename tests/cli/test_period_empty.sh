#!/bin/sh
# An empty --period is refused, not taken for the year (issue 10, point 6:
# "an unset shell variable becomes a finding", as --conditions "" once
# was). `score set UNIT CODE --count 1 --period "$P"` with P unset once
# recorded the finding for the year and said "已记录：昌黎县 期间  1.1.4".
# Refused with exit 2 by score set, score set-many and score clear; the
# database is unchanged.
. "$(dirname "$0")/lib.sh"
k() { "$KAOHE" "$@"; }

k demo d.db >/dev/null || fail "demo"
before=$(sqlite3 d.db .dump | sha256sum)
expect_exit 2 k -d d.db score set 昌黎县 1.1.4 --count 1 --period ""
expect_line err.txt "kaohe: --period 不能为空（按年度考核的方案不写 --period）"
expect_exit 2 k -d d.db score set-many 1.1.4 昌黎县 卢龙县 --count 1 --period ""
expect_text err.txt "--period 不能为空"
expect_exit 2 k -d d.db score clear 昌黎县 1.1.4 --period ""
expect_text err.txt "--period 不能为空"
[ "$(sqlite3 d.db .dump | sha256sum)" = "$before" ] || fail "the database changed"
# without --period the year's finding is recorded as before
expect_exit 0 k -d d.db score set 昌黎县 1.1.4 --count 1
expect_line out.txt "已记录：昌黎县 1.1.4 1 次"
finish
