#!/bin/sh
# The PDF documents (issue 9) on the demo year, read back as a reader
# would: the results notice and a county's and a department's sheet are
# made by the real binary, turned into text with pdftotext and compared
# with `kaohe results --json` and `kaohe explain UNIT --json`: every unit,
# total and grade in the notice; every item's code, deduction, score and
# derivation, in its row, in the sheet. Then: the header row on every
# page of a sheet, "第 N 页 共 M 页" on every page, the CJK fonts embedded,
# the draft mark until the year is approved, objections and answers, who
# may make which document, and that a failed document leaves no file.
# The pages are rendered to build/report-images/pdf-*.png for a person to
# look at.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/demo.db"
# The ASan build: fontconfig keeps what it read of its configuration, and
# cairo a buffer of its PDF font subsetting, past the end of the process
# (the libraries' own, not kaohe's); full stacks so that only those match.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS="suppressions=$TOP/tests/cli/data/report_pdf.lsan:print_suppressions=0"
IMAGES=$TOP/build/report-images
k() { "$KAOHE" "$@"; }

for tool in pdftotext pdftoppm pdffonts python3; do
	command -v $tool >/dev/null || { echo "SKIP: $tool is not installed (poppler-utils)"; exit 0; }
done

k demo "$KAOHE_DB" >/dev/null || fail "demo"
expect_exit 0 k report results --format pdf -o notice.pdf
expect_line out.txt "已写入 notice.pdf"
expect_exit 0 k report sheet 昌黎县 --format pdf -o county.pdf
expect_exit 0 k report sheet 安监局 --format pdf -o department.pdf
k results --json > results.json
k explain 昌黎县 --json > county.json
k explain 安监局 --json > department.json
for f in notice county department; do
	pdftotext -layout $f.pdf $f.layout.txt || fail "pdftotext -layout $f.pdf"
	# content-stream order: a cell's lines one after another
	pdftotext -raw $f.pdf $f.raw.txt || fail "pdftotext -raw $f.pdf"
done

cat > check.py <<'EOF'
"""Compares the text of the PDF documents with the JSON of the same
results. Prints every difference; exits 1 if there is any."""
import json
import re
import sys
from decimal import Decimal

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Decimal)


