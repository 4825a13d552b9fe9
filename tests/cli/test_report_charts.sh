#!/bin/sh
# The charts (issue 9), `kaohe report chart totals|parts|years --format
# svg|png|pdf`, made by the real binary on the demo year and read back as a
# reader would: the SVG parsed as XML (every unit named with its stored
# total, the grade lines where the scheme puts them, nothing a browser
# would run), the PNG decoded (its size, not blank, the bars' colour), the
# PDF through pdftotext and pdfinfo (A4, fonts embedded, every unit, page
# numbers). Then a second year (2017 from 2016, one more finding,
# computed) for the years chart. Images go to build/report-images/.
. "$(dirname "$0")/lib.sh"
# The ASan build: fontconfig keeps what it read of its configuration, and
# cairo a buffer of its PDF font subsetting, past the end of the process
# (the libraries' own, not kaohe's; as in test_report_pdf.sh); full stacks
# so that only those match.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS="suppressions=$TOP/tests/cli/data/report_charts.lsan:print_suppressions=0"
export KAOHE_DB="$WORK/demo.db"
k() { "$KAOHE" "$@"; }
IMAGES=$TOP/build/report-images
mkdir -p "$IMAGES"

k demo "$KAOHE_DB" >/dev/null 2>&1 || fail "demo"
k results --json >results.json || fail "results --json"

# The checks on each format, in one place (python3, standard library only).
cat >check.py <<'PY'
import json, struct, sys, zlib
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"

def pts(v):
    """A stored total as kaohe writes it (points_fmt): 936.35, 924.5, 887."""
    s = ("%.2f" % v).rstrip("0").rstrip(".")
    return s

def svg(path):
    text = open(path, encoding="utf-8").read()
    for bad in ("<script", "<style", "javascript:", "href=", "on" + "load="):
        assert bad not in text, (path, bad)
    root = ET.fromstring(text)
    texts = [(t.text or "", float(t.get("x")), float(t.get("y")), t.get("text-anchor")) for t in root.iter(NS + "text")]
    return root, texts

def units(kind=None):
    rs = json.load(open("results.json", encoding="utf-8"))
    return [r for r in rs if kind is None or r["kind"] == kind]

def names_and_totals(path, rs, parts=False):
    """Every unit named in a <text>, and its total written "936.35 分"."""
    root, texts = svg(path)
    words = [t[0] for t in texts]
    for r in rs:
        assert r["unit"] in words, (path, r["unit"])
        total = pts(r["total"]) + " 分"
        assert any(w.startswith(total) for w in words), (path, r["unit"], total)
        if r["status"] == "provincial":
            assert total + "（省考核结果，不排名次）" in words, (path, r["unit"])
        if parts and r["status"] != "provincial":
            for p in r["parts"]:
                assert pts(p["score"]) in words, (path, r["unit"], p["title"], p["score"])
    return root, texts

def scale_of(texts, first):
    """The x of the ticks "0" and "1000" under the first chart (from its title on)."""
    xs = {}
    for w, x, y, a in texts:
        if y > first and w in ("0", "1000") and w not in xs:
            xs[w] = x
    return xs["0"], xs["1000"]

def totals(path):
    rs = units()
    root, texts = names_and_totals(path, rs)
    # the county chart comes first: its scale from 0 to 1000 points
    title_y = [y for w, x, y, a in texts if w == "2016 年度县（区）考核总分"][0]
    x0, x1000 = scale_of(texts, title_y)
    # the grade lines: the scheme's grades "优秀 ≥ 900 … 良好 ≥ 800 … 合格 ≥ 600"
    # (以上包括本数) of 1000 points stand at 90%, 80% and 60% of the scale
    lines = [l for l in root.iter(NS + "line") if l.get("stroke-dasharray") and
             abs(float(l.get("y2")) - float(l.get("y1"))) > 20]
    seen = set()
    for l in lines:
        at = (float(l.get("x1")) - x0) / (x1000 - x0)
        seen.add(round(at, 3))
    for share in (0.9, 0.8, 0.6):
        assert share in seen, (share, sorted(seen))
    for label in ("优秀 ≥ 900", "良好 ≥ 800", "合格 ≥ 600"):
        assert label in [t[0] for t in texts], label
    # each county's bar: its total's share of the scale (936.35 of 1000 → 93.635%)
    for r in units("county"):
        rect = [e for e in root.iter(NS + "rect") if e.find(NS + "title") is not None and
                e.find(NS + "title").text == "%s：%s 分" % (r["unit"], pts(r["total"]))]
        assert len(rect) == 1, r["unit"]
        w = float(rect[0].get("width")) / (x1000 - x0)
        assert abs(w - r["total"] / 1000) < 0.0001, (r["unit"], w)

