#!/bin/sh
# Findings with several figures (issue 11, forms 1–3): a small scheme with
# a `clauses` item, two ranges, a rate, a target and a trend, scored
# through every surface that takes a finding: `score set --figures`, the
# CSV import's 数据 column, the scoring workbook's 数据 column, then
# compute, explain and the sheet as CSV. Every expected number is worked by
# hand from the rubric rows in tests/cli/data/forms-input.yaml (quoted
# below). A refused value, a refused import and a scheme with mistakes
# change nothing.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/forms.db"
k() { "$KAOHE" "$@"; }
dump() { sqlite3 "$KAOHE_DB" "SELECT * FROM finding ORDER BY 1,2,3" | sha256sum; }

# ---- the scheme language refuses mistakes with FILE:LINE ----
cat > bad.yaml <<'YAML'
scheme: bad
title: x
unit: county
year: 2017
points: 100
children:
- code: '1'
  title: 基础
  points: 100
  score: deduct
  children:
  - {code: '1.1', title: a, text: t, points: 5, rule: {type: range, from: 3, to: 2}}
  - {code: '1.2', title: b, text: t, points: 5, rule: {type: clauses, each: 1, clauses: [{type: conditions, conditions: [{text: x, deduct: 1}]}]}}
  - {code: '1.3', title: c, text: t, points: 5, rule: {type: zero}}
  - {code: '1.4', title: d, text: t, points: 5, rule: {type: trend, same: 5, up: 2}}
  - {code: '1.5', title: e, text: t, points: 5, rule: {type: rate, each: 0.5, target: 120}}
YAML
expect_exit 1 k init --year 2017 --county-scheme bad.yaml
expect_text err.txt "bad.yaml:12: 节点 1.1 的规则：from（3）大于 to（2）"
expect_text err.txt "bad.yaml:13: clauses 类规则不使用“each”"
expect_text err.txt "bad.yaml:13: 节点 1.2 的第 1 条：clauses 中的一条只能是 per、steps、fixed、judged、range 或 zero，不能是 conditions"
expect_text err.txt "bad.yaml:14: 节点 1.3 的规则：zero（不得分）只用于 clauses 中的一条"
expect_text err.txt "bad.yaml:15: 节点 1.4 的规则：上升的扣分 up 不能小于持平的扣分 same"
expect_text err.txt "bad.yaml:16: 节点 1.5 的规则：target 是百分数，不能超过 100"
[ -e "$KAOHE_DB" ] && fail "a refused init left a database file"

expect_exit 0 k scheme check "$DATA/forms-input.yaml"
expect_exit 0 k init --year 2017 --county-scheme "$DATA/forms-input.yaml"
for u in 甲区 乙区 丙区; do expect_exit 0 k unit add $u --kind county; done

# ---- 甲区 through score set --figures ----
# 1.1 "未建立安全生产台账的不得分；台账不全的每缺一项扣1分；未及时更新的扣2分" (10 分):
# ledgers exist (0), 3 items missing (3 × 1 = 3), not kept up to date (2): 5.
expect_exit 0 k score set 甲区 1.1 --figures "0;3;1"
expect_text out.txt "已记录：甲区 1.1 数据 0;3;1"
# 1.2 "每处扣0.5—2分，最高扣6分": three places at 1, 0.5 and 2: 3.5 (full-width ；).
expect_exit 0 k score set 甲区 1.2 --figures "1；0.5;2"
# 1.3 "视情况扣1—5分": judged at 3.
expect_exit 0 k score set 甲区 1.3 --figures 3
# 2.1 "培训覆盖率达到100%得满分，每降低1个百分点扣0.5分": 95 of 100 trained,
# 95%: 5 points below × 0.5 = 2.5.
expect_exit 0 k score set 甲区 2.1 --figures 95/100
# 2.2 "事故死亡人数超过控制指标的，每超1人扣2分": 5 deaths, target 3: 2 × 2 = 4.
expect_exit 0 k score set 甲区 2.2 --figures "5;3"
# 2.3 "事故起数较上年下降的得满分，持平的扣一半，上升的不得分" (10 分): 4 and 4, level: 5.
expect_exit 0 k score set 甲区 2.3 --figures "4;4"
# 基础管理 40 − (5 + 3.5 + 3) = 28.5; 目标控制 60 − (2.5 + 4 + 5) = 48.5; total 77.

