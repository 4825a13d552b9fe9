#!/bin/sh
# Defaults, links and overflow through the real binary (issue 11, forms 6,
# 7 and 10): a small county rubric written with `defaults`, `rule: same`,
# `overflow`, `links` and `only_industry` is stored with the year and
# scores its units and their sampled enterprises; a rubric that misuses
# the keys is refused with FILE:LINE and no year is created.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/forms.db"
k() { "$KAOHE" "$@"; }

cat > county.yaml <<'YAML'
scheme: city-2018-county
title: 某市2018年度县区安全生产考核（示例）
unit: county
year: 2018
points: 100
samples:
- {kind: enterprise, min: 1, max: 2}
links:
- {items: ['1.1.1', '2.1'], note: 同一重大隐患}
children:
- code: '1'
  title: 隐患排查治理
  points: 20
  score: sum
  children:
  - code: '1.1'
    title: 隐患整改
    points: 10
    score: deduct
    children:
    - code: '1.1.1'
      title: 隐患未整改
      text: 每发现1处隐患未整改扣2分，本项扣完后，从本部分中继续扣除。
      rule: {type: per, each: 2, unit: 处}
      overflow: part
  - code: '1.2'
    title: 安全生产制度
    points: 10
    score: deduct
    text: 以下各项制度，每缺一项扣1分。
    defaults:
      rule: {type: fixed, deduct: 1, text: 缺少该项制度}
    children:
    - {code: '1.2.1', title: 安全生产责任制}
    - {code: '1.2.2', title: 安全检查制度}
    - {code: '1.2.3', title: 隐患排查制度, text: 未建立的，扣3分。, rule: {type: fixed, deduct: 3}}
    - {code: '1.2.4', title: 教育培训制度, text: 同上。, rule: same}
- code: '2'
  title: 重大隐患
  points: 20
  score: deduct
  children:
  - {code: '2.1', title: 挂牌督办, text: 每发现1处重大隐患未挂牌督办扣3分，最高扣9分（与1.1.1不重复扣分）。, rule: {type: per, each: 3, cap: 9, unit: 处}}
- code: '3'
  title: 企业工作
  points: 60
  score: sheets
  sample: enterprise
  children:
  - code: '3.1'
    title: 危化品管理
    points: 30
    score: deduct
    only_industry: [危险化学品]
    na: rescale
    children:
    - {code: '3.1.1', title: 重大危险源, text: 本项仅适用于危险化学品企业。重大危险源未登记建档的，每处扣5分，最高扣20分。, rule: {type: per, each: 5, cap: 20, unit: 处}}
  - code: '3.2'
    title: 教育培训
    points: 30
    score: deduct
    children:
    - {code: '3.2.1', title: 培训, text: 每少培训1人次扣1分，最高扣10分。, rule: {type: per, each: 1, cap: 10, unit: 人次}}
YAML

# Misused keys: 同上 with no row above (line 14), overflow on a rule that
# cannot exceed its points (line 15), a link naming no item (line 7).
cat > broken.yaml <<'YAML'
scheme: broken
title: 有错误的方案
unit: county
year: 2018
points: 10
links:
- ['1.1', '1.9']
children:
- code: '1'
  title: 类别
  points: 10
  score: deduct
  children:
  - {code: '1.1', title: 甲, text: 同上, rule: same}
  - {code: '1.2', title: 乙, text: 未落实扣2分, rule: {type: fixed, deduct: 2}, overflow: part}
YAML
expect_exit 1 k init --year 2018 --county-scheme broken.yaml
expect_text err.txt "broken.yaml:7: 不重复扣分关联：没有编号为“1.9”的考核项"
expect_text err.txt "broken.yaml:14: 1.1：rule: same（同上）须紧跟在有规则的同级考核项之后"
expect_text err.txt "broken.yaml:15: 1.2：fixed 类规则的扣分不会超出本项分值"
[ -e "$KAOHE_DB" ] && fail "a refused init left a database file"

expect_exit 0 k scheme show county.yaml
expect_text out.txt "〔本项扣完后，从本部分中继续扣除〕"
expect_text out.txt "〔与 2.1 不重复扣分，按较大扣分计〕"
expect_text out.txt "〔仅适用于危险化学品行业的单位〕"
expect_text out.txt "缺少该项制度扣1分"
expect_text out.txt "原文（上级）：以下各项制度，每缺一项扣1分。"
expect_text out.txt "〔规则同上一项（同上）〕"

