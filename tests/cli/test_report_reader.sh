#!/bin/sh
# The documents of issue 9 as their readers get them, where the other
# report tests do not look:
# - a year carried from the one before (init --from) keeps its schemes and
#   their titles ("秦皇岛市2016年度…"): its notice is still titled and
#   issued by the city, for the year it reports;
# - an assessed unit, once the results are published, gets its own row of
#   the results workbook, notice and CSV, and its own sheet of the
#   all-sheets workbook: never another unit's, nor the accidents;
# - text that a spreadsheet would take for a formula (a veto's reason, an
#   accident's note) is neutralised in the CSV and stays text in the XLSX;
# - `kaohe help` says score import reads a filled template (.xlsx);
# - a ranking table never starts at the foot of a page with its heading and
#   header row over fewer than three of its rows (it moves to the next).
# Usage: sh tests/cli/test_report_reader.sh path/to/kaohe
. "$(dirname "$0")/lib.sh"
export PYTHONPATH="$TOP/tests/cli"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS="suppressions=$TOP/tests/cli/data/report_pdf.lsan:print_suppressions=0"
k() { "$KAOHE" "$@"; }
command -v pdftotext >/dev/null || { echo "SKIP: pdftotext is not installed"; exit 0; }

# The command's help names both files score import reads.
expect_exit 0 k help
expect_text out.txt "kaohe score import 文件.csv|文件.xlsx"

# ---- a carried year ---------------------------------------------------------
k demo carried.db >/dev/null || fail "demo"
expect_exit 0 k -d carried.db init --year 2017 --from 2016
expect_exit 0 k -d carried.db compute
expect_exit 0 k -d carried.db report results --format pdf -o notice2017.pdf
pdftotext -layout notice2017.pdf notice2017.txt
# the schemes are the 2016 ones, titled "秦皇岛市2016年度县区安全生产目标考核"
# (schemes/qhd-2016-county.yaml): the city is the title's words before
# its year, whichever year that is
expect_text notice2017.txt "秦皇岛市2017年度安全生产目标考核结果"
expect_text notice2017.txt "秦皇岛市安全生产委员会办公室"
# the demo year's notice: 9 counties fill most of page 1, the departments'
# table (15 rows) must not begin there with one or two rows
expect_exit 0 k -d carried.db --year 2016 report results --format pdf -o notice2016.pdf
pdftotext -layout notice2016.pdf notice2016.txt
python3 - notice2016.txt <<'PY' || fail "a ranking table starts over fewer than three rows"
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
for n, page in enumerate(pages, 1):
    lines = page.splitlines()
    heads = [i for i, l in enumerate(lines) if re.search(r"名次\s+单位\s+总分", l)]
    if not heads:
        continue
    rows = [l for l in lines[heads[-1] + 1:] if re.match(r"\s*(\d+|—)\s+\S", l)]
    nxt = pages[n] if n < len(pages) else ""
    goes_on = bool(re.search(r"名次\s+单位\s+总分", nxt)) and not re.search(r"[一二三四]、", nxt.split("名次")[0])
    assert not goes_on or len(rows) >= 3, "page %d ends with a table over %d rows" % (n, len(rows))
PY
expect_exit 0 k -d carried.db report sheet 昌黎县 --format pdf -o sheet2017.pdf
pdftotext -layout sheet2017.pdf sheet2017.txt
expect_text sheet2017.txt "秦皇岛市安全生产委员会办公室"

# ---- formula-looking text ----------------------------------------------------
export KAOHE_DB="$WORK/demo.db"
k demo "$KAOHE_DB" >/dev/null || fail "demo"
expect_exit 0 k veto add 卢龙县 --cause falsified --reason '=HYPERLINK("http://example.com","点此")'
expect_exit 0 k accident add --unit 昌黎县 --date 2016-05-01 --deaths 0 --injuries 1 --loss 1000 \
	--note '-2+3+cmd|x'
expect_exit 0 k compute
expect_exit 0 k report results --format csv -o csv
expect_exit 0 k report results --format xlsx -o results.xlsx
python3 - <<'EOF' || fail "formula-looking text"
import csv, re, sys
from xlsx_cells import Book
bad = []
cells = [c for f in ("results", "accidents") for r in
         csv.reader(open("csv/%s.csv" % f, encoding="utf-8-sig", newline="")) for c in r]
# the note starts with "-": written with a leading apostrophe
if "'-2+3+cmd|x" not in cells:
    bad.append("accidents.csv: the note not neutralised")
for c in cells:
    if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not re.fullmatch(r"-[0-9.]+", c)):
        bad.append("a CSV cell starts a formula: %r" % c)
b = Book("results.xlsx")
for n in b.names:
    if "<f>" in b.xml(n) or "<f " in b.xml(n):
        bad.append(n + ": a formula cell")
texts = [v for n in b.names for r in b.rows(n).values() for v in r.values() if isinstance(v, str)]
if not any('=HYPERLINK("http://example.com","点此")' in t for t in texts):
    bad.append("the veto's reason is not in the workbook as text")
if "-2+3+cmd|x" not in texts:
    bad.append("the accident's note is not in the workbook as text")
for m in bad:
    print("FAIL:", m)
sys.exit(1 if bad else 0)
EOF

# ---- an assessed unit's documents --------------------------------------------
echo 'unit-pass-2016' | k user add 昌黎县账号 --role unit --unit 昌黎县 --password-stdin >/dev/null || fail "user"
k approve >/dev/null || fail "approve"
k consent --date 2017-02-10 --ref 秦政函〔2017〕5号 >/dev/null || fail "consent"
k publish >/dev/null || fail "publish"
u() { k --user 昌黎县账号 "$@"; }
expect_exit 0 u report results --format xlsx -o unit.xlsx
expect_exit 0 u report results --format pdf -o unit.pdf
expect_exit 0 u report results --format csv -o unitcsv
expect_exit 0 u report sheets --format xlsx -o unit-sheets.xlsx
pdftotext -layout unit.pdf unit.txt
expect_text unit.txt "昌黎县"
for other in 卢龙县 抚宁区 安监局 海港区 HYPERLINK; do
	grep -q "$other" unit.txt && fail "the unit's notice shows $other"
	grep -rq "$other" unitcsv && fail "the unit's CSV shows $other"
done
python3 - <<'EOF' || fail "the unit's workbooks"
import sys
from xlsx_cells import Book
bad = []
b = Book("unit.xlsx")
if "事故" in b.names or "市直部门" in b.names:
    bad.append("worksheets %r" % b.names)
units = {r.get("B") for i, r in b.rows("县（区）").items() if i > 4 and "B" in r}
if units != {"昌黎县"}:
    bad.append("results rows %r" % units)
texts = [v for n in b.names for r in b.rows(n).values() for v in r.values() if isinstance(v, str)]
for other in ("卢龙县", "抚宁区", "北戴河区", "安监局", "国土局"):
    if any(other in t for t in texts):
        bad.append("the unit's workbook shows " + other)
s = Book("unit-sheets.xlsx")
if s.names != ["昌黎县"]:
    bad.append("all-sheets worksheets %r" % s.names)
for m in bad:
    print("FAIL:", m)
sys.exit(1 if bad else 0)
EOF

finish
