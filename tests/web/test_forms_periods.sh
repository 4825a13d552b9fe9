#!/bin/sh
# Rule form 8 of issue 11, periods, on the sheet page: a quarterly
# scheme's year is shown rolled up (read only) with a link to each
# quarter; /sheet/UNIT?period=2 is the second quarter's sheet, where a
# finding is entered for that quarter only; a quarter outside the scheme
# is refused and changes nothing.
. "$(dirname "$0")/lib.sh"
k() { "$KAOHE" "$@"; }
dump() { sqlite3 "$KAOHE_DB" "SELECT unit_id, sheet_id, code, period, value FROM finding ORDER BY 1,2,3,4" | sha256sum; }
# 实行季度考核，年度得分为四个季度得分的平均值。
cat > county.yaml <<'YAML'
scheme: quarterly-2017
title: 某市2017年度县区安全生产季度考核（示例）
unit: county
year: 2017
points: 100
periods: {by: quarter, rollup: mean}
children:
- code: '1'
  title: 日常安全管理
  points: 100
  score: deduct
  children:
  - {code: '1.1', title: 隐患排查, text: 隐患排查治理不到位的，每处扣0.5分，最高扣10分, rule: {type: per, each: 0.5, cap: 10, unit: 处}}
  - {code: '1.2', title: 统计报表, text: 未按时报送季度统计报表的，每次扣1分，最高扣5分, rule: {type: per, each: 1, cap: 5}}
YAML
k init --year 2017 --county-scheme county.yaml >/dev/null || fail "init"
k unit add 甲区 --kind county >/dev/null || fail "unit add"
echo $PASSWORD | k user add 办公室 --role office --password-stdin >/dev/null || fail "user add"
# Q1: 1 处 × 0.5 → 99.5 (from the command line).
k score set 甲区 1.1 --count 1 --period Q1 >/dev/null || fail "score set"
start_server || finish
login office

get office /sheet/甲区
expect_status 200 "the year's sheet"
expect_body "全年得分为各期间的汇总，请选择期间录入"
expect_body 'href="/sheet/%E7%94%B2%E5%8C%BA?period=2">第2季度</a>'
expect_no_body 'name="count"'" value=\"\" form="
# the year takes no input at all: each row says it is entered by period
expect_no_body 'name="count"'
expect_body "各期间汇总，按期间录入"

# The second quarter: 1.2 "每次扣1分": 2 次 → 98, saved for Q2 only.
get office "/sheet/甲区?period=2"
expect_status 200 "the second quarter's sheet"
expect_body '<strong>第2季度</strong>'
expect_body '<input type="hidden" name="period" value="2">'
post_json office /sheet/甲区/finding -d code=1.2 -d count=2 -d period=2
expect_status 200 "save for the quarter"
get office "/sheet/甲区/rows?period=2"
python3 - out.html <<'PY' || fail "the quarter's rows"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == "98", d
PY
[ "$(sqlite3 "$KAOHE_DB" "SELECT period, value FROM finding WHERE code = '1.2'")" = "2|2" ] ||
	fail "1.2 not stored for the second quarter"

# A fifth quarter: refused, nothing changed.
before=$(dump)
post_json office /sheet/甲区/finding -d code=1.2 -d count=1 -d period=5
expect_status 422 "a quarter outside the scheme"
expect_body "不是有效的季度"
get office "/sheet/甲区?period=5"
expect_status 422 "the sheet of a quarter outside the scheme"
[ "$(dump)" = "$before" ] || fail "a refused save changed the findings"
finish
