#!/bin/sh
# A year made from scheme files an office wrote: the office's own rubric is
# stored with the year and scores its units; a file with mistakes is
# refused with FILE:LINE and no year is created.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/custom.db"
k() { "$KAOHE" "$@"; }

cat > county.yaml <<'YAML'
scheme: city-2017-county
title: 某市2017年度县区安全生产考核（示例）
unit: county
year: 2017
points: 100
grades:
- {grade: 优秀, min: 90, quota: 50%}
- {grade: 合格, min: 60}
- {grade: 不合格}
vetoes:
- {code: V1, title: 较大以上事故, when: {accidents: 1, min_accident_grade: 较大}, effect: fail}
children:
- code: '1'
  title: 安全生产
  points: 70
  scale: 100
  score: deduct
  children:
  - {code: '1.1', title: 会议, text: 每少召开1次扣5分，最高扣20分, rule: {type: per, each: 5, cap: 20}}
  - {code: '1.2', title: 报送, text: 每超时限1天扣1分，最高扣10分, rule: {type: per, each: 1, cap: 10, unit: 天}}
- code: '2'
  title: 消防
  points: 30
  scale: 100
  score: deduct
  children:
  - {code: '2.1', title: 演练, text: 1-2次扣5分，3次以上扣12分, rule: {type: steps, steps: [{from: 1, deduct: 5}, {from: 3, deduct: 12}]}}
YAML
printf 'scheme: broken\ntitle: x\nunit: county\nyear: 2017\npoints: 100\nchildren:\n- code: "1"\n  title: y\n  points: 90\n  score: deduct\n  children:\n  - {code: "1.1", title: z, text: t, rule: {type: per}}\n' > broken.yaml

expect_exit 1 k init --year 2017 --county-scheme broken.yaml
expect_text err.txt "broken.yaml:1: 方案的下级分值合计 90，与其分值 100 不符"
expect_text err.txt "broken.yaml:12: 节点 1.1 的规则缺少“each”"
expect_exit 1 k results
expect_text err.txt "须先新建考核年度）（kaohe init --year 年度）"
[ -e "$KAOHE_DB" ] && fail "a refused init left a database file"

expect_exit 0 k init --year 2017 --county-scheme county.yaml
expect_exit 0 k unit add 甲区 --kind county
expect_exit 0 k unit add 乙区 --kind county
# 甲区: 1.1 "每少召开1次扣5分，最高扣20分" ×2 = 10; 1.2 "每超时限1天扣1分" 4 days = 4:
# 安全生产 100 − 14 = 86 of 100, weighted 70%: 60.2; 消防 2.1 "3次以上扣12分": 88 × 30% = 26.4.
# Total 86.6 -> 合格 (优秀 needs 90).
expect_exit 0 k score set 甲区 1.1 --count 2
expect_exit 0 k score set 甲区 1.2 --count 4
expect_exit 0 k score set 甲区 2.1 --count 3
# 乙区: nothing found: 100 -> 优秀; quota 50% of 2 units = 1: it keeps 优秀.
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "custom scheme results"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
assert rs["甲区"]["total"] == 86.6, rs["甲区"]
assert [p["score"] for p in rs["甲区"]["parts"]] == [60.2, 26.4]
assert rs["甲区"]["proposed_grade"] == "合格"
assert rs["乙区"]["total"] == 100 and rs["乙区"]["proposed_grade"] == "优秀"
PY
expect_exit 0 k explain 甲区
expect_text out.txt "3 次，达到“3 次及以上”档 → 扣 12 分"
finish
