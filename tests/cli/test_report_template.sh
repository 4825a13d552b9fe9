#!/bin/sh
# The scoring workbook (issue 9): `kaohe template xlsx` for a team member
# and for an industry scorer on the demo year, read back as a reader
# would (python's zipfile and xml.etree): its rows are exactly the units
# and items the role enters (worked out here from the scheme's rules and
# the team's units and samples), the values stored now are filled in,
# input cells are unlocked and validated, the sheet is protected and set
# up for A4 landscape. Filled in (the sheet's XML edited inside the ZIP)
# and imported with `kaohe score import FILE.xlsx`, the findings are
# stored and score as the rule text says; a workbook with two bad cells
# is refused naming both by sheet, row and column and nothing is stored;
# a zip bomb, a file that is not a ZIP, a ZIP that is no workbook and a
# workbook without worksheets are refused with a clear message. The
# template is printed to PDF by LibreOffice and rendered to PNG
# (build/report-images/template-*.png) for a person to look at.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/demo.db"
k() { "$KAOHE" "$@"; }

"$KAOHE" demo "$KAOHE_DB" >/dev/null || fail "demo"
echo 'secret-pass-1' | k user add 模板组员 --role member --team 县区考核组 --password-stdin >/dev/null ||
	fail "user add member"
echo 'secret-pass-1' | k user add 模板消防 --role industry --industry 消防 --password-stdin >/dev/null ||
	fail "user add industry"
echo 'secret-pass-1' | k user add 模板单位 --role unit --unit 昌黎县 --password-stdin >/dev/null ||
	fail "user add unit"

cat > xl.py <<'PY'
"""Reads and edits a workbook as another program would: zipfile and
xml.etree only."""
import json, re, sys, zipfile
import xml.etree.ElementTree as ET

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
N = {"m": M}
COLS = ["单位", "编号", "考核项目", "考核内容及评分标准", "考核方式", "规则", "次数", "情形", "扣分", "得分", "不适用", "备注"]


def strings(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter("{%s}t" % M)) for si in root.findall("m:si", N)]


def sheet_part(z, name):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    for s in wb.find("m:sheets", N):
        if s.get("name") == name:
            rid = s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            return "xl/" + target[rid]
    raise SystemExit("no sheet " + name)


def cells(path, name="评分"):
    """{row: {column letter: text}} and the sheet's root."""
    z = zipfile.ZipFile(path)
    ss = strings(z)
    root = ET.fromstring(z.read(sheet_part(z, name)))
    out = {}
    for r in root.find("m:sheetData", N):
        row = {}
        for c in r:
            col = re.match("[A-Z]+", c.get("r")).group()
            v = c.find("m:v", N)
            if c.get("t") == "s":
                row[col] = ss[int(v.text)]
            elif c.get("t") == "inlineStr":
                row[col] = "".join(t.text or "" for t in c.iter("{%s}t" % M))
            elif v is not None:
                row[col] = v.text
            else:
                row[col] = None     # a styled empty cell
        out[int(r.get("r"))] = row
    return out, root, z


def rows_of(path):
    """The data rows as (unit, code) in order, and the cells by row."""
    c, _, _ = cells(path)
    hdr = [c[1].get(chr(65 + i)) for i in range(len(COLS))]
    assert hdr == COLS, "header %r" % hdr
    return [(c[r]["A"], c[r]["B"]) for r in sorted(c) if r > 1], c


def applies(node, ancestors, unit):
    for n in [node] + ancestors[::-1]:
        if "only" in n:
            return unit in n["only"]
    return True


def enterable(node, daily):
    """As the service: a leaf, or a group with a not-applicable policy;
    not computed (the daily items), not a score another body enters."""
    leaf = not node.get("children")
    return (leaf or "na" in node) and node["code"] not in daily and node.get("rule", {}).get("type") != "entered"


def expected_member(scheme, daily, units, samples):
    """The rows of a county team member's template."""
    rows = []
    for unit in units:
        def own(n, anc):
            if n.get("sample"):
                return
            if n["code"] and enterable(n, daily) and applies(n, anc, unit):
                rows.append((unit, n["code"]))
            for ch in n.get("children", []):
                own(ch, anc + [n])
        own(scheme, [])
        for sub, kind in samples.get(unit, []):
            def sheet(n, inside):
                inside = inside or n.get("sample") == kind
                if inside and enterable(n, daily):
                    rows.append((sub, n["code"]))
                for ch in n.get("children", []):
                    sheet(ch, inside)
            sheet(scheme, False)
    return rows