# Refused, naming the item and the value, and nothing changes:
before=$(dump)
expect_exit 1 k score set 甲区 1.2 --figures "1;2.5"
expect_text err.txt "1.2 的扣分 2.5 超出范围：每处扣 0.5—2 分"
expect_exit 1 k score set 甲区 1.1 --figures "0;3"
expect_text err.txt "1.1 有 3 条规则，数据须按顺序填 3 个数"
expect_exit 1 k score set 甲区 1.1 --figures "0;1.5;1"
expect_text err.txt "1.1 第 2 条（台账不全） 须填次数（整数），而不是 1.5"
expect_exit 1 k score set 甲区 1.1 --figures "2;0;0"
expect_text err.txt "1.1 第 1 条（未建立台账） 须填 1（有此情形）或 0（没有），而不是 2"
expect_exit 1 k score set 甲区 1.3 --figures "1;2"
expect_text err.txt "1.3 的次数 2 超出范围：原文规定最多 1 次"
expect_exit 1 k score set 甲区 2.1 --figures 101/100
expect_text err.txt "2.1 的数据“101/100”：分子 101 大于分母 100"
expect_exit 1 k score set 甲区 2.1 --figures 5/0
expect_text err.txt "2.1 的数据“5/0”：分母不能为 0"
expect_exit 1 k score set 甲区 2.2 --figures "5"
expect_text err.txt "2.2 的数据“5”须是两个数：实际数;控制指标"
expect_exit 1 k score set 甲区 2.2 --figures "5;x"
expect_text err.txt "2.2 的数据“5;x”格式不对"
expect_exit 1 k score set 甲区 2.2 --figures "1/2/3"
expect_text err.txt "比率只能写成 分子/分母 两个数"
expect_exit 1 k score set 甲区 2.2 --count 3
expect_text err.txt "应录入数据，而不是次数"
[ "$(dump)" = "$before" ] || fail "a refused score set changed the findings"

# ---- 乙区 through the CSV import ----
# 1.1 no ledger at all: 不得分, 10. 1.2 five places at 1.5: 5 × 1.5 = 7.5, cap 6.
# 2.1 2 of 3 trained: 66.67%, 33.33 points below; whole points count (33),
# 33 × 0.5 = 16.5, at most the item's 10. 2.3 3 against 5 last year: down, 0.
# 基础管理 40 − 16 = 24; 目标控制 60 − 10 = 50; total 74.
cat > good.csv <<'CSV'
单位,编号,数据,备注
乙区,1.1,1;0;0,未建立台账
乙区,1.2,5×1.5,
乙区,2.1,2/3,
乙区,2.3,3；5,
CSV
# one bad row refuses the whole file, naming row and column
printf '单位,编号,数据\n乙区,1.1,1;0;0\n乙区,1.2,1;2.5\n' > bad.csv
before=$(dump)
expect_exit 1 k score import bad.csv
expect_text err.txt "1.2 的扣分 2.5 超出范围"
printf '单位,编号,数据\n乙区,2.1,95:100\n' > bad2.csv
expect_exit 1 k score import bad2.csv
expect_text err.txt "数据“95:100”格式不对"
[ "$(dump)" = "$before" ] || fail "a refused import changed the findings"
expect_exit 0 k score import good.csv
[ "$(sqlite3 "$KAOHE_DB" "SELECT figures FROM finding WHERE code = '2.3' AND unit_id = (SELECT id FROM unit WHERE name = '乙区')")" = "3;5" ] ||
	fail "2.3 not stored in the canonical form 3;5"

