#!/bin/sh
# What a document or an export needs of the stored results, stated once in
# the service (svc_stamp_need): before the first compute nothing is made,
# by any of them, with the one message; after a change that the results
# do not yet include, a document is still made and says it is out of date
# (a draft for deliberation), while `export` — for other systems, which
# cannot show such a mark — refuses until the results are computed again.
# Usage: sh tests/cli/test_results_need.sh path/to/kaohe
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/d.db"
k() { "$KAOHE" "$@"; }
k init --year 2016 >/dev/null || fail "init"
k unit add 甲县 --kind county >/dev/null || fail "unit"
for cmd in "export out" "report results --format xlsx -o r.xlsx" "report results --format pdf -o r.pdf" \
	"report results --format csv -o csvdir" "report chart totals --format svg -o c.svg" "report sheets -o s.xlsx"; do
	# shellcheck disable=SC2086
	expect_exit 1 k $cmd
	expect_text err.txt "2016 年度尚未计分，还没有考核结果"
done
for f in out r.xlsx r.pdf csvdir c.svg s.xlsx; do
	[ -e "$f" ] && fail "a refused command left $f"
done

k demo "$WORK/demo.db" >/dev/null || fail "demo"
export KAOHE_DB="$WORK/demo.db"
expect_exit 0 k export current
k score set 昌黎县 1.1.4 --count 1 >/dev/null || fail "score"
expect_exit 1 k export later
expect_text err.txt "2016 年度计分之后又有改动，结果已过期，须先重新计分"
[ -e later ] && fail "a refused export left its directory"
expect_exit 0 k report results --format csv -o drafts
grep -q "其后又有改动" drafts/stamp.txt || fail "a document of out-of-date results does not say so"
expect_exit 0 k compute
expect_exit 0 k export later
finish
