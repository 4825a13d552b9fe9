#!/bin/sh
# The scoring workbook of a periodic scheme (issue 11): `template xlsx`
# writes a 期间 column (a list of the scheme's quarters) — one group of
# rows per quarter, or with --period one quarter's workbook with the
# quarter filled in — and `score import` reads the period back, with the
# 数据 (figures) column. A bad period is refused by sheet, row and column,
# and nothing of the file is stored. The numbers are worked by hand from
# the rubric rows below.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/book.db"
k() { "$KAOHE" "$@"; }
dump() { sqlite3 "$KAOHE_DB" "SELECT * FROM finding ORDER BY 1,2,3" | sha256sum; }

# 实行季度考核，年度得分为四个季度得分的平均值。
cat > county.yaml <<'YAML'
scheme: quarterly-book-2017
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
expect_exit 0 k init --year 2017 --county-scheme county.yaml
expect_exit 0 k unit add 甲区 --kind county
expect_exit 0 k unit add 乙区 --kind county

# Sets cells of a workbook: UNIT CODE PERIOD COL VALUE … (PERIOD the
# row's 期间 as written; a value like 2 as a number, else a string).
cat > fill.py <<'PY'
import re, sys, zipfile
import xml.etree.ElementTree as ET
from xlsx_cells import Book
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
src, out, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
book = Book(src)
at = {(r.get("A"), r.get("B"), r.get("N")): n for n, r in book.rows("评分").items()}
ET.register_namespace("", M)
z = zipfile.ZipFile(src)
part = book.paths["评分"]
root = ET.fromstring(z.read(part))
cells = {c.get("r"): c for r in root.iter("{%s}row" % M) for c in r}
for i in range(0, len(edits), 5):
    unit, code, period, col, value = edits[i:i + 5]
    c = cells["%s%d" % (col, at[(unit, code, period)])]
    for ch in list(c):
        c.remove(ch)
    c.attrib.pop("t", None)
    if re.fullmatch(r"[0-9]+", value):
        ET.SubElement(c, "{%s}v" % M).text = value
    else:
        c.set("t", "inlineStr")
        ET.SubElement(ET.SubElement(c, "{%s}is" % M), "{%s}t" % M).text = value
data = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
    for item in z.infolist():
        o.writestr(item, data if item.filename == part else z.read(item.filename))
PY
fill() { PYTHONPATH="$TOP/tests/cli" python3 fill.py "$@"; }

# ---- the workbooks ----
# Without --period: every unit × quarter × item, 2 × 4 × 2 = 16 rows, the
# quarter in 期间 (column N, after 数据 M), with a list of the quarters.
# With --period Q2: 2 × 2 = 4 rows, each of 第2季度.
expect_exit 0 k template xlsx -o all.xlsx
expect_exit 0 k template xlsx --period Q2 -o q2.xlsx
PYTHONPATH="$TOP/tests/cli" python3 - all.xlsx q2.xlsx <<'PY' || fail "the workbooks' 期间 column"
import sys
from xlsx_cells import Book
every, q2 = Book(sys.argv[1]), Book(sys.argv[2])
rows = every.rows("评分")
assert rows[1]["M"] == "数据" and rows[1]["N"] == "期间", rows[1]
body = [(r["A"], r["N"], r["B"]) for n, r in sorted(rows.items()) if n > 1]
want = [(u, "第%d季度" % q, c) for u in ("甲区", "乙区") for q in (1, 2, 3, 4) for c in ("1.1", "1.2")]
assert body == want, body
assert '<formula1>"第1季度,第2季度,第3季度,第4季度"</formula1>' in every.xml("评分")
rows = q2.rows("评分")
assert [(r["A"], r["B"], r["N"]) for n, r in sorted(rows.items()) if n > 1] == [
    ("甲区", "1.1", "第2季度"), ("甲区", "1.2", "第2季度"), ("乙区", "1.1", "第2季度"), ("乙区", "1.2", "第2季度")], rows
assert "第2季度" in q2.rows("说明")[1]["A"]
PY
# a quarter the scheme does not have, a month for a quarterly scheme
expect_exit 1 k template xlsx --period Q5 -o bad.xlsx
expect_text err.txt "期间“Q5”不是有效的季度"
expect_exit 1 k template xlsx --period 2017-03 -o bad.xlsx
[ -e bad.xlsx ] && fail "a refused template wrote a file"

