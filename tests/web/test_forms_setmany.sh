#!/bin/sh
# One finding for several units at once (the sheets page, POST /set-many)
# in a quarterly scheme with an item that takes figures (issue 11): the
# form has the 数据 field with the item's hint and a choice of quarter;
# figures posted for two units are stored for that quarter for both; the
# CSRF token is required; a refused value, a missing quarter and a
# quarter outside the scheme change nothing. Numbers worked by hand.
. "$(dirname "$0")/lib.sh"
k() { "$KAOHE" "$@"; }
dump() { sqlite3 "$KAOHE_DB" "SELECT unit_id, sheet_id, code, period, value FROM finding ORDER BY 1,2,3,4" | sha256sum; }
# 实行季度考核，年度得分为四个季度得分的平均值。
cat > county.yaml <<'YAML'
scheme: quarterly-many-2017
title: 某市2017年度县区安全生产季度考核（示例）
unit: county
year: 2017
points: 100
periods: {by: quarter, rollup: mean}
children:
- code: '1'
  title: 基础管理
  points: 100
  score: deduct
  children:
  - code: '1.1'
    title: 安全生产台账
    points: 10
    text: 未建立安全生产台账的不得分；台账不全的每缺一项扣1分；未及时更新的扣2分
    rule:
      type: clauses
      clauses:
      - {type: zero, text: 未建立台账}
      - {type: per, each: 1, unit: 项, text: 台账不全}
      - {type: fixed, deduct: 2, text: 未及时更新}
  - {code: '1.2', title: 隐患排查, text: 隐患排查治理不到位的，每处扣0.5分，最高扣10分, rule: {type: per, each: 0.5, cap: 10, unit: 处}}
YAML
k init --year 2017 --county-scheme county.yaml >/dev/null || fail "init"
k unit add 甲区 --kind county >/dev/null || fail "unit add"
k unit add 乙区 --kind county >/dev/null || fail "unit add"
echo $PASSWORD | k user add 办公室 --role office --password-stdin >/dev/null || fail "user add"
start_server || finish
login office

# The form: the 数据 field naming the item that takes figures, and the
# quarters to choose from.
get office /sheets
expect_status 200 "the sheets page"
expect_body '或填数据（取数据的考核项：1.1 安全生产台账）'
expect_body 'name="figures"'
expect_body '<select name="period" required><option value="">（选择季度）</option><option value="第1季度">第1季度</option>'
expect_body '<option value="第4季度">第4季度</option></select>'
# Once the form names 1.1, the hint is the item's own (as on its sheet).
get office "/sheets?code=1.1"
expect_body '第2条（台账不全） 项数'

before=$(dump)
# No CSRF token: refused.
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" -d code=1.1 --data-urlencode "figures=0;3;1" \
	--data-urlencode "period=第2季度" --data-urlencode unit=甲区 --data-urlencode unit=乙区 "$BASE/set-many")
expect_status 403 "set-many without the CSRF token"
# Two figures for three clauses: refused for the item, nothing stored.
post office /set-many -d code=1.1 --data-urlencode "figures=0;3" --data-urlencode "period=第2季度" \
	--data-urlencode unit=甲区 --data-urlencode unit=乙区
expect_status 422 "two figures for three clauses"
expect_body '1.1'
expect_body 'value="0;3"'
# No quarter, and a fifth quarter: refused.
post office /set-many -d code=1.1 --data-urlencode "figures=0;3;1" --data-urlencode unit=甲区 --data-urlencode unit=乙区
expect_status 422 "no quarter"
expect_body '须注明所属季度'
post office /set-many -d code=1.1 --data-urlencode "figures=0;3;1" -d period=Q5 --data-urlencode unit=甲区 \
	--data-urlencode unit=乙区
expect_status 422 "a fifth quarter"
expect_body '期间“Q5”不是有效的季度'
# Figures and a count together: one input form only.
post office /set-many -d code=1.1 --data-urlencode "figures=0;3;1" -d count=1 --data-urlencode "period=第2季度" \
	--data-urlencode unit=甲区 --data-urlencode unit=乙区
expect_status 422 "figures and a count"
[ "$(dump)" = "$before" ] || fail "a refused set-many changed the findings"

# 1.1 "0;3;1" for both in the second quarter: 有台账 0 + 缺 3 项 × 1 分 = 3
# + 未及时更新 2 = 5 → 100 − 5 = 95 for each unit's second quarter.
post office /set-many -d code=1.1 --data-urlencode "figures=0;3;1" --data-urlencode "period=第2季度" \
	--data-urlencode unit=甲区 --data-urlencode unit=乙区
expect_status 303 "set-many with figures"
[ "$(sqlite3 "$KAOHE_DB" "SELECT u.name, f.period, f.figures FROM finding f JOIN unit u ON u.id = f.unit_id ORDER BY 1")" = \
	"乙区|2|0;3;1
甲区|2|0;3;1" ] || fail "1.1 not stored for the second quarter of both units"
for u in 甲区 乙区; do
	get office "/sheet/$u/rows?period=2"
	python3 - out.html <<'PY' || fail "the second quarter of $u"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == "95", d
PY
done
k explain 甲区 --period Q2 > explain.txt
grep -qF "第 2 条（台账不全）：3 项 × 1 分 = 3 分 → 扣 3 分" explain.txt || fail "the derivation of 甲区 1.1"
finish