def progress_units(path):
    """The units of `kaohe progress` ("昌黎县   14 / 88   录入中 …"), in order."""
    return [m.group(1) for m in re.finditer(r"^(\S+) +[0-9]+ / [0-9]+ ", open(path).read(), re.M)]


def cmd_scope(path, scheme_file, units_file, samples_file):
    scheme = json.load(open(scheme_file))
    daily = {d["code"] for d in scheme["daily"]["items"] if d["target"] == "county"}
    units = progress_units(units_file)
    kinds = {"县区部门": "county-department", "企业": "enterprise"}
    samples = {}
    for l in open(samples_file):
        county, kind, unit = l.rstrip("\n").split("\t")
        if kind in kinds:
            samples.setdefault(county, []).append((unit, kinds[kind]))
    got, c = rows_of(path)
    want = expected_member(scheme, daily, units, samples)
    if got != want:
        print("missing:", [r for r in want if r not in got][:10])
        print("extra:", [r for r in got if r not in want][:10])
        raise SystemExit(1)
    # 考核方式 (column E): the item's own method, else its nearest group's
    method = {}
    def methods(n, inherited):
        m = n.get("method", inherited)
        method[n["code"]] = m
        for ch in n.get("children", []):
            methods(ch, m)
    methods(scheme, None)
    for i, (unit, code) in enumerate(got):
        assert c[i + 2].get("E") == method[code], "E%d: %r != %r" % (i + 2, c[i + 2].get("E"), method[code])
    print(len(got), "rows,", len(set(u for u, _ in got)), "units")


def cmd_industry(path, scheme_file, units_file, industry):
    scheme = json.load(open(scheme_file))
    units = progress_units(units_file)
    codes = []
    def walk(n):
        if n.get("rule", {}).get("type") == "entered" and n["title"] == industry:
            codes.append(n["code"])
        for ch in n.get("children", []):
            walk(ch)
    walk(scheme)
    got, _ = rows_of(path)
    want = [(u, c) for u in units for c in codes]
    assert got == want, "%r != %r" % (got, want)
    print(len(got), "rows")


def cmd_get(path, unit, code, col):
    """The cell of column col in the row of (unit, code)."""
    rows, c = rows_of(path)
    r = rows.index((unit, code)) + 2
    v = c[r].get(col)
    print("" if v is None else v)


def cmd_units(path):
    rows, _ = rows_of(path)
    print("\n".join(sorted(set(u for u, _ in rows))))


def cmd_row(path, unit, code):
    rows, _ = rows_of(path)
    print(rows.index((unit, code)) + 2)


