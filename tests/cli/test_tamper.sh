#!/bin/sh
# test_tamper.sh: edits made behind kaohe's back with the sqlite3 shell
# (issue 10, point 3). Each is made on a copy of a signed, approved demo
# year; `audit --verify` must exit 1 and name the table, the row and what
# the log says. An untouched copy verifies with exit 0.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3 shell"; exit 0; }

expect_exit 0 "$KAOHE" demo base.db
expect_exit 0 "$KAOHE" -d base.db veto add 卢龙县 --cause negative-impact --reason 演示否决
expect_exit 0 "$KAOHE" -d base.db compute
# Before a key: approval is allowed unsigned, with a warning (checked on a copy).
cp base.db unsigned.db
expect_exit 0 "$KAOHE" -d unsigned.db approve
expect_text out.txt "注意：未签名"
expect_exit 0 "$KAOHE" -d unsigned.db audit --verify
expect_text out.txt "审定时未签名"

cp base.db other.db
expect_exit 0 "$KAOHE" -d other.db key new -o other.key
expect_exit 0 "$KAOHE" -d base.db key new -o office.key
expect_text out.txt "公钥："
[ "$(stat -c %a office.key)" = 600 ] || fail "key file mode $(stat -c %a office.key), want 600"
expect_exit 1 "$KAOHE" -d base.db key new -o office.key
expect_text err.txt "已存在，不会覆盖"
# A year with a public key is approved only with its key.
expect_exit 1 "$KAOHE" -d base.db approve
expect_text err.txt "审定须用私钥签名"
expect_exit 1 "$KAOHE" -d base.db approve --key other.key
expect_text err.txt "不是 2016 年度的签名密钥"
expect_exit 0 "$KAOHE" -d base.db approve --key office.key
expect_text out.txt "已签名：第 "
signed=$(sed -n 's/^已签名：第 \([0-9]*\) 条.*/\1/p' out.txt)

# Untouched: everything proved.
expect_exit 0 "$KAOHE" -d base.db audit --verify
expect_text out.txt "审定签名有效"
expect_text out.txt "存储的结果与按现有记录重新计分一致"
expect_line out.txt "各表与审计记录一致"