# ---- 丙区 through the scoring workbook ----
# 1.1 only not kept up to date: 2. 1.3 judged 2.5. 2.2 2 deaths against a
# target of 3: not exceeded, 0. 基础管理 40 − 4.5 = 35.5; total 95.5.
expect_exit 0 k template xlsx -o book.xlsx
PYTHONPATH="$TOP/tests/cli" python3 - book.xlsx filled.xlsx <<'PY' || fail "the workbook's 数据 column"
import re, sys, zipfile
import xml.etree.ElementTree as ET
from xlsx_cells import Book
book = Book(sys.argv[1])
rows = book.rows("评分")
assert rows[1]["M"] == "数据", rows[1]
at = {(r.get("A"), r.get("B")): n for n, r in rows.items()}
# what 甲区 has is shown; 1.1's hint names its clauses in order
assert rows[at[("甲区", "1.1")]]["M"] == "0;3;1", rows[at[("甲区", "1.1")]]
assert "第2条（台账不全） 项数" in rows[at[("甲区", "1.1")]]["F"]
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ET.register_namespace("", M)
z = zipfile.ZipFile(sys.argv[1])
part = book.paths["评分"]
root = ET.fromstring(z.read(part))
cells = {c.get("r"): c for r in root.iter("{%s}row" % M) for c in r}
for code, value in (("1.1", "0;0;1"), ("1.3", "2.5"), ("2.2", "2;3")):
    c = cells["M%d" % at[("丙区", code)]]
    for ch in list(c):
        c.remove(ch)
    c.set("t", "inlineStr")
    ET.SubElement(ET.SubElement(c, "{%s}is" % M), "{%s}t" % M).text = value
data = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as o:
    for item in z.infolist():
        o.writestr(item, data if item.filename == part else z.read(item.filename))
PY
expect_exit 0 k score import filled.xlsx

# ---- compute, explain, the sheet ----
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "the totals worked by hand"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
assert rs["甲区"]["total"] == 77 and [p["score"] for p in rs["甲区"]["parts"]] == [28.5, 48.5], rs["甲区"]
assert rs["乙区"]["total"] == 74 and [p["score"] for p in rs["乙区"]["parts"]] == [24, 50], rs["乙区"]
assert rs["丙区"]["total"] == 95.5 and rs["丙区"]["proposed_grade"] == "优秀", rs["丙区"]
PY
expect_exit 0 k explain 甲区
expect_text out.txt "第 1 条（未建立台账）：无 → 不扣分；第 2 条（台账不全）：3 项 × 1 分 = 3 分 → 扣 3 分；第 3 条（未及时更新）：未及时更新 → 扣 2 分；合计 5 分 → 扣 5 分"
expect_text out.txt "3 处：1 + 0.5 + 2 = 3.5 分，上限 6 分 → 扣 3.5 分"
expect_text out.txt "培训覆盖率 95/100 = 95%，低于 100% 5 个百分点，5 × 0.5 分 = 2.5 分 → 扣 2.5 分"
expect_text out.txt "事故死亡人数 5人，控制指标 3人，超过 2人，2 × 2 分 = 4 分 → 扣 4 分"
expect_text out.txt "事故起数本年 4，上年 4，较上年持平 → 扣 5 分"
expect_exit 0 k explain 乙区
expect_text out.txt "未建立台账，不得分 → 扣 10 分"
expect_text out.txt "5 处 × 1.5 分 = 7.5 分，上限 6 分 → 扣 6 分"
expect_text out.txt "培训覆盖率 2/3 ≈ 66.67%，低于 100% 约 33.33 个百分点，按整 33 个百分点计（不足 1 个百分点的不计），33 × 0.5 分 = 16.5 分，以本项分值 10 分为限 → 扣 10 分"
expect_text out.txt "事故起数本年 3，上年 5，较上年下降 → 不扣分"
expect_exit 0 k report sheet 丙区 --format csv -o sheet.csv
expect_text sheet.csv "事故死亡人数 2人，控制指标 3人，未超过 → 不扣分"
expect_text sheet.csv "1 次：2.5 分 → 扣 2.5 分"
expect_exit 0 k audit --verify
expect_line out.txt "各表与审计记录一致"
# The figures are part of what the audit records: 甲区's 2.1 altered in the
# file behind kaohe's back (95/100 → 99/100) is found, and the results are
# stale.
cp "$KAOHE_DB" tampered.db
sqlite3 tampered.db "UPDATE finding SET figures = '99/100' WHERE code = '2.1'
	AND unit_id = (SELECT id FROM unit WHERE name = '甲区')" || fail "sqlite3"
expect_exit 1 k -d tampered.db audit --verify
expect_text err.txt "评分记录（finding） 单位「甲区」 项目 2.1"
expect_text err.txt "为 value=95/100，表中为 value=99/100"
expect_exit 0 k -d tampered.db status
expect_text out.txt "结果已过期"
finish