def cmd_checks(path):
    """Protection, unlocked inputs, validations, print setup, 说明."""
    z = zipfile.ZipFile(path)
    part = sheet_part(z, "评分")
    root = ET.fromstring(z.read(part))
    prot = root.find("m:sheetProtection", N)
    assert prot is not None and prot.get("sheet") == "1", "not protected"
    assert prot.get("password") is None, "protected with a password"
    styles = ET.fromstring(z.read("xl/styles.xml"))
    xfs = styles.find("m:cellXfs", N).findall("m:xf", N)
    def unlocked(s):
        p = xfs[int(s or 0)].find("m:protection", N)
        return p is not None and p.get("locked") == "0"
    c, _, _ = cells(path)
    sheet = {(int(re.sub("[A-Z]", "", x.get("r"))), re.match("[A-Z]+", x.get("r")).group()): x
             for r in root.find("m:sheetData", N) for x in r}
    rows, _ = rows_of(path)
    # every row: unit, code and the read-only columns locked, 备注 open
    for i in range(len(rows)):
        r = i + 2
        for col in "ABCDEF":
            assert not unlocked(sheet[(r, col)].get("s")), "%s%d unlocked" % (col, r)
        assert unlocked(sheet[(r, "L")].get("s")), "L%d locked" % r
        # exactly one of 次数 情形 扣分 得分 open (or none: a group's 不适用 only)
        open_ = [col for col in "GHIJ" if unlocked(sheet[(r, col)].get("s"))]
        assert len(open_) <= 1, "row %d: %r open" % (r, open_)
    dv = root.find("m:dataValidations", N)
    kinds = {(v.get("type"), v.get("operator")) for v in dv}
    # (the list of 不适用 is written as type="list")
    assert ("whole", None) in kinds or ("whole", "between") in kinds, kinds
    assert ("list", None) in kinds or any(t == "list" for t, _ in kinds), kinds
    for v in dv:
        assert v.get("sqref"), "validation without a range"
    ps = root.find("m:pageSetup", N)
    assert ps.get("orientation") == "landscape" and ps.get("paperSize") == "9", ps.attrib
    pane = root.find("m:sheetViews/m:sheetView/m:pane", N)
    assert pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1", "header not frozen"
    notes, _, _ = cells(path, "说明")
    text = "\n".join(v for r in notes.values() for v in r.values() if v)
    assert "审计记录 #" in text and "填写说明" in text, text[:200]
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    names = re.findall(r'definedName name="_xlnm.Print_Titles"[^>]*>([^<]*)', z.read("xl/workbook.xml").decode())
    assert names and "$1:$1" in names[0], "header row not repeated: %r" % names
    print("ok")


def cmd_validation(path, ref):
    """The validation covering cell ref: type, min, max."""
    z = zipfile.ZipFile(path)
    root = ET.fromstring(z.read(sheet_part(z, "评分")))
    col, row = re.match("([A-Z]+)([0-9]+)", ref).groups()
    for v in root.find("m:dataValidations", N):
        for rng in v.get("sqref").split():
            a, _, b = rng.partition(":")
            b = b or a
            ca, ra = re.match("([A-Z]+)([0-9]+)", a).groups()
            cb, rb = re.match("([A-Z]+)([0-9]+)", b).groups()
            if ca <= col <= cb and int(ra) <= int(row) <= int(rb):
                f1 = v.find("m:formula1", N)
                f2 = v.find("m:formula2", N)
                print(v.get("type"), f1.text if f1 is not None else "", f2.text if f2 is not None else "")
                return
    print("none")


def cmd_fill(path, out, *edits):
    """Sets cells: UNIT CODE COL VALUE … (a value like 2 or 8.5 as a
    number, anything else as an inline string; "" empties the cell)."""
    rows, _ = rows_of(path)
    z = zipfile.ZipFile(path)
    part = sheet_part(z, "评分")
    ET.register_namespace("", M)
    root = ET.fromstring(z.read(part))
    byref = {x.get("r"): x for r in root.find("m:sheetData", N) for x in r}
    for i in range(0, len(edits), 4):
        unit, code, col, value = edits[i:i + 4]
        ref = "%s%d" % (col, rows.index((unit, code)) + 2)
        c = byref[ref]
        for ch in list(c):
            c.remove(ch)
        c.attrib.pop("t", None)
        if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
            ET.SubElement(c, "{%s}v" % M).text = value
        elif value:
            c.set("t", "inlineStr")
            ET.SubElement(ET.SubElement(c, "{%s}is" % M), "{%s}t" % M).text = value
    data = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        for item in z.infolist():
            o.writestr(item, data if item.filename == part else z.read(item.filename))