def parts(path):
    root, texts = names_and_totals(path, units(), parts=True)
    words = [t[0] for t in texts]
    for p in units("county")[0]["parts"] + units("department")[0]["parts"]:
        assert p["title"] in words, p["title"]                   # the column heads
        assert "%s（满分 %s 分）" % (p["title"], pts(p["points"])) in words   # the legend

def stamp(path, seq):
    _, texts = svg(path)
    line = " ".join(t[0] for t in texts)
    assert "审计记录 #%s" % seq in line, line[-200:]
    assert "2016 年度 · 秦皇岛市2016年度县区安全生产目标考核" in line, line[-200:]

def png(path, svgpath):
    """The PNG: twice the SVG's size (the same model), not blank, with bars."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h, depth, ctype = struct.unpack(">IIBB", data[16:26])
    root = ET.parse(svgpath).getroot()
    import math
    assert (w, h) == (math.ceil(float(root.get("width")) * 2), math.ceil(float(root.get("height")) * 2)), (w, h)
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw, pos = b"", 8
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            raw += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(raw)
    stride = w * bpp
    prev = bytearray(stride)
    colours = {}
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 2 == 0:
            for x in range(0, w, 2):
                px = bytes(line[x * bpp:x * bpp + 3])
                colours[px] = colours.get(px, 0) + 1
        prev = line
    total = sum(colours.values())
    white = colours.get(b"\xff\xff\xff", 0)
    assert white < total * 0.97, "blank: %d of %d white" % (white, total)
    assert len(colours) > 20, "too few colours"
    return colours

def bars(colours, hexes):
    for hx in hexes:
        px = bytes.fromhex(hx)
        assert colours.get(px, 0) > 200, (hx, colours.get(px, 0))

if __name__ == "__main__":
    what = sys.argv[1]
    if what == "totals": totals(sys.argv[2])
    elif what == "parts": parts(sys.argv[2])
    elif what == "stamp": stamp(sys.argv[2], sys.argv[3])
    elif what == "png": bars(png(sys.argv[2], sys.argv[3]), sys.argv[4:])
PY

seq=$(sqlite3 "$KAOHE_DB" "SELECT max(seq) FROM audit")

# ---- totals and parts, in each format ----
for c in totals parts; do
	for f in svg png pdf; do
		expect_exit 0 k report chart $c --format $f -o "$c.$f"
		expect_line out.txt "已写入 $c.$f"
	done
	python3 check.py $c $c.svg || fail "the $c SVG"
	python3 check.py stamp $c.svg "$seq" || fail "the $c SVG's stamp"
done
# the PNG: the same drawing (twice the SVG's size), with the bars' colours:
# #1f4e79 a ranked total, #a8a8a8 a provincial one; the parts' colours
python3 check.py png totals.png totals.svg 1f4e79 a8a8a8 || fail "the totals PNG"
python3 check.py png parts.png parts.svg 1f4e79 2f6b3f 8a5a00 6b4f8f 8c3b3b || fail "the parts PNG"
# the PDF: A4 landscape, a page per kind, numbered, fonts embedded, every
# unit and its total
for c in totals parts; do
	pdfinfo $c.pdf >info.txt 2>&1 || fail "pdfinfo $c"
	expect_text info.txt "Pages:           2"
	expect_text info.txt "841.89 x 595.276 pts (A4)"
	pdffonts $c.pdf >fonts.txt 2>&1
	grep -q "NotoSansCJKsc" fonts.txt || fail "$c: no Noto Sans CJK SC"
	awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' fonts.txt || fail "$c: a font not embedded"
	pdftotext -layout $c.pdf $c.txt || fail "pdftotext $c"
	tr -d ' ' <$c.txt >$c.nospace.txt   # pdftotext drops the small spaces
	# the documents' head: the issuing office and the date; the demo year
	# is not approved, so every page carries the draft's mark
	expect_text $c.nospace.txt "秦皇岛市安全生产委员会办公室"
	[ "$(grep -c '征求意见稿（未审定）' $c.nospace.txt)" -eq 2 ] || fail "$c: the draft mark not on both pages"
	expect_text $c.nospace.txt "第1页共2页"
	expect_text $c.nospace.txt "第2页共2页"
	expect_text $c.txt "审计记录 #$seq"
	python3 - $c.txt <<'PY' || fail "the $c PDF's units"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for r in json.load(open("results.json", encoding="utf-8")):
    total = ("%.2f" % r["total"]).rstrip("0").rstrip(".") + " 分"
    line = [l for l in text.splitlines() if r["unit"] in l.split()]
    assert line, r["unit"]
    assert total in line[0], (r["unit"], total, line[0])
PY
done
# one kind only
expect_exit 0 k report chart totals --unit 市直部门 --format svg -o dept.svg
grep -q '北戴河区' dept.svg && fail "the departments' chart names a county"
grep -q '>商务局</text>' dept.svg || fail "the departments' chart lacks 商务局"
expect_exit 0 k report chart totals --unit department --format pdf -o dept.pdf
pdfinfo dept.pdf | grep -q "Pages:           1" || fail "one kind: one page"

# ---- refusals: nothing written ----
expect_exit 1 k report chart pie --format svg -o pie.svg
expect_text err.txt "未知的图表“pie”（totals、parts、years）"
expect_exit 1 k report chart years --format svg -o y.svg
expect_text err.txt "历年图表须用 --unit 指明单位"
expect_exit 1 k report chart totals --unit 昌黎县 --format svg -o t.svg
expect_text err.txt "--unit 可为 county（县区）或 department（市直部门）"
expect_exit 1 k report chart totals --format xlsx -o t.xlsx
expect_text err.txt "图表不能输出为 xlsx"
expect_exit 1 k report chart years --unit 无此单位 --format png -o y.png
echo 'secret-pass-1' | k user add 组织部 --role viewer --password-stdin >/dev/null
expect_exit 1 k --user 组织部 report chart totals --format pdf -o viewer.pdf
expect_text err.txt "查看考核结果"
ls | grep -q -x -e 'pie\.svg' -e 'y\.svg' -e 't\.svg' -e 't\.xlsx' -e 'y\.png' -e 'viewer\.pdf' -e '.*\.tmp' &&
	fail "a refused chart left a file: $(ls)"

# ---- years: 2017 made from 2016, one finding more for 安监局 ----
expect_exit 0 k init --year 2017 --from 2016
# before its first compute a year has nothing to draw: refused, no file
expect_exit 1 k report chart totals --format png -o none.png
expect_text err.txt "2017 年度尚未计分，还没有考核结果"
[ -e none.png ] && fail "a refused chart left none.png"
expect_exit 0 k compute
before=$(k results --json | python3 -c 'import json,sys; print([r["total"] for r in json.load(sys.stdin) if r["unit"] == "安监局"][0])')
# 1.1.4 "每少落实1次，扣10分。最高可扣40分": 2 times → 20 points more lost
expect_exit 0 k score set 安监局 1.1.4 --count 2
expect_exit 0 k compute
k results --json >results17.json
k --year 2016 results --json >results16.json
python3 - "$before" <<'PY' || fail "2017's total"
import json, sys
t = [r["total"] for r in json.load(open("results17.json")) if r["unit"] == "安监局"][0]
assert abs(t - (float(sys.argv[1]) - 20)) < 0.001, (t, sys.argv[1])
PY
for f in svg png pdf; do
	expect_exit 0 k report chart years --unit 安监局 --format $f -o years.$f
done
python3 - <<'PY' || fail "the years SVG"
import json
import xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse("years.svg").getroot()
texts = [t.text for t in root.iter(NS + "text")]
pts = lambda v: ("%.2f" % v).rstrip("0").rstrip(".")
t16 = [r["total"] for r in json.load(open("results16.json")) if r["unit"] == "安监局"][0]
t17 = [r["total"] for r in json.load(open("results17.json")) if r["unit"] == "安监局"][0]
assert "安监局 历年考核总分（2016—2017 年度）" in texts, texts[:3]
for year, total in ((2016, t16), (2017, t17)):
    assert "%d 年度" % year in texts, year
    assert pts(total) + " 分" in texts, (year, total)
    bar = [e for e in root.iter(NS + "rect") if e.find(NS + "title") is not None and
           e.find(NS + "title").text == "%d 年度：%s 分" % (year, pts(total))]
    assert len(bar) == 1, year
# the columns' heights: their totals' share of the same scale
h16 = [float(e.get("height")) for e in root.iter(NS + "rect") if e.find(NS + "title") is not None and e.find(NS + "title").text.startswith("2016")][0]
# 2016: 904 points, over the 优秀 line, but the demo's veto E1 "发生2起以上
# （含2起）一般事故的" (2 accidents) caps the grade at 良好: said as 否决
v16 = [r for r in json.load(open("results16.json")) if r["unit"] == "安监局"][0]
assert v16["vetoes"] and v16["proposed_grade"] == "良好", v16
assert "良好（否决）" in texts, texts
h17 = [float(e.get("height")) for e in root.iter(NS + "rect") if e.find(NS + "title") is not None and e.find(NS + "title").text.startswith("2017")][0]
assert abs(h16 / h17 - t16 / t17) < 0.001, (h16, h17, t16, t17)
PY
python3 check.py png years.png years.svg 1f4e79 86a7c8 || fail "the years PNG"
pdftotext -layout years.pdf years.txt
expect_text years.txt "2016 年度"
expect_text years.txt "2017 年度"
expect_text years.txt "安监局 历年考核总分"
# seen from 2016: 2016 alone, and the session's year is not changed for later
expect_exit 0 k --year 2016 report chart years --unit 安监局 --format svg -o years16.svg
grep -q '2017 年度' years16.svg && fail "2016's years chart shows 2017"
grep -q '数据库中没有该单位以往年度的考核结果。' years16.svg || fail "2016 alone: not said"

# ---- an assessed unit: its own published results only ----
echo 'unit-pass-2016' | k user add 昌黎县账号 --role unit --unit 昌黎县 --password-stdin >/dev/null || fail "user"
expect_exit 1 k --user 昌黎县账号 --year 2016 report chart totals --format svg -o unit.svg
expect_text err.txt "尚未公布"
k --year 2016 approve >/dev/null || fail "approve 2016"
k --year 2016 consent --date 2017-02-10 --ref 秦政函〔2017〕5号 >/dev/null || fail "consent 2016"
k --year 2016 publish >/dev/null || fail "publish 2016"
expect_exit 0 k --user 昌黎县账号 --year 2016 report chart totals --format svg -o unit.svg
grep -q '>昌黎县</text>' unit.svg || fail "the unit's chart lacks its own bar"
grep -q '卢龙县' unit.svg && fail "the unit's chart shows another unit"
expect_exit 0 k --user 昌黎县账号 --year 2016 report chart years --unit 昌黎县 --format svg -o unit-years.svg
grep -q '>2016 年度</text>' unit-years.svg || fail "the unit's years chart"
expect_exit 1 k --user 昌黎县账号 --year 2016 report chart years --unit 卢龙县 --format svg -o other.svg
# 2017 is not published: the unit may not chart it, nor its years
expect_exit 1 k --user 昌黎县账号 report chart years --unit 昌黎县 --format svg -o unit17.svg
[ -e other.svg ] || [ -e unit17.svg ] && fail "a refused unit got a chart"
# approved: no draft mark on the chart PDF
expect_exit 0 k --year 2016 report chart totals --format pdf -o approved.pdf
pdftotext approved.pdf approved.txt
grep -q '征求意见稿' approved.txt && fail "an approved year's chart carries the draft mark"

# ---- for a person to look at: the PNGs, the SVGs, the PDFs as images ----
for c in totals parts years; do
	cp $c.png "$IMAGES/chart-$c.png"
	cp $c.svg "$IMAGES/chart-$c.svg"
	pdftoppm -r 60 -png $c.pdf "$IMAGES/chart-$c-pdf" || fail "pdftoppm $c"
done
finish