# ---- filled in and imported ----
# 甲区, from the workbook of every quarter:
#   第1季度 1.2 "每处扣0.5分": 1 处 × 0.5 = 0.5 → 100 − 0.5 = 99.5.
#   第2季度 1.1 "0;3;1": 有台账 0 + 缺 3 项 × 1 = 3 + 未及时更新 2 = 5;
#           1.2 2 处 × 0.5 = 1 → 100 − 5 − 1 = 94.
# 乙区, from the Q2 workbook: 1.1 "1;0;0" 未建立台账，不得分 → 扣 10 → 90.
before=$(dump)
fill all.xlsx all-filled.xlsx 甲区 1.2 第1季度 G 1 甲区 1.1 第2季度 M "0;3;1" 甲区 1.2 第2季度 G 2
fill q2.xlsx q2-filled.xlsx 乙区 1.1 第2季度 M "1;0;0"

# A bad period (第5季度; and 2017-03, a month) refused by sheet, row and
# column, with the good rows of the same file: nothing is stored.
fill q2-filled.xlsx q2-bad.xlsx 甲区 1.2 第2季度 N 第5季度 乙区 1.2 第2季度 N 2017-03 甲区 1.2 第2季度 G 3 乙区 1.2 第2季度 G 1
expect_exit 1 k score import q2-bad.xlsx
expect_text err.txt "q2-bad.xlsx（工作表 评分）:第3行第14列（N 列）：期间“第5季度”不是有效的季度"
expect_text err.txt "q2-bad.xlsx（工作表 评分）:第5行第14列（N 列）：期间“2017-03”不是有效的季度"
expect_text err.txt "数据库未作任何改动"
[ "$(dump)" = "$before" ] || fail "a refused workbook changed the findings"

expect_exit 0 k score import all-filled.xlsx
expect_exit 0 k score import q2-filled.xlsx
expect_exit 0 k explain 甲区 --period Q2
expect_text out.txt "第 1 条（未建立台账）：无 → 不扣分；第 2 条（台账不全）：3 项 × 1 分 = 3 分 → 扣 3 分；第 3 条（未及时更新）：未及时更新 → 扣 2 分；合计 5 分 → 扣 5 分"
expect_text out.txt "94"
expect_exit 0 k explain 甲区 --period Q1
expect_text out.txt "99.5"
expect_exit 0 k explain 乙区 --period Q2
expect_text out.txt "未建立台账，不得分 → 扣 10 分"
# the year: 甲区 has only two quarters entered, (99.5 + 94 + 0 + 0) ÷ 4 is
# provisional; its Q3 is missing
expect_exit 0 k explain 甲区
expect_text out.txt "第1季度 99.5 分"
expect_text out.txt "第2季度 94 分"

# The Q2 workbook made again shows what is stored now, in its quarter only.
expect_exit 0 k template xlsx --period 第2季度 -o again.xlsx
PYTHONPATH="$TOP/tests/cli" python3 - again.xlsx <<'PY' || fail "the stored values of Q2"
import sys
from xlsx_cells import Book
rows = {(r["A"], r["B"]): r for n, r in Book(sys.argv[1]).rows("评分").items() if n > 1}
assert rows[("甲区", "1.1")]["M"] == "0;3;1" and rows[("甲区", "1.2")]["G"] == 2, rows
assert rows[("乙区", "1.1")]["M"] == "1;0;0" and "G" not in rows[("乙区", "1.2")], rows
PY
# score set-many --period: 1.2 "每处扣0.5分", 4 处 for both in the third
# quarter: 4 × 0.5 = 2 → 98 each; without a quarter, refused, nothing stored.
before=$(dump)
expect_exit 1 k score set-many 1.2 甲区 乙区 --count 4
expect_text err.txt "本方案按季度考核，须注明所属季度"
expect_exit 1 k score set-many 1.2 甲区 乙区 --count 4 --period 13月
expect_text err.txt "期间“13月”不是有效的季度"
[ "$(dump)" = "$before" ] || fail "a refused set-many changed the findings"
expect_exit 0 k score set-many 1.2 甲区 乙区 --count 4 --period Q3
for u in 甲区 乙区; do
	expect_exit 0 k explain $u --period 第3季度
	expect_text out.txt "总分：98 分"
done

expect_exit 0 k audit --verify
finish
