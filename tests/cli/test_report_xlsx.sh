#!/bin/sh
# test_report_xlsx.sh: the workbooks and CSV tables of issue 9, made by the
# real binary from the demo year and read back as a reader would: the XLSX
# unzipped and its cells read (tests/cli/xlsx_cells.py: zipfile and
# xml.etree), the CSV files parsed, and compared with `kaohe results --json`
# and `kaohe explain UNIT --json`. Then each workbook goes through
# LibreOffice to PDF and pdftoppm to PNG, into $TOP/build/report-images/,
# for a person to look at; pdftotext checks the printed page numbers and
# that the Chinese text came through.
# Usage: sh tests/cli/test_report_xlsx.sh path/to/kaohe
. "$(dirname "$0")/lib.sh"
export PYTHONPATH="$TOP/tests/cli"
k() { "$KAOHE" -d demo.db "$@"; }

expect_exit 0 "$KAOHE" demo demo.db

# Before any result exists a document is refused, and no file is left.
"$KAOHE" year new 2099 -d empty.db >/dev/null 2>&1 || true
if [ -f empty.db ]; then
	expect_exit 1 "$KAOHE" -d empty.db report results --format xlsx -o never.xlsx
	[ ! -e never.xlsx ] || fail "a refused workbook left a file"
fi

