#!/bin/sh
# Rule forms of issue 11 used together, as a city's monthly rubric would:
# a scheme assessed per month and summed into the year (form 8) with an
# item counted from the accident register (form 4). Each month's sheet
# counts the accidents dated in that month; the year's documents state the
# year's full marks (the months' points summed), not one month's.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/combined.db"
k() { "$KAOHE" "$@"; }

# 每月考核一次，全年得分为各月得分之和（本例只考核1—3月，满分30分）。
#   1.1 未按时报送月度统计报表的，每次扣1分，最高扣5分。（5分）
#   1.2 每发生1起一般事故扣5分。（5分，由事故登记计算）
cat > monthly.yaml <<'YAML'
scheme: monthly-2017
title: 某县2017年度乡镇安全生产月度考核（示例）
unit: county
year: 2017
points: 10
periods: {by: month, rollup: sum, only: [1, 2, 3]}
children:
- code: '1'
  title: 月度工作
  points: 10
  score: deduct
  children:
  - {code: '1.1', title: 统计报表, points: 5, text: 未按时报送月度统计报表的，每次扣1分，最高扣5分,
     rule: {type: per, each: 1, cap: 5}}
  - {code: '1.2', title: 一般事故, points: 5, text: 每发生1起一般事故扣5分,
     rule: {type: accidents, accident_grade: 一般, each: 5}}
YAML
expect_exit 0 k init --year 2017 --county-scheme monthly.yaml
expect_exit 0 k unit add 甲镇 --kind county

# 1月: 报表迟报 2 次 → 扣 2 → 8 分.
# 2月: nothing found (entered as 0 次) → 10 分.
# 3月: 迟报 1 次 → 扣 1; 2017-03-10 一般事故 1 起（死亡 1 人，493号令第三条：
#      死亡 3 人以下为一般事故）→ 扣 5; 10 − 1 − 5 = 4 分.
# Year: 8 + 10 + 4 = 22 of 3 × 10 = 30.
expect_exit 0 k score set 甲镇 1.1 --count 2 --period 1
expect_exit 0 k score set 甲镇 1.1 --count 0 --period 2
expect_exit 0 k score set 甲镇 1.1 --count 1 --period 3
expect_exit 0 k accident add --unit 甲镇 --date 2017-03-10 --deaths 1 --injuries 0 --loss 100000
# the register's item takes no finding
expect_exit 1 k score set 甲镇 1.2 --count 1 --period 3
expect_text err.txt "由事故登记计算，不能录入"
expect_exit 0 k compute
expect_exit 0 k explain 甲镇 --period 3
expect_text out.txt "总分：4 分"
expect_text out.txt "2017-03-10"
expect_exit 0 k explain 甲镇 --period 1
expect_text out.txt "总分：8 分"
expect_exit 0 k explain 甲镇 --json
python3 - out.txt <<'PY' || fail "the monthly sum"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 22, d["total"]
assert [p["total"] for p in d["periods"]] == [8, 10, 4], d["periods"]
PY

# The documents state the year's full marks: 30, not one month's 10.
expect_exit 0 k report results --format xlsx -o results.xlsx
python3 - results.xlsx "$TOP/tests/cli" <<'PY' || fail "the results workbook's full marks"
import sys
sys.path.insert(0, sys.argv[2])
from xlsx_cells import Book
b = Book(sys.argv[1])
heads = [v for rows in (b.rows(n) for n in b.names) for r in rows.values() for v in r.values()
         if isinstance(v, str) and v.startswith("总分")]
assert heads and all("30 分" in h for h in heads), heads
# the part's column: 月度工作 10 × 3 months
parts = [v for rows in (b.rows(n) for n in b.names) for r in rows.values() for v in r.values()
         if isinstance(v, str) and v.startswith("月度工作")]
assert parts and all("30 分" in p for p in parts), parts
PY
# the part scores chart: 月度工作 22 of 30 (a bar 22/30 of its column)
expect_exit 0 k report chart parts --format svg -o parts.svg
expect_text parts.svg "甲镇 月度工作：22 分（满分 30）"
expect_text parts.svg "月度工作（满分 30 分）"
expect_exit 0 k report sheet 甲镇 --format pdf -o sheet.pdf
pdftotext -layout sheet.pdf sheet.txt
expect_text sheet.txt "满分 30 分"
# each row's full marks are the year's too: 10 × 3 months and 5 × 3
expect_text sheet.txt "月度工作（30分）"
expect_text sheet.txt "统计报表（15分）"
expect_exit 0 k report sheet 甲镇 --format xlsx -o sheet.xlsx
python3 - sheet.xlsx "$TOP/tests/cli" <<'PY' || fail "the sheet workbook's full marks"
import sys
sys.path.insert(0, sys.argv[2])
from xlsx_cells import Book
b = Book(sys.argv[1])
cells = [v for n in b.names for r in b.rows(n).values() for v in r.values() if isinstance(v, str)]
assert any(c.startswith("1 月度工作（30 分）") for c in cells), [c for c in cells if "月度工作" in c]
assert any(c.startswith("1.1 统计报表（15 分）") for c in cells), [c for c in cells if "统计报表" in c]
PY
finish