def text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def fmt(v):
    """A number as points_fmt prints it: 94.33, 6, 0.5."""
    if isinstance(v, int):
        return str(v)
    s = format(v, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def strip(s):
    return re.sub(r"\s+", "", s)


PAGE_NO = re.compile(r"^第 (\d+) 页 共 (\d+) 页$")
TABLE_HEAD = "考核项 考核内容及评分标准 考核方式 扣分 得分 扣分说明"


def pages_of(raw):
    """The pages of pdftotext -raw without their frame (header, stamp and
    page number, drawn first on every page), as lists of lines."""
    out = []
    for page in raw.split("\f"):
        lines = page.split("\n")
        for i, line in enumerate(lines):
            if PAGE_NO.match(line.strip()):
                out.append([l for l in lines[i + 1:] if l.strip()])
                break
    return out


def body(raw):
    """The document's text without frames, repeated table headers and
    continuation marks, whitespace removed."""
    parts = []
    for lines in pages_of(raw):
        if lines and lines[0] == TABLE_HEAD:
            lines = lines[1:]
        parts.extend(lines)
    return strip("".join(parts)).replace("（续）", "")


def frame_checks(name, layout, raw, header_word):
    pages = [p for p in layout.split("\f") if p.strip()]
    n = len(pages)
    for i, p in enumerate(pages, 1):
        if not re.search(r"第\s*%d\s*页\s*共\s*%d\s*页" % (i, n), p):
            fail("%s: page %d has no 第 %d 页 共 %d 页" % (name, i, i, n))
        if header_word not in p:
            fail("%s: page %d has no header %s" % (name, i, header_word))
    return n


def notice(path_layout, path_raw, results, approved):
    layout, raw = text(path_layout), text(path_raw)
    n = frame_checks("notice", layout, raw, "安全生产目标考核结果")
    for i, p in enumerate([p for p in layout.split("\f") if p.strip()], 1):
        if approved == ("征求意见稿（未审定）" in p):
            fail("notice: page %d %s the draft mark" % (i, "has" if approved else "lacks"))
    lines = layout.split("\n")
    S = body(raw)
    for r in results:
        rank = str(r["rank"]) if r["rank"] else "—"
        prop = r["proposed_grade"] or "—"
        dec = r["grade"] or "未确定"
        pat = re.compile(r"^\s*%s\s+%s\s+%s\s+%s\s+%s(\s|$)" % tuple(
            re.escape(x) for x in (rank, r["unit"], fmt(r["total"]), prop, dec)))
        if not any(pat.match(l) for l in lines):
            fail("notice: no row %s %s %s %s %s" % (rank, r["unit"], fmt(r["total"]), prop, dec))
        for v in r["vetoes"]:
            want = strip(r["unit"] + v["code"] + v["title"] + v["detail"])
            if want not in S:
                fail("notice: veto of %s not shown: %s" % (r["unit"], want))
    if "秦皇岛市2016年度安全生产目标考核结果" not in layout:
        fail("notice: no title")
    if "秦皇岛市安全生产委员会办公室" not in layout:
        fail("notice: no issuing office")
    if not re.search(r"各单位得分于\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d计分", layout.replace("\n", "")):
        fail("notice: does not say when the results were computed")
    return n


def unbounded(n, parent):
    return (not n["children"] and parent is not None and parent.get("scoring") == "deduct"
            and len(parent["children"]) > 1 and n["points"] == (parent.get("scale") or parent["points"]))


def tail(n, parent):
    """What follows a row's texts: 扣分, 得分 and 扣分说明, as drawn."""
    na, missing = n.get("not_applicable"), n.get("missing")
    score = "不适用" if na else "未录入" if missing else "—" if unbounded(n, parent) else fmt(n["score"])
    ded = "—" if na else (fmt(n["deduction"]) if n["deduction"] != 0 else "")
    why = n["derivation"] + ("提示：" + n["warning"] if n.get("warning") else "")
    return strip(ded + score + why)


# Worked by hand from the rubric, not copied through: 1.1.8 向上一级安委会提交
# 履职报告 (16 分): "抽查的县乡每有一地未落实，扣4分。最高可扣16分。" The demo
# records one place: 1 × 4 = 4 ≤ 16, so 扣 4 分 and 16 − 4 = 12 分.
HAND = {("昌黎县", "1.1.8"): ("4", "12")}


class Reader:
    """Finds the sheet's rows in order; each row's cells run from its
    label to the next row's label (or caption)."""

    def __init__(self, name, S):
        self.name, self.S, self.pos, self.items = name, S, 0, []

    def find(self, what, label, want=None):
        at = self.S.find(what, self.pos)
        if at < 0:
            fail("%s: %s not found (in order)" % (self.name, label))
            return
        self.pos = at + len(what)
        self.items.append((at, want, label))

    def row(self, label_text, want, label):
        self.find(strip(label_text), label, want)

    def rows(self):
        return sum(1 for x in self.items if x[1] is not None)

    def check(self):
        """The figures and the derivation come after the rule text and
        the method, inside the row."""
        for i, (at, want, label) in enumerate(self.items):
            end = self.items[i + 1][0] if i + 1 < len(self.items) else len(self.S)
            # not the end of a larger number: 9 is not 19
            if want is not None and not re.search(r"(?<![\d.])" + re.escape(want), self.S[at:end]):
                fail("%s: row %s: want %s… in %s…" % (self.name, label, want[:50], self.S[at:at + 120]))


def rows(reader, n, unit, sheet):
    for c in n["children"]:
        if c.get("score") is None:
            continue  # scored on each sampled unit's sheet, or not at all
        want = tail(c, n)
        h = HAND.get((unit, c["code"]))
        if h and sheet is None:
            if (fmt(c["deduction"]), fmt(c["score"])) != h:
                fail("%s %s: stored %s/%s, by hand %s/%s" % (unit, c["code"], fmt(c["deduction"]),
                                                               fmt(c["score"]), *h))
            if not want.startswith(h[0] + h[1]):
                fail("%s %s: the sheet does not show 扣 %s 得 %s" % (unit, c["code"], *h))
        reader.row(c["code"] + c["title"], want, "%s%s" % (c["code"], "（" + sheet + "）" if sheet else ""))
        rows(reader, c, unit, sheet)


def notes(n, out, sheet=None):
    for c in n.get("children", []):
        if c.get("finding_note"):
            out.append((c["code"], sheet or "本单位", c["finding_note"]))
        notes(c, out, sheet)
        for s in c.get("sheets", []):
            notes(s, out, s["unit"])


def sheet(path_layout, path_raw, ex, result, approved):
    unit = ex["unit"]
    layout, raw = text(path_layout), text(path_raw)
    n = frame_checks(unit, layout, raw, unit + "评分表")
    if n < 2:
        fail("%s: the sheet has %d page(s), want more than one" % (unit, n))
    # the table's header row at the top of every page that has rows of it
    code_line = re.compile(r"^\d+(\.\d+)*\s(?!年度)")
    with_rows = 0
    for i, lines in enumerate(pages_of(raw), 1):
        if any(code_line.match(l) for l in lines):
            with_rows += 1
            if lines[0] != TABLE_HEAD and not lines[0].startswith("抽查单位评分表：") and i > 1:
                fail("%s: page %d has rows but no header row at its top: %s" % (unit, i, lines[0]))
    lay_pages = [p for p in layout.split("\f") if p.strip()]
    heads = sum(1 for p in lay_pages if re.search(r"考核项\s+考核内容及评分标准\s+考核方式\s+扣分\s+得分\s+扣分说明", p))
    if heads < n - 1 or heads < with_rows:
        fail("%s: the header row on %d of %d pages" % (unit, heads, n))
    for i, p in enumerate(lay_pages, 1):
        if approved == ("征求意见稿（未审定）" in p):
            fail("%s: page %d %s the draft mark" % (unit, i, "has" if approved else "lacks"))
    S = body(raw)
    r = Reader(unit, S)
    rows(r, ex, unit, None)
    r.row("总分（满分 %s 分）" % fmt(ex["points"]), strip(fmt(ex["total"]) + ex["derivation"]), "总分")
    own = r.rows()

    def sheets(n):
        for c in n["children"]:
            if c.get("score") is None:
                continue
            for s in c.get("sheets", []):
                r.find(strip("抽查单位评分表：%s（计入 %s %s）" % (s["unit"], c["code"], c["title"])),
                       "sampled sheet " + s["unit"])
                rows(r, s, unit, s["unit"])
                r.row(s["unit"] + " 得分", strip(fmt(s["score"]) + s["derivation"]), s["unit"] + " 得分")
            sheets(c)
    sheets(ex)
    r.check()
    rank = "名次：%s第 %d 名" % ("县区" if ex["kind"] == "county" else "市直部门", result["rank"])
    for want in ["总分：%s 分" % fmt(result["total"]), rank, "拟定档次：" + (result["proposed_grade"] or "—"),
                 "确定档次：" + (result["grade"] or "未确定")]:
        if strip(want) not in S:
            fail("%s: the result does not say %s" % (unit, want))
    found = []
    notes(ex, found)
    for code, where, note in found:
        if strip("%s（%s）：%s" % (code, where, note)) not in S:
            fail("%s: note of %s (%s) not shown" % (unit, code, where))
    print("%s: %d pages, %d rows of its own sheet, %d rows in all, %d notes" % (unit, n, own, r.rows(), len(found)))
    return n


def main():
    what = sys.argv[1]
    approved = sys.argv[2] == "approved"
    if what == "notice":
        n = notice(sys.argv[3], sys.argv[4], load(sys.argv[5]), approved)
        print("notice: %d pages" % n)
    else:
        ex = load(sys.argv[5])
        results = [x for x in load(sys.argv[6]) if x["unit"] == ex["unit"]]
        sheet(sys.argv[3], sys.argv[4], ex, results[0], approved)
    sys.exit(1 if failures else 0)


main()
EOF

python3 check.py notice draft notice.layout.txt notice.raw.txt results.json || fail "the notice"
python3 check.py sheet draft county.layout.txt county.raw.txt county.json results.json || fail "the county's sheet"
python3 check.py sheet draft department.layout.txt department.raw.txt department.json results.json \
	|| fail "the department's sheet"

# Fonts: the CJK faces embedded (as subsets), none left to the reader.
for f in notice county department; do
	pdffonts $f.pdf > $f.fonts.txt
	awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes") { print }' $f.fonts.txt > notembedded.txt
	[ -s notembedded.txt ] && { fail "$f.pdf: fonts not embedded as subsets"; cat notembedded.txt; }
	expect_text $f.fonts.txt "NotoSansCJKsc-Regular"
done
# the notice's title and text in serif (公文), the sheets in sans only
expect_text notice.fonts.txt "NotoSerifCJKsc-Bold"
expect_text notice.fonts.txt "NotoSerifCJKsc-Regular"
# numbers in the sheet read as points_fmt prints them, never 924.50
grep -q "924\.50\|94\.330" county.layout.txt && fail "a number not as points_fmt prints it"

# A provincial unit: no sheet of its own here, its result from the province.
expect_exit 0 k report sheet 海港区 --format pdf -o provincial.pdf
pdftotext -layout provincial.pdf provincial.txt
expect_text provincial.txt "本单位由省考核组考核"
expect_text provincial.txt "887"
# A sampled enterprise's sheet is part of its county's.
k report sheet 昌黎县示例建材有限公司 --format pdf -o enterprise.pdf >out.txt 2>err.txt \
	&& fail "an enterprise's sheet on its own"
expect_text err.txt "“昌黎县示例建材有限公司”是企业，其评分表是“昌黎县”评分表的一部分"
[ -e enterprise.pdf ] && fail "a refused document left a file"

# A document that cannot be written leaves nothing behind.
k report sheet 昌黎县 --format pdf -o nodir/county.pdf >out.txt 2>err.txt && fail "writing into no directory"
expect_text err.txt "nodir/county.pdf"
mkdir taken
k report results --format pdf -o taken >out.txt 2>err.txt && fail "a document over a directory"
ls -a | grep -q '\.tmp$' && { fail "a temporary file left behind"; ls -a; }

# Who may make which document: an assessed unit its own published sheet.
echo 'unit-pass-2016' | k user add 昌黎县账号 --role unit --unit 昌黎县 --password-stdin >/dev/null || fail "user"
echo 'view-pass-2016' | k user add 组织部 --role viewer --password-stdin >/dev/null || fail "user"
expect_exit 1 k --user 昌黎县账号 report sheet 昌黎县 --format pdf -o unit.pdf
expect_text err.txt "结果尚未公布"
[ -e unit.pdf ] && fail "a refused unit got a file"

# Approved, consented, published: no draft mark; decided grades; an
# objection with the office's answer in the unit's sheet.
k approve >/dev/null || fail "approve"
k consent --date 2017-02-10 --ref 秦政函〔2017〕5号 >/dev/null || fail "consent"
k publish >/dev/null || fail "publish"
k objection file 昌黎县 --item 1.1.7 --text "已于2016年12月述职，会议纪要可查" \
	--evidence "县委常委会会议纪要（2016年12月）" >/dev/null || fail "objection"
k objection answer 1 --outcome upheld --text "经核实，述职未按规定组织，维持评分" >/dev/null || fail "answer"
expect_exit 0 k report results --format pdf -o notice-approved.pdf
expect_exit 0 k report sheet 昌黎县 --format pdf -o county-approved.pdf
k results --json > results2.json
k explain 昌黎县 --json > county2.json
pdftotext -layout notice-approved.pdf notice2.layout.txt
pdftotext -raw notice-approved.pdf notice2.raw.txt
pdftotext -layout county-approved.pdf county2.layout.txt
pdftotext -raw county-approved.pdf county2.raw.txt
python3 check.py notice approved notice2.layout.txt notice2.raw.txt results2.json || fail "the approved notice"
python3 check.py sheet approved county2.layout.txt county2.raw.txt county2.json results2.json \
	|| fail "the approved county's sheet"
tr -d ' \n' < notice2.raw.txt > notice2.flat.txt
expect_text notice2.flat.txt "本结果已经审定，并经市政府同意（秦政函〔2017〕5号，2017-02-10），已公布。"
tr -d ' \n' < county2.raw.txt > county2.flat.txt
expect_text county2.flat.txt "意见1（1.1.7，"
expect_text county2.flat.txt "：已于2016年12月述职，会议纪要可查"
expect_text county2.flat.txt "证据：县委常委会会议纪要（2016年12月）"
expect_text county2.flat.txt "答复（维持评分，"
expect_text county2.flat.txt "）：经核实，述职未按规定组织，维持评分"
expect_text county2.flat.txt "确定档次：优秀（审定时按拟定档次确定）"

expect_exit 0 k --user 昌黎县账号 report sheet 昌黎县 --format pdf -o unit.pdf
pdftotext -raw unit.pdf unit.txt
expect_text unit.txt "经核实，述职未按规定组织，维持评分"
expect_exit 1 k --user 昌黎县账号 report sheet 卢龙县 --format pdf -o other.pdf
expect_text err.txt "只限本单位"
# the Organisation Department reads every sheet but not the objections
expect_exit 0 k --user 组织部 report sheet 昌黎县 --format pdf -o viewer.pdf
pdftotext -raw viewer.pdf viewer.txt
expect_text viewer.txt "不能查看意见"
grep -q "经核实，述职未按规定组织" viewer.txt && fail "the viewer's sheet shows the objections"

# A row taller than a page: a rule text of 160 sentences is split between
# lines over the pages, every sentence once and in order, each page with
# the header row and the row marked as going on.
python3 - > long.yaml <<'PY'
text = "".join("第%d句：各级各部门应当落实安全生产责任制，定期研究部署安全生产工作。" % i for i in range(1, 161))
print("""scheme: long-2017-county
title: 某市2017年度县区安全生产考核（长条文示例）
unit: county
year: 2017
points: 100
children:
- code: '1'
  title: 安全生产
  points: 100
  score: deduct
  children:
  - {code: '1.1', title: 长条文, text: %s, method: 查阅资料, rule: {type: per, each: 5, cap: 20}}
  - {code: '1.2', title: 报送, text: 每超时限1天扣1分，最高扣10分, rule: {type: per, each: 1, cap: 10, unit: 天}}
""" % text)
PY
L="$WORK/long.db"
k -d "$L" init --year 2017 --county-scheme long.yaml >/dev/null || fail "init long"
k -d "$L" unit add 甲区 --kind county >/dev/null || fail "unit"
k -d "$L" score set 甲区 1.1 --count 2 --note "会议纪要缺两次" >/dev/null || fail "score"
k -d "$L" compute >/dev/null || fail "compute"
expect_exit 0 k -d "$L" report sheet 甲区 --format pdf -o long.pdf
pdftotext -raw long.pdf long.raw.txt
pdftotext -layout long.pdf long.layout.txt
python3 - long.raw.txt long.layout.txt <<'PY' || fail "the row taller than a page"
import re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
layout = open(sys.argv[2], encoding="utf-8").read()
pages = [p for p in layout.split("\f") if p.strip()]
assert len(pages) >= 4, "%d pages" % len(pages)
for i, p in enumerate(pages, 1):
    assert re.search(r"考核项\s+考核内容及评分标准\s+考核方式\s+扣分\s+得分\s+扣分说明", p), "page %d: no header row" % i
    if 1 < i < len(pages):
        assert "（续）" in p, "page %d: the row not marked as going on" % i
# each page's text without its frame, the header row and the mark "（续）"
texts = []
for page in raw.split("\f"):
    lines = page.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"^第 \d+ 页 共 \d+ 页$", line.strip()):
            body = re.sub(r"\s+", "", "".join(lines[i + 1:]))
            body = body.replace("考核项考核内容及评分标准考核方式扣分得分扣分说明", "", 1).replace("（续）", "")
            texts.append(body)
            break
