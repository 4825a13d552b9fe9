#!/bin/sh
# Rule form 8 of issue 11, periods: a quarterly scheme an office wrote,
# findings entered per quarter (score set --period, the CSV's 期间 column),
# the year as the mean of the quarters, a veto in one quarter applying to
# the year; a period outside the scheme is refused and changes nothing.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/periods.db"
k() { "$KAOHE" "$@"; }
findings() { sqlite3 "$KAOHE_DB" "SELECT count(*) FROM finding"; }

# 实行季度考核，年度得分为四个季度得分的平均值。
# 季度考核中发生较大事故的，年度考核不得评为优秀。
cat > county.yaml <<'YAML'
scheme: quarterly-2017
title: 某市2017年度县区安全生产季度考核（示例）
unit: county
year: 2017
points: 100
periods:
  by: quarter
  rollup: mean
vetoes:
- {code: E1, title: 季度考核中发生较大事故, when: {accidents: 1, min_accident_grade: 较大}, effect: at-most, grade: 良好}
children:
- code: '1'
  title: 日常安全管理
  points: 100
  score: deduct
  children:
  - {code: '1.1', title: 隐患排查, text: 隐患排查治理不到位的，每处扣0.5分，最高扣10分, rule: {type: per, each: 0.5, cap: 10, unit: 处}}
  - {code: '1.2', title: 统计报表, text: 未按时报送季度统计报表的，每次扣1分，最高扣5分, rule: {type: per, each: 1, cap: 5}}
  - {code: '1.3', title: 工作总结, text: 季度工作总结质量不高的，视情况扣0—3分, rule: {type: judged, max: 3}}
YAML
printf 'scheme: q\ntitle: x\nunit: county\nyear: 2017\npoints: 10\nperiods: {by: week, rollup: mean}\nchildren:\n- {code: "1", title: y, points: 10, text: t, rule: {type: judged, max: 10}}\n' > broken.yaml
expect_exit 1 k init --year 2017 --county-scheme broken.yaml
expect_text err.txt "broken.yaml:6: “by”的值“week”未知"

expect_exit 0 k init --year 2017 --county-scheme county.yaml
expect_exit 0 k unit add 甲区 --kind county
expect_exit 0 k unit add 乙区 --kind county

# 甲区 — Q1: 1 处 × 0.5 = 0.5 → 99.5; Q2: 1 次 × 1 = 1 → 99;
# Q3: 1 处 → 99.5; Q4 (from the CSV): 视情况扣 0.33 → 99.67.
# Year: (99.5 + 99 + 99.5 + 99.67) ÷ 4 = 397.67 ÷ 4 = 99.4175 → 99.42.
expect_exit 0 k score set 甲区 1.1 --count 1 --period Q1
expect_exit 0 k score set 甲区 1.2 --count 1 --period 2
expect_exit 0 k score set 甲区 1.1 --count 1 --period 第3季度

# Refused, and nothing changes: a quarter the scheme does not have, no
# quarter at all, a month written for a quarterly scheme.
before=$(findings)
k audit > audit-before.txt
expect_exit 1 k score set 甲区 1.1 --count 2 --period Q5
expect_text err.txt "期间“Q5”不是有效的季度"
expect_exit 1 k score set 甲区 1.1 --count 2
expect_text err.txt "本方案按季度考核，须注明所属季度"
expect_exit 1 k score set 甲区 1.1 --count 2 --period 2017-03
expect_text err.txt "期间“2017-03”不是有效的季度"
[ "$(findings)" = "$before" ] || fail "a refused score set changed the findings"

# The CSV: one bad row (第5季度) refuses the whole file.
printf '单位,期间,编号,次数,扣分\n甲区,Q4,1.3,,0.33\n乙区,Q1,1.1,0,\n乙区,5,1.1,0,\n' > bad.csv
expect_exit 1 k score import bad.csv
expect_text err.txt "bad.csv:第4行第2列"
expect_text err.txt "期间“5”不是有效的季度"
# A file without the 期间 column cannot say which quarter.
printf '单位,编号,次数\n乙区,1.1,0\n' > noperiod.csv
expect_exit 1 k score import noperiod.csv
expect_text err.txt "须注明所属季度"
[ "$(findings)" = "$before" ] || fail "a refused import changed the findings"
k audit > audit-after.txt
cmp -s audit-before.txt audit-after.txt || fail "a refused command was recorded"

# 乙区 — Q1–Q3 nothing found (100 each), Q4: 2 次 × 1 = 2 → 98.
# Year: (100 + 100 + 100 + 98) ÷ 4 = 99.5. Its accident of 2017-05-12 with
# 3 deaths is 较大 (3 ≤ d < 10), in the second quarter: at most 良好.
printf '单位,期间,编号,次数,扣分\n甲区,Q4,1.3,,0.33\n乙区,Q1,1.1,0,\n乙区,二季度,1.1,0,\n乙区,3,1.1,0,\n乙区,Q4,1.2,2,\n' > good.csv
expect_exit 0 k score import good.csv
expect_text out.txt "已导入 5 行"
expect_exit 0 k accident add --unit 乙区 --date 2017-05-12 --deaths 3 --injuries 0 --loss 0

expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "quarterly results"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
assert rs["甲区"]["total"] == 99.42, rs["甲区"]
assert rs["甲区"]["proposed_grade"] == "优秀", rs["甲区"]
assert rs["乙区"]["total"] == 99.5, rs["乙区"]
assert rs["乙区"]["proposed_grade"] == "良好", rs["乙区"]
PY
expect_exit 0 k explain 甲区
expect_text out.txt "全年平均（99.5 + 99 + 99.5 + 99.67）÷ 4 = 99.42 分"
expect_text out.txt "第1季度 9.5 分、第2季度 10 分、第3季度 9.5 分、第4季度 10 分"
expect_exit 0 k explain 乙区
expect_text out.txt "否决 E1：季度考核中发生较大事故（第2季度："
expect_exit 0 k explain 乙区 --json
python3 - out.txt <<'PY' || fail "quarterly explain --json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rollup"] == "mean" and d["total"] == 99.5, d["total"]
assert [p["total"] for p in d["periods"]] == [100, 100, 100, 98], d["periods"]
assert "第2季度" in d["veto_hits"][0]["detail"], d["veto_hits"]
PY
expect_exit 0 k explain 甲区 --period Q2
expect_text out.txt "甲区 第2季度"
expect_text out.txt "1 次 × 1 分 = 1 分"
expect_text out.txt "总分：99 分"
expect_exit 1 k explain 甲区 --period Q7

# A quarter cleared is not assessed: the year is incomplete.
expect_exit 0 k score clear 甲区 --period Q2
expect_exit 0 k explain 甲区
expect_text out.txt "第2季度：未录入任何评分"
expect_exit 0 k audit --verify
[ "$(sqlite3 "$KAOHE_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check of the findings by period"
# The period is part of the record: a finding moved to another quarter
# behind kaohe's back is found by the audit.
cp "$KAOHE_DB" moved.db
sqlite3 moved.db "UPDATE finding SET period = 2 WHERE code = '1.1' AND period = 3 AND unit_id = (SELECT id FROM unit WHERE name = '甲区')"
expect_exit 1 k -d moved.db audit --verify
expect_text err.txt "评分记录（finding） 单位「甲区」 项目 1.1 期间 2：审计记录中没有此行"
finish
