#!/bin/sh
# The scoring workbook on the web (issue 9): the sheets page offers the
# download (下载评分模板) and the upload; /template.xlsx is an attachment
# with the member's rows; a filled workbook uploaded is imported; one with
# two bad cells is refused with both named by sheet, row and column (the
# column's letter too) and the file stays as it was; a CSV goes the same
# way; a unit's account gets no template.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
dump() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }
for role in member unit office; do login "$role"; done

post_file() {
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$1" -F "_csrf=$(cat "$WORK/csrf.$1")" \
		-F "file=@$3;filename=$4" "$BASE$2")
}

get member /sheets
expect_status 200 "the sheets"
expect_body '<a href="/template.xlsx">下载评分模板</a>'
expect_body 'action="/sheets/import#template" enctype="multipart/form-data"'
get office /sheets
expect_body '<option>县区考核组</option>'
expect_body '<option>消防</option>'

# The download: an attachment, an .xlsx named for the year and the user.
status=$(curl -s -D head.txt -o member.xlsx -w '%{http_code}' -b "$WORK/jar.member" "$BASE/template.xlsx")
[ "$status" = 200 ] || fail "template: $status"
grep -qi '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' head.txt ||
	fail "template type: $(cat head.txt)"
grep -qi "^content-disposition: attachment; filename\*=UTF-8''2016" head.txt || fail "template name: $(cat head.txt)"
python3 - member.xlsx > rows.txt <<'PY' || fail "template rows"
import re, sys, zipfile, xml.etree.ElementTree as ET
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
ss = ["".join(t.text or "" for t in si.iter(M + "t")) for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
rows = {}
for r in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(M + "row"):
    for c in r:
        v = c.find(M + "v")
        if v is not None and c.get("t") == "s":
            rows.setdefault(int(r.get("r")), {})[re.match("[A-Z]+", c.get("r")).group()] = ss[int(v.text)]
assert rows[1]["A"] == "单位" and rows[1]["B"] == "编号"
units = {r["A"] for n, r in rows.items() if n > 1}
assert "昌黎县" in units and "安监局" not in units, units
for n in sorted(rows):
    if n > 1:
        print(n, rows[n]["A"], rows[n]["B"])
PY
row() { awk -v u="$1" -v c="$2" '$2 == u && $3 == c {print $1}' rows.txt; }

# Two bad cells: refused, both named, nothing stored.
r1=$(row 卢龙县 1.1.4)
r2=$(row 卢龙县 1.1.1)
python3 - member.xlsx bad.xlsx "G$r1" 三次 "H$r2" 9 <<'PY'
import sys, zipfile, re
src, out, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
z = zipfile.ZipFile(src)
xml = z.read("xl/worksheets/sheet1.xml").decode()
for ref, value in zip(edits[::2], edits[1::2]):
    xml, n = re.subn(r'<c r="%s" s="(\d+)"[^>]*?(/>|>.*?</c>)' % ref,
                     r'<c r="%s" s="\1" t="inlineStr"><is><t>%s</t></is></c>' % (ref, value), xml)
    assert n == 1, ref
with zipfile.ZipFile(out, "w") as o:
    for i in z.infolist():
        o.writestr(i, xml if i.filename == "xl/worksheets/sheet1.xml" else z.read(i.filename))
PY
before=$(dump)
post_file member /sheets/import bad.xlsx 卢龙县评分.xlsx
expect_status 422 "two bad cells"
expect_body "卢龙县评分.xlsx（工作表 评分）:第${r1}行第7列（G 列）：次数“三次”格式不对"
expect_body "卢龙县评分.xlsx（工作表 评分）:第${r2}行第8列（H 列）："
expect_body "导入失败（2 处问题），数据库未作任何改动"
[ "$(dump)" = "$before" ] || fail "a refused workbook changed the file"

# Filled well: imported. 卢龙县 1.1.4 "每少落实1次，扣5分。最高可扣10分": 2 次 → 扣 10.
python3 - member.xlsx good.xlsx "F$r1" <<'PY'
import sys, zipfile, re
src, out, ref = sys.argv[1:]
z = zipfile.ZipFile(src)
xml = z.read("xl/worksheets/sheet1.xml").decode()
xml, n = re.subn(r'<c r="%s" s="(\d+)"[^>]*?(/>|>.*?</c>)' % ref, r'<c r="%s" s="\1"><v>2</v></c>' % ref, xml)
assert n == 1
with zipfile.ZipFile(out, "w") as o:
    for i in z.infolist():
        o.writestr(i, xml if i.filename == "xl/worksheets/sheet1.xml" else z.read(i.filename))
PY
post_file member /sheets/import good.xlsx 卢龙县评分.xlsx
expect_status 303 "a filled workbook"
get member /sheets
expect_body "已从 卢龙县评分.xlsx（工作表 评分）导入"
"$KAOHE" explain 卢龙县 > explain.txt
grep -q "1.1.4  党委常委会听取安全生产汇报  0 / 10 分（扣 10 分）" explain.txt || fail "1.1.4 after the import: $(grep 1.1.4 explain.txt)"

# A CSV the same way; a bad one names its row and column.
printf '单位,编号,次数\n卢龙县,1.1.5,1\n卢龙县,1.1.9,x\n' > bad.csv
post_file member /sheets/import bad.csv bad.csv
expect_status 422 "a bad CSV"
expect_body "bad.csv:第3行第3列（C 列）：次数“x”格式不对"
printf '单位,编号,次数\n卢龙县,1.1.5,1\n' > good.csv
post_file member /sheets/import good.csv good.csv
expect_status 303 "a CSV"

# Not a workbook, though named one.
printf 'hello' > fake.xlsx
post_file member /sheets/import fake.xlsx fake.xlsx
expect_status 422 "not a workbook"
expect_body "fake.xlsx：不是 XLSX 工作簿"

# A unit has nothing to enter.
get unit /template.xlsx
expect_status 403 "a unit's template"
expect_body "不录入评分"

finish