last = (-1, -1)
for k in range(1, 161):
    s = "第%d句：各级各部门应当落实安全生产责任制，定期研究部署安全生产工作。" % k
    found = [(p, t.find(s)) for p, t in enumerate(texts) if s in t]
    if not found:
        # cut by a page: its start on one page, the rest first on the next
        found = [(p, texts[p].find(s[:j])) for p in range(len(texts) - 1) for j in range(1, len(s))
                 if s[:j] in texts[p] and texts[p + 1].startswith(s[j:])]
    assert len(found) == 1, "sentence %d found %d times" % (k, len(found))
    assert found[0] > last, "sentence %d out of order" % k
    last = found[0]
flat = "".join(texts)
# 1.1 "each 5, cap 20", 2 次: 2 × 5 = 10 ≤ 20 → 扣 10 分, 100 − 10 = 90
assert "1.1（本单位）：会议纪要缺两次" in flat, "the finding's note"
assert "总分（满分100分）9090=90分" in flat, "the total"
print("long row: %d pages" % len(pages))
PY

# Without --format the file name's extension says it; without either, a
# usage error and no file.
expect_exit 0 k report results -o by-name.PDF
[ "$(head -c 5 by-name.PDF)" = "%PDF-" ] || fail "report results -o by-name.PDF did not write a PDF"
expect_exit 2 k report results -o no-extension
grep -q "请用 --format 指明格式" err.txt || fail "no word on the missing format"
[ ! -e no-extension ] || fail "a refused report left a file"

# Pictures of the pages for a person to look at.
mkdir -p "$IMAGES"
rm -f "$IMAGES"/pdf-*.png
pdftoppm -r 60 -png notice.pdf "$IMAGES/pdf-notice" || fail "pdftoppm"
pdftoppm -r 60 -png notice-approved.pdf "$IMAGES/pdf-notice-approved"
pdftoppm -r 60 -png county.pdf "$IMAGES/pdf-sheet-county"
pdftoppm -r 60 -png department.pdf "$IMAGES/pdf-sheet-department"
pdftoppm -r 60 -png provincial.pdf "$IMAGES/pdf-sheet-provincial"
pdftoppm -r 60 -png long.pdf "$IMAGES/pdf-sheet-long-row"
ls "$IMAGES"/pdf-sheet-county-*.png >/dev/null 2>&1 || fail "no images in $IMAGES"

finish