def cmd_bomb(out):
    """A workbook whose sheet inflates to 60 MB (a zip bomb)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        o.writestr("[Content_Types].xml", "<Types/>")
        o.writestr("xl/workbook.xml", '<workbook xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships"><sheets><sheet name="评分" sheetId="1" r:id="rId1"/>'
                   '</sheets></workbook>' % M)
        o.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        o.writestr("xl/worksheets/sheet1.xml", '<worksheet xmlns="%s"><sheetData>' % M + " " * (60 << 20) +
                   "</sheetData></worksheet>")


def cmd_nosheets(out):
    """A workbook that lists no worksheet."""
    with zipfile.ZipFile(out, "w") as o:
        o.writestr("xl/workbook.xml", '<workbook xmlns="%s"><sheets/></workbook>' % M)


def cmd_plainzip(out):
    with zipfile.ZipFile(out, "w") as o:
        o.writestr("说明.txt", "不是工作簿")


getattr(sys.modules[__name__], "cmd_" + sys.argv[1])(*sys.argv[2:])
PY
x() { python3 "$WORK/xl.py" "$@"; }

# ---- a team member's template --------------------------------------------
expect_exit 0 k --user 模板组员 template xlsx -o member.xlsx
expect_line out.txt "已写入 member.xlsx"
# The rows: each county of the team (progress) with every item a team
# enters on its own sheet — leaves and groups with a not-applicable
# policy, not the daily items (computed from the ledger), not a score
# another body enters (行政执法, the industries), only where `only`
# lets it apply — and each sampled county department's and enterprise's
# sheet (towns are places counted, not sheets).
k scheme show qhd-2016-county --json > county.json
k --user 模板组员 progress > units.txt
: > samples.txt
for c in $(grep -E ' [0-9]+ / [0-9]+ ' units.txt | awk '{print $1}'); do k sample list "$c" >> samples.txt; done
x scope member.xlsx county.json units.txt samples.txt > scope.txt 2>&1 || { fail "member template rows"; cat scope.txt; }
x checks member.xlsx > checks.txt 2>&1 || { fail "member template set-up"; cat checks.txt; }

# The values stored now are filled in: 昌黎县交通运输局 2.2.2.6 has 情形 1
# (explain: 情形 1（未进行备案的）扣 2 分), 昌黎县 1.1.8 a count.
expect_exit 0 k explain 昌黎县
expect_text out.txt "情形 1（未进行备案的）扣 2 分"
[ "$(x get member.xlsx 昌黎县交通运输局 2.2.2.6 H)" = "1" ] || fail "stored 情形 not filled in"
# 1.1.4 "每少落实1次，扣5分。最高可扣10分": a whole number 0..1000000, no
# stated maximum of occurrences; 2.2.1.2 "至少每季度…": at most 4.
r=$(x row member.xlsx 昌黎县 1.1.4)
[ "$(x validation member.xlsx "G$r")" = "whole 0 1000000" ] || fail "validation G$r: $(x validation member.xlsx "G$r")"
r=$(x row member.xlsx 昌黎县交通运输局 2.2.1.2)
[ "$(x validation member.xlsx "G$r")" = "whole 0 4" ] || fail "validation G$r: $(x validation member.xlsx "G$r")"
# 1.1.1 "未落实扣10分" (one condition): a list of 1 and 0.
r=$(x row member.xlsx 昌黎县 1.1.1)
[ "$(x validation member.xlsx "H$r")" = 'list "0,1" ' ] || fail "validation H$r: $(x validation member.xlsx "H$r")"
r=$(x row member.xlsx 昌黎县 4.1)
[ "$(x validation member.xlsx "K$r")" = 'list "是" ' ] || fail "validation K$r: $(x validation member.xlsx "K$r")"

# ---- an industry scorer's template -----------------------------------------
expect_exit 0 k --user 模板消防 template xlsx -o fire.xlsx
k --user 模板消防 progress > counties.txt
x industry fire.xlsx county.json counties.txt 消防 > ind.txt 2>&1 || { fail "industry template rows"; cat ind.txt; }
# 4.15 消防 "由各行业主管打分": a score out of 100, decimals.
r=$(x row fire.xlsx 昌黎县 4.15)
[ "$(x validation fire.xlsx "J$r")" = "decimal 0 100" ] || fail "validation J$r: $(x validation fire.xlsx "J$r")"
expect_exit 0 k explain 昌黎县
expect_text out.txt "4.15  消防  9.6 / 10 分"
[ "$(x get fire.xlsx 昌黎县 4.15 J)" = "96" ] || fail "stored score not filled in"

# Who gets none: an assessed unit; another team's scope; an approved year.
expect_exit 1 k --user 模板单位 template xlsx -o unit.xlsx
expect_text err.txt "不录入评分"
[ -e unit.xlsx ] && fail "a refused template was written"
expect_exit 1 k --user 模板组员 template xlsx --team 部门考核组 -o other.xlsx
expect_text err.txt "只能生成本人可录入的评分模板"
expect_exit 0 k template xlsx --industry 消防 -o office-fire.xlsx
x industry office-fire.xlsx county.json counties.txt 消防 >/dev/null || fail "office --industry rows"
expect_exit 0 k template xlsx --unit 昌黎县交通运输局 -o one.xlsx
x units one.xlsx > one.txt
[ "$(cat one.txt)" = "昌黎县交通运输局" ] || fail "--unit: $(cat one.txt)"

# ---- filled in and imported -------------------------------------------------
# The team member enters (the expected scores worked from the rule text):
#  昌黎县 1.1.4 "每少落实1次，扣5分。最高可扣10分": 1 次 → 扣 5 → 10 − 5 = 5;
#  昌黎县 1.1.5 "每少落实1次，扣1分。最高可扣10分": 12 次 → 12 > 10, 扣 10 → 0;
#  昌黎县交通运输局 2.2.1.3 "每少1次，扣2分。最高扣10分": 2 次 → 扣 4 → 6;
#  昌黎县交通运输局 2.2.2.6 "未进行备案的，扣2分；未实现一案一档的，扣2分；
#   未跟踪督办的，扣2分": 情形 1,3 → 扣 4 → 6 (was 情形 1: 8).
# The sheet of 昌黎县交通运输局 was 94 = 40 + 54 (2.2.2.1 扣 4, 2.2.2.6 扣 2);
# now 2.2.1 = 40 − 4 = 36 and 2.2.2 = 60 − 4 − 4 = 52: 88. 部门工作 2.2 is the
# mean of the three sampled departments: (88 + 93 + 96) ÷ 3 = 92.33.
expect_exit 0 k explain 昌黎县
expect_text out.txt "平均（94 + 93 + 96）÷ 3 = 94.33 分"
x fill member.xlsx filled.xlsx \
	昌黎县 1.1.4 G 1 昌黎县 1.1.4 L "常委会下半年未听取汇报" 昌黎县 1.1.5 G 12 \
	昌黎县交通运输局 2.2.1.3 G 2 \
	昌黎县交通运输局 2.2.2.6 H "1,3"
expect_exit 0 k --user 模板组员 score import filled.xlsx
expect_text out.txt "已从 filled.xlsx（工作表 评分）导入"
expect_text out.txt "其中 1 行覆盖了原有评分"
expect_exit 0 k explain 昌黎县 --json
python3 - out.txt <<'PY' || fail "scores after the import"
import json, sys
j = json.load(open(sys.argv[1]))
def find(n, code):
    if n.get("code") == code:
        return n
    for c in n.get("children", []):
        f = find(c, code)
        if f:
            return f
n = find(j, "1.1.4")
assert n["score"] == 5 and n["deduction"] == 5, n
assert n.get("finding_note") == "常委会下半年未听取汇报", n.get("finding_note")
n = find(j, "1.1.5")
assert n["score"] == 0 and n["deduction"] == 10, n
part = find(j, "2.2")
sheet = [s for s in part["sheets"] if s["unit"] == "昌黎县交通运输局"][0]
assert sheet["score"] == 88, sheet["score"]
assert find(sheet, "2.2.1.3")["score"] == 6 and find(sheet, "2.2.2.6")["score"] == 6
assert part["score"] == 92.33, part["score"]
PY

# The industry scorer: 88.5 for 昌黎县 消防, written as binary noise
# (88.499999999999986, as a program may store it) and read as 88.5:
# 4.15 counts 10 points, "满分100分，折算为10分": 88.5 × 10 ÷ 100 = 8.85.
x fill fire.xlsx fire-filled.xlsx 昌黎县 4.15 J 88.499999999999986
expect_exit 0 k --user 模板消防 score import fire-filled.xlsx
expect_exit 0 k explain 昌黎县
expect_text out.txt "4.15  消防  8.85 / 10 分"
# … and it may not import the team's workbook: every row refused.
expect_exit 1 k --user 模板消防 score import filled.xlsx
expect_text err.txt "只能录入本行业的评分"

# ---- two bad cells: refused, both named, nothing stored ------------------------
k audit > audit-before.txt
k explain 卢龙县 > explain-before.txt
r1=$(x row member.xlsx 卢龙县 1.1.4)
r2=$(x row member.xlsx 卢龙县 1.1.1)
x fill member.xlsx bad.xlsx 卢龙县 1.1.4 G 一次 卢龙县 1.1.1 H 7 卢龙县 1.1.5 G 1
expect_exit 1 k --user 模板组员 score import bad.xlsx
expect_text err.txt "bad.xlsx（工作表 评分）:第${r1}行第7列（G 列）：次数“一次”格式不对，须是整数"
expect_text err.txt "bad.xlsx（工作表 评分）:第${r2}行第8列（H 列）："
expect_text err.txt "没有情形 7"
expect_text err.txt "导入失败（2 处问题），数据库未作任何改动"
k audit > audit-after.txt
cmp -s audit-before.txt audit-after.txt || fail "a refused workbook changed the record"
k explain 卢龙县 > explain-after.txt
cmp -s explain-before.txt explain-after.txt || fail "a row of a refused workbook was stored"

# ---- not a workbook ---------------------------------------------------------------
x bomb bomb.xlsx
expect_exit 1 k score import bomb.xlsx
expect_text err.txt "bomb.xlsx：xl/worksheets/sheet1.xml：解压后超过 50 MB，不予读取"
printf '单位,编号,次数\n' > notzip.xlsx
expect_exit 1 k score import notzip.xlsx
expect_text err.txt "notzip.xlsx：不是 XLSX 工作簿"
x plainzip plain.zip
expect_exit 1 k score import plain.zip
expect_text err.txt "plain.zip：工作簿缺少 xl/workbook.xml"
x nosheets nosheets.xlsx
expect_exit 1 k score import nosheets.xlsx
expect_text err.txt "nosheets.xlsx：工作簿中没有工作表"
printf '\320\317\021\340\241\261\032\341' > old.xls
expect_exit 1 k score import old.xls
expect_text err.txt "旧版 Excel（.xls）"
# … and a CSV is still read as one, whatever happens to the workbooks.
printf '单位,编号,次数\n卢龙县,1.1.4,1\n' > one.csv
expect_exit 0 k score import one.csv
expect_text out.txt "已导入 1 行（UTF-8 编码）"

# The template's read-only columns in a CSV are ignored by the importer
# (an unknown column is still refused: test_bad_input.sh).
printf '单位,编号,考核项目,考核内容及评分标准,考核方式,规则,次数\n卢龙县,1.1.9,工会共青团妇联参与教育活动,少一次扣3分,查阅资料,填“次数”,1\n' > ro.csv
expect_exit 0 k score import ro.csv
expect_text out.txt "已导入 1 行"

# ---- a closed year ---------------------------------------------------------------------
# Approved, nothing is imported; a user who may not enter the rows is told
# that, not that the year is closed (as for a single entry).
k compute >/dev/null
expect_exit 0 k approve
expect_exit 1 k --user 模板组员 score import filled.xlsx
expect_text err.txt "已审定"
expect_exit 1 k --user 模板消防 score import filled.xlsx
expect_text err.txt "只能录入本行业的评分"
expect_exit 1 k --user 模板组员 template xlsx -o late.xlsx
expect_text err.txt "本年度结果已审定，不能再录入评分"
k reopen --reason "测试结束" >/dev/null

# ---- what a person sees: the template printed ---------------------------------------
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
	mkdir -p pdf "$TOP/build/report-images"
	x fill member.xlsx print.xlsx 昌黎县 1.1.4 G 1 >/dev/null
	timeout 180 soffice -env:UserInstallation=file://$WORK/lo --headless --convert-to pdf --outdir pdf \
		member.xlsx fire.xlsx >/dev/null 2>&1 || fail "soffice"
	for f in member fire; do
		[ -s pdf/$f.pdf ] || { fail "no pdf/$f.pdf"; continue; }
		pdftotext -layout pdf/$f.pdf pdf/$f.txt
		grep -q "考核内容及评分标准" pdf/$f.txt || fail "$f.pdf: no header"
		rm -f "$TOP"/build/report-images/template-$f-*.png
		pdftoppm -r 60 -png -l 3 pdf/$f.pdf "$TOP/build/report-images/template-$f"
	done
	# the header row on every page
	[ "$(grep -c "考核内容及评分标准" pdf/member.txt)" -ge 2 ] || fail "the header row is not repeated"
fi

finish