# A filed document carries the signed head, its signature and the public
# key in full, so that the paper alone can be checked against them.
sig=$(sqlite3 base.db "SELECT signature FROM year WHERE year = 2016")
key=$(sqlite3 base.db "SELECT public_key FROM year WHERE year = 2016")
[ ${#sig} -eq 128 ] && [ ${#key} -eq 64 ] || fail "no signature stored: '$sig' '$key'"
expect_exit 0 "$KAOHE" -d base.db export filed
expect_text filed/stamp.txt "签名 $sig 公钥 $key"
if command -v pdftotext >/dev/null; then
	# pango's and fontconfig's caches, as the report tests suppress them
	LSAN_OPTIONS="suppressions=$TOP/tests/cli/data/report_pdf.lsan:print_suppressions=0" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0" \
		expect_exit 0 "$KAOHE" -d base.db report results --format pdf -o filed.pdf
	pdftotext -raw filed.pdf - | tr -d ' \n' > filed.txt
	expect_text filed.txt "签名$sig，公钥$key"
fi

# tamper NAME SQL TEXT...: applies SQL to a copy; verify exits 1 naming
# every TEXT.
tamper() {
	name=$1 sql=$2
	shift 2
	cp base.db "$name.db"
	sqlite3 "$name.db" "$sql" || fail "$name: sqlite3 refused: $sql"
	expect_exit 1 "$KAOHE" -d "$name.db" audit --verify
	for t in "$@"; do
		expect_text err.txt "$t"
	done
}

# 山海关区 has id 2 in the demo; its finding 1.1.2 is a count of 1.
tamper finding "UPDATE finding SET value = 7 WHERE unit_id = 2 AND code = '1.1.2'" \
	"评分记录（finding） 单位「山海关区」 项目 1.1.2：审计记录（第 " "为 value=1，表中为 value=7"
# An altered finding makes the results stale as well.
expect_exit 0 "$KAOHE" -d finding.db status
expect_text out.txt "结果已过期"
tamper finding_gone "DELETE FROM finding WHERE unit_id = 2 AND code = '1.1.5'" \
	"评分记录（finding） 单位「山海关区」 项目 1.1.5" "表中没有此行"
tamper finding_new "INSERT INTO finding (unit_id, sheet_id, code, form, value, actor, at)
	VALUES (2, 0, '9.9.9', 'count', 1, 'x', 'y')" "项目 9.9.9：审计记录中没有此行"
tamper accident "UPDATE accident SET deaths = deaths + 1 WHERE id = 1" \
	"事故（accident） #1：审计记录（第 " "deaths=3，表中为 deaths=4"
tamper accident_gone "DELETE FROM accident WHERE id = 2" "事故（accident） #2" "表中没有此行"
tamper veto "DELETE FROM veto" "一票否决（veto） #1" "cause\":\"negative-impact\"" "表中没有此行"
tamper status "UPDATE unit SET status = 'excluded' WHERE name = '山海关区'" \
	"单位（unit） 单位「山海关区」：审计记录（第 " "status=assessed，表中为 status=excluded"
tamper total "UPDATE result_unit SET total = total + 500 WHERE unit_id = 2" \
	"存储的结果（result_unit）单位「山海关区」总分：重新计分为 "
tamper rank "UPDATE result_unit SET rank = 1, proposed_grade = '优秀' WHERE unit_id = 2" \
	"单位「山海关区」名次：重新计分为 "
tamper thresholds "UPDATE scheme SET source = replace(source, 'min: 900', 'min: 850') WHERE unit_kind = 'county'" \
	"考核方案（scheme） #1：审计记录（第 " "source_sha256="
tamper approval "UPDATE year SET approved = 0" "年度（year） #1" "approved=1，表中为 approved=0"
tamper decision "UPDATE decision SET grade = '优秀' WHERE unit_id = (SELECT id FROM unit WHERE name = '卢龙县')" \
	"等次决定（decision） 单位「卢龙县」" "grade=不合格，表中为 grade=优秀"
tamper signature "UPDATE year SET signed_seq = signed_seq - 1" "审定时的签名无效"

# A rewritten chain: the finding changed in the table and in the record
# that wrote it, every hash from there on recomputed (the append-only
# triggers dropped and put back). The chain and the tables agree; only
# the signature can tell.
cp base.db rewrite.db
python3 - rewrite.db <<'EOF' || fail "rewrite script failed"
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
DROP TRIGGER audit_append_only_update;
UPDATE finding SET value = 7 WHERE unit_id = 2 AND code = '1.1.2';
UPDATE audit SET new = replace(new, '1', '7'),
  state = replace(state, '"form":"count","value":1,', '"form":"count","value":7,')
  WHERE seq = (SELECT max(seq) FROM audit WHERE state LIKE '%[2,0,"1.1.2"]%');
""")
def field(h, f):
    if f is None:
        h.update(b"-")
    else:
        b = f.encode()
        h.update(b"%d:" % len(b) + b)
prev = "kaohe-audit-v1"
rows = db.execute("SELECT seq, at, actor, action, year, unit, target, old, new, reason, state"
                  " FROM audit ORDER BY seq").fetchall()
for r in rows:
    h = hashlib.sha256()
    for f in (prev, "%d|%d" % (r[0], r[4]), r[1], r[2], r[3]) + tuple(r[5:10]):
        field(h, f)
    if r[10] is not None:
        field(h, r[10])
    prev = h.hexdigest()
    db.execute("UPDATE audit SET hash = ? WHERE seq = ?", (prev, r[0]))
db.executescript("""
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
""")
db.commit()
EOF
expect_exit 1 "$KAOHE" -d rewrite.db audit --verify
expect_text out.txt "审计记录完整"
expect_text err.txt "记录链被重写：签名的第 $signed 条记录校验值为 "
# The same rewrite of an unsigned year passes: nothing anchors it (README).

# Rows cut from the end after the signed head are not a rewrite, but the
# signed head must still be there.
cp base.db cut.db
sqlite3 cut.db "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE seq >= $signed;" ||
	fail "cut: sqlite3 refused"
expect_exit 1 "$KAOHE" -d cut.db audit --verify
expect_text err.txt "签名的第 $signed 条审计记录已不存在"

finish