expect_exit 0 k report results --format xlsx -o results.xlsx
expect_exit 0 k report sheet 昌黎县 --format xlsx -o changli.xlsx
expect_exit 0 k report sheets --format xlsx -o sheets.xlsx
expect_exit 0 k report results --format csv -o csv
expect_exit 0 k report sheet 昌黎县 --format csv -o changli.csv
expect_exit 0 k results --json
cp out.txt results.json
expect_exit 0 k explain 昌黎县 --json
cp out.txt explain.json
expect_exit 0 k accident list
cp out.txt accidents.txt
expect_exit 0 k unit list --json
cp out.txt units.json
ls ./*.tmp >/dev/null 2>&1 && fail "temporary files left: $(ls ./*.tmp)"

# Wrong formats and unknown units are refused.
expect_exit 1 k report sheets --format pdf -o x.pdf
expect_exit 1 k report sheet 无此单位 --format xlsx -o x.xlsx
[ ! -e x.xlsx ] || fail "a refused sheet left a file"

python3 - <<'EOF' || fail "workbook contents (see above)"
import csv, json, re, sys
from xlsx_cells import Book

bad = []
def check(ok, what):
    if not ok:
        bad.append(what)

def pts(v):
    """A stored figure as the JSON states it (hundredths exact)."""
    return round(float(v) * 100)

results = json.load(open("results.json"))
explain = json.load(open("explain.json"))

# ---- the results workbook ----
rb = Book("results.xlsx")
check(rb.names[:2] == ["县（区）", "市直部门"], "worksheet names %r" % rb.names)
check("事故" in rb.names and "日常考核" in rb.names, "accident and daily worksheets %r" % rb.names)
for kind, sheet in (("county", "县（区）"), ("department", "市直部门")):
    rows = rb.rows(sheet)
    # the title, then the stamp: year, scheme, compute time, audit head
    check("2016" in rows[1]["A"] and "结果" in rows[1]["A"], "title %r" % rows[1]["A"])
    stamp = rows[3]["A"]
    check(re.search(r"2016 年度 · 秦皇岛市2016年度县区安全生产目标考核.* · 计分于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d · 审计记录 #\d+ [0-9a-f]{16}", stamp),
          "stamp line %r" % stamp)
    head = rows[4]
    check(head["A"] == "名次" and head["B"] == "单位" and head["C"].startswith("总分"), "header %r" % head)
    by_unit = {r["B"]: r for n, r in rows.items() if n > 4 and "B" in r}
    units = [u for u in results if u["kind"] == kind]
    check(len(units) > 0, "units of " + kind)
    for u in units:
        r = by_unit.get(u["unit"])
        if r is None:
            bad.append("no row for " + u["unit"])
            continue
        check(r["A"] == (u["rank"] if u["rank"] else "—"), "%s rank %r" % (u["unit"], r["A"]))
        check(pts(r["C"]) == pts(u["total"]), "%s total %r vs %r" % (u["unit"], r["C"], u["total"]))
        # the part scores, in the header's order
        cols = [c for c in "DEFGHIJKLMN" if c in head and "分）" in head[c]]
        for c, p in zip(cols, u["parts"]):
            check(head[c].startswith(p["title"]), "part header %r vs %r" % (head[c], p["title"]))
            if p.get("score") is not None and u["status"] == "assessed":
                check(isinstance(r.get(c), float) and pts(r[c]) == pts(p["score"]),
                      "%s %s %r vs %r" % (u["unit"], p["title"], r.get(c), p["score"]))
        texts = [v for v in r.values() if isinstance(v, str)]
        check((u["proposed_grade"] or "—") in texts, "%s proposed grade" % u["unit"])
        for v in u["vetoes"]:
            check(any(v["title"] in t and v["detail"] in t for t in texts), "%s veto %s" % (u["unit"], v["title"]))
        if not u["vetoes"]:
            check("无" in texts, "%s: no veto written as 无" % u["unit"])
    # printing: A4 landscape, the header row repeated, page numbers
    x = rb.xml(sheet)
    check('paperSize="9"' in x and 'orientation="landscape"' in x, sheet + " page setup")
    check("第 &amp;P 页 共 &amp;N 页" in x, sheet + " page numbers")
    check('fitToWidth="1"' in x or "fitToHeight" in x, sheet + " fitted to the width")
    titles = [v for key, v in rb.defined.items() if key.startswith("_xlnm.Print_Titles")]
    check(any("$4:$4" in t for t in titles), "print titles %r" % titles)
styles = rb.part("xl/styles.xml")
check('<name val="宋体"/>' in styles, "CJK font")
check('wrapText="1"' in styles, "wrapped text")

# the accidents: as many rows as `kaohe accident list` lines, same deaths
acc = [l.split() for l in open("accidents.txt", encoding="utf-8") if l.strip()]
rows = rb.rows("事故")
body = {int(r["A"]): r for n, r in rows.items() if n > 4 and isinstance(r.get("A"), float)}
check(len(body) == len(acc), "accidents %d vs %d" % (len(body), len(acc)))
for a in acc:
    r = body.get(int(a[0]), {})
    check(r.get("C") == a[2], "accident %s county" % a[0])
    check(r.get("D") == float(a[5]), "accident %s deaths %r" % (a[0], r.get("D")))
    check(r.get("H", "").startswith(a[3].replace("事故", "")), "accident %s grade %r" % (a[0], r.get("H")))

# ---- one unit's sheet against explain ----
sb = Book("changli.xlsx")
rows = sb.rows(sb.names[0])
check(sb.names == ["昌黎县"], "sheet workbook names %r" % sb.names)
check([rows[4].get(c) for c in "ABCDEF"] == ["考核项", "考核内容及评分标准", "考核方式", "扣分", "得分", "扣分说明"],
      "sheet header %r" % rows[4])
by_code = {}
for n in sorted(rows):
    a = rows[n].get("A")
    if isinstance(a, str) and a.startswith("抽查单位："):
        break          # the sampled units' sheets follow the own sheet
    m = re.match(r"([0-9.]+) ", a or "")
    if m and n > 4:
        by_code[m.group(1)] = rows[n]
seen = 0
def walk(node):
    global seen
    if node.get("scoring") == "sheets":
        return          # its items are on the sampled units' sheets
    for c in node.get("children", []):
        r = by_code.get(c["code"])
        if r is None:
            bad.append("no sheet row " + c["code"])
            continue
        seen += 1
        # an item without points of its own (日常考核 5.1–5.5 share the
        # part's 300) shows its deduction only
        if c.get("score") is not None and c.get("points") != node.get("points"):
            check(pts(r.get("E", 0)) == pts(c["score"]), "%s score %r vs %r" % (c["code"], r.get("E"), c["score"]))
        if c.get("deduction"):
            check(pts(r.get("D", 0)) == pts(c["deduction"]), "%s deduction %r vs %r" % (c["code"], r.get("D"), c["deduction"]))
        d = c.get("derivation") or ""
        if c.get("deduction") or c.get("children"):
            check(d == "" or r.get("F") == d, "%s derivation %r vs %r" % (c["code"], r.get("F"), d))
        if c.get("text"):
            check(r.get("B") == c["text"], c["code"] + " rule text")
        walk(c)
walk(explain)
check(seen >= 60, "sheet rows compared: %d" % seen)
# 2.2 部门工作 is scored by the sampled county departments' sheets: the
# plan's rule "部门工作…抽查…取平均值" — worked by hand from their totals
# (交通运输局 40 + 54 = 94, 住建局 38 + 55 = 93, 教育局 38 + 58 = 96):
# (94 + 93 + 96) ÷ 3 = 283 ÷ 3 = 94.333… → 94.33, a deduction of 5.67.
r = by_code["2.2"]
check(r.get("E") == 94.33 and r.get("D") == 5.67, "2.2 mean %r %r" % (r.get("E"), r.get("D")))
check("（94 + 93 + 96）÷ 3 = 94.33" in r.get("F", ""), "2.2 derivation %r" % r.get("F"))
labels = {rows[n]["A"][5:]: rows[n] for n in rows if str(rows[n].get("A", "")).startswith("抽查单位：")}
for s in next(c for c in explain["children"][1]["children"] if c["code"] == "2.2")["sheets"]:
    check(s["unit"] in labels and labels[s["unit"]].get("E") == float(s["score"]), "sampled sheet " + s["unit"])
# the total: 86 + 275 + 85 + 181.5 + 297 = 924.5 (the parts' sum, "总分为各层面得分之和")
tot = [rows[n] for n in rows if str(rows[n].get("A", "")).startswith("总分")]
check(len(tot) == 1 and tot[0].get("E") == 924.5 and pts(explain["total"]) == 92450, "total row %r" % tot)

# ---- all units' sheets: a worksheet each, in order ----
ab = Book("sheets.xlsx")
# the units' official order (kaohe unit list), those assessed here
order = [u["name"] for u in json.load(open("units.json")) if u["name"] in
         {r["unit"] for r in results if r["status"] == "assessed"}]
check(len(order) == 18 and ab.names == order, "all-sheets names %r vs %r" % (ab.names, order))
for u in results:
    if u["unit"] not in ab.names:
        continue
    rws = ab.rows(u["unit"])
    t = [r for r in rws.values() if str(r.get("A", "")).startswith("总分")]
    check(len(t) == 1 and pts(t[0].get("E")) == pts(u["total"]), "%s sheet total" % u["unit"])
    check("orientation=\"landscape\"" in ab.xml(u["unit"]), u["unit"] + " landscape")
check(ab.rows("昌黎县") == rows, "the all-sheets worksheet equals the one-unit workbook")

# ---- CSV: UTF-8 with a byte order mark, the same figures ----
for f in ("results", "accidents", "daily", "daily_records"):
    raw = open("csv/%s.csv" % f, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), f + ".csv BOM")
rs = list(csv.reader(open("csv/results.csv", encoding="utf-8-sig", newline="")))
check(rs[0][:4] == ["类型", "名次", "单位", "总分"], "results.csv header %r" % rs[0])
bycsv = {r[2]: r for r in rs[1:]}
for u in results:
    r = bycsv.get(u["unit"])
    check(r is not None and pts(r[3]) == pts(u["total"]), "results.csv " + u["unit"])
ac = list(csv.reader(open("csv/accidents.csv", encoding="utf-8-sig", newline="")))
check(len(ac) - 1 == len(acc), "accidents.csv rows")
stamp = open("csv/stamp.txt", encoding="utf-8").read()
check("审计记录 #" in stamp and "计分于" in stamp, "stamp.txt")
sc = list(csv.reader(open("changli.csv", encoding="utf-8-sig", newline="")))
row22 = [r for r in sc if r[0] == "" and r[1] == "2.2"]
check(len(row22) == 1 and row22[0][6] == "5.67" and row22[0][7] == "94.33", "changli.csv 2.2 %r" % row22)
check(sc[-1][0].startswith("数据来源：2016 年度"), "changli.csv stamp %r" % sc[-1])

for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
EOF

# A formula-looking text is neutralised in CSV (no cell starts with = + - @
# unless it is a number kaohe wrote).
if grep -q '^[=+@]\|,[=+@]' csv/*.csv changli.csv; then
	fail "a CSV cell starts a formula"
fi

# The workbooks as printed: LibreOffice to PDF, pages to PNG.
IMG=$TOP/build/report-images
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
	mkdir -p "$IMG" pdf
	for f in results changli sheets; do
		cp "$f.xlsx" "xlsx-$f.xlsx"
	done
	timeout 300 soffice -env:UserInstallation=file://"$WORK"/lo --headless --convert-to pdf --outdir pdf \
		xlsx-results.xlsx xlsx-changli.xlsx xlsx-sheets.xlsx >soffice.txt 2>&1 ||
		{ fail "soffice"; cat soffice.txt; }
	for f in results changli sheets; do
		p=pdf/xlsx-$f.pdf
		[ -s "$p" ] || { fail "no $p"; continue; }
		pdfinfo "$p" >info.txt
		expect_text info.txt "(A4)"
		# landscape A4: 841.89 x 595.28 points
		grep -q "Page size: *841" info.txt || fail "$f.pdf is not landscape: $(grep 'Page size' info.txt)"
		pdftotext -layout "$p" "$f.txt"
		# pdftotext drops the spaces of "第 1 页 共 5 页"
		grep -q "第 *1 *页 *共 *[0-9]* *页" "$f.txt" || fail "$f.pdf: no page numbers"
		expect_text "$f.txt" "审计记录 #"
		pdffonts "$p" >fonts.txt
		grep -qi "cjk\|song\|hei\|wqy\|droid" fonts.txt || { fail "$f.pdf embeds no CJK font"; cat fonts.txt; }
		cp "$p" "$IMG/xlsx-$f.pdf"
		# the all-sheets workbook has many pages: its first ten
		pdftoppm -r 60 -png -l 10 "$p" "$IMG/xlsx-$f"
	done
	expect_text results.txt "昌黎县"
	expect_text results.txt "一票否决（不合格）"
	# the header row is printed on every page: as often as the pages
	pages=$(pdfinfo pdf/xlsx-changli.pdf | sed -n 's/^Pages: *//p')
	heads=$(grep -c "考核项 .*考核内容及评分标准" changli.txt)
	[ "$heads" -eq "$pages" ] || fail "sheet header on $heads of $pages pages"
	expect_text changli.txt "抽查单位：昌黎县交通运输局"
else
	echo "note: soffice or pdftoppm missing, no images"
fi

finish
