#!/bin/sh
# scheme draft reads every row of a rubric's workbook (issue 11: "merged
# cells and rows without a number continue the row above"). The workbook
# reader drops the rows a scoring template has nothing entered in — those
# with only 编号, 考核项目, 考核内容及评分标准 or 考核方式 — and the draft
# once read its table through that filter: a continuation row (only
# 考核内容及评分标准, under a merged cell) and an item without 分值 were
# lost without a word, and the cap they state with them. The workbook
# here is written as Excel writes one: shared strings, 分值 as numbers,
# merged cells. Table (the rubric):
#   1    责任落实  20
#   1.1  责任制    10  制定安全生产责任制。未制定的，扣4分；未落实的，扣6分。  查文件
#                      （续）最高扣10分。            (B3:B4 and E3:E4 merged)
#   1.2  检查          每少1次，扣2分，最高扣10分。  (no 分值)
# Worked by hand: 1.1 is two conditions, 4 and 6, capped at the 10 stated
# in the continuation row; 1.2 is 2 per time, at most 10; 2 items, both
# read. The CSV of the same table drafts the same scheme.
. "$(dirname "$0")/lib.sh"

python3 - <<'PY' || fail "workbook"
import zipfile
from xml.sax.saxutils import escape
rows = [["编号", "考核项目", "分值", "考核内容及评分标准", "考核方式"],
        ["1", "责任落实", "20", "", ""],
        ["1.1", "责任制", "10", "制定安全生产责任制。未制定的，扣4分；未落实的，扣6分。", "查文件"],
        ["", "", "", "（续）最高扣10分。", ""],
        ["1.2", "检查", "", "每少1次，扣2分，最高扣10分。", ""]]
with open("table.csv", "w", encoding="utf-8") as f:
    for r in rows:
        f.write(",".join(r) + "\n")
ss, idx = [], {}
def si(v):
    if v not in idx:
        idx[v] = len(ss)
        ss.append(v)
    return idx[v]
sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
for r, row in enumerate(rows, 1):
    cells = ""
    for i, v in enumerate(row):
        if v == "":
            continue
        ref = "ABCDE"[i] + str(r)
        if i == 2 and r > 1:
            cells += '<c r="%s"><v>%s</v></c>' % (ref, v)
        else:
            cells += '<c r="%s" t="s"><v>%d</v></c>' % (ref, si(v))
    sheet.append('<row r="%d">%s</row>' % (r, cells))
sheet.append('</sheetData><mergeCells count="2"><mergeCell ref="B3:B4"/><mergeCell ref="E3:E4"/></mergeCells></worksheet>')
sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
       + "".join("<si><t>%s</t></si>" % escape(v) for v in ss) + "</sst>")
ns = "http://schemas.openxmlformats.org"
parts = {
 "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="%s/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>' % ns,
 "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (ns, ns),
 "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s/spreadsheetml/2006/main" xmlns:r="%s/officeDocument/2006/relationships"><sheets><sheet name="附件" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, ns),
 "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%s/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % (ns, ns, ns),
 "xl/worksheets/sheet1.xml": "".join(sheet),
 "xl/sharedStrings.xml": sst,
}
with zipfile.ZipFile("table.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text)
PY

expect_exit 0 "$KAOHE" scheme draft table.xlsx -o x.yaml --name t --title 某县考核 --year 2017
expect_line out.txt "共 2 行：2 行已识别规则，0 行须人工核对"
expect_exit 0 "$KAOHE" scheme draft table.csv -o c.yaml --name t --title 某县考核 --year 2017
cmp -s x.yaml c.yaml || { fail "the workbook and the CSV draft differ"; diff c.yaml x.yaml; }
python3 - x.yaml <<'PY' || fail "drafted rules"
import sys, yaml
s = yaml.safe_load(open(sys.argv[1]))
a, b = s["children"][0]["children"]
assert a["text"] == "制定安全生产责任制。未制定的，扣4分；未落实的，扣6分。\n（续）最高扣10分。", a["text"]
assert a["rule"] == {"type": "conditions", "cap": 10, "conditions": [
    {"text": "未制定的", "deduct": 4}, {"text": "未落实的", "deduct": 6}]}, a["rule"]
assert b["code"] == "1.2" and b["rule"] == {"type": "per", "each": 2, "cap": 10, "unit": "次"}, b
PY
finish