expect_exit 0 k init --year 2018 --county-scheme county.yaml
expect_exit 0 k unit add 甲区 --kind county
expect_exit 0 k unit add 示例化工有限公司 --kind enterprise --parent 甲区 --industry 危险化学品
expect_exit 0 k unit add 示例机械有限公司 --kind enterprise --parent 甲区 --industry 机械制造
expect_exit 0 k sample set 甲区 示例化工有限公司 示例机械有限公司

# 甲区, by hand:
# 1.1.1 "每发现1处隐患未整改扣2分，本项扣完后，从本部分中继续扣除": 7 处 = 14:
#   the item loses its 10 points (1.1 = 0) and 4 more come off part 1.
# 1.2 "以下各项制度，每缺一项扣1分" (1.2.1 inherits it): 1.2.1 missing 1;
#   1.2.4 "同上" (1.2.3's 扣3分): missing 3: 1.2 = 10 − 4 = 6.
#   Part 1 = 0 + 6 = 6 − 4 = 2.
# 2.1 "每发现1处重大隐患未挂牌督办扣3分（与1.1.1不重复扣分）": 1 处 = 3, the
#   same fact as 1.1.1's 14: only the larger counts: 2.1 deducts 0: part 2 = 20.
# 企业工作: 示例化工 (危险化学品): 3.1.1 2 处 × 5 = 10: 3.1 = 20; 3.2.1 3 人次:
#   3.2 = 27: 47. 示例机械 (机械制造): 3.1 does not apply (rescale); 3.2.1
#   5 人次: 25, × 60 ÷ 30 = 50. Mean (47 + 50) ÷ 2 = 48.5.
# Total 2 + 20 + 48.5 = 70.5.
expect_exit 0 k score set 甲区 1.1.1 --count 7
expect_exit 0 k score set 甲区 1.2.1 --conditions 1
expect_exit 0 k score set 甲区 1.2.4 --conditions 1
expect_exit 0 k score set 甲区 2.1 --count 1
expect_exit 0 k score set 示例化工有限公司 3.1.1 --count 2
expect_exit 0 k score set 示例化工有限公司 3.2.1 --count 3
expect_exit 0 k score set 示例机械有限公司 3.2.1 --count 5
# 3.1.1 does not apply to a 机械制造 enterprise: refused, nothing stored.
expect_exit 1 k score set 示例机械有限公司 3.1.1 --count 1
expect_text err.txt "3.1.1（重大危险源）只适用于危险化学品行业的单位，不适用于行业为“机械制造”的单位"
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "defaults, links and overflow: results"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
assert rs["甲区"]["total"] == 70.5, rs["甲区"]
assert [p["score"] for p in rs["甲区"]["parts"]] == [2, 20, 48.5], rs["甲区"]["parts"]
PY
expect_exit 0 k explain 甲区
expect_text out.txt "超出本项 4 分，本项扣完后从本部分（1 隐患排查治理）中继续扣除"
expect_text out.txt "1.1.1 扣分超出本项 4 分，从本部分中继续扣除：6 − 4 = 2 分"
expect_text out.txt "与 1.1.1 不重复扣分（已按较大扣分计入 1.1.1）"
expect_text out.txt "本项仅适用于危险化学品行业，本单位行业为“机械制造”"

# The other direction: the larger deduction on 2.1 (3 处 = 9 against 1.1.1's
# 2 处 = 4): 1.1.1 deducts 0: part 1 = 10 + 6 = 16; part 2 = 20 − 9 = 11.
# Total 16 + 11 + 48.5 = 75.5.
expect_exit 0 k score set 甲区 1.1.1 --count 2
expect_exit 0 k score set 甲区 2.1 --count 3
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "links: the other direction"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
assert [p["score"] for p in rs["甲区"]["parts"]] == [16, 11, 48.5], rs["甲区"]["parts"]
assert rs["甲区"]["total"] == 75.5, rs["甲区"]
PY
expect_exit 0 k explain 甲区
expect_text out.txt "与 2.1 不重复扣分（已按较大扣分计入 2.1）"
finish
