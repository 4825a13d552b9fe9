#!/bin/sh
# test_tamper_results.sh: the stored results behind the totals (issue 10,
# point 3: "stored results must equal a recompute from that state; any
# difference is named"). Reports read the stored parts, items, vetoes and
# notes and never score again, so each is compared with a fresh scoring:
# an item's or part's score, a sampled unit's sheet, a derivation, a veto
# deleted, a note deleted — each edited with sqlite3 on a copy of an
# approved demo year, and `audit --verify` exits 1 naming the table, the
# unit, the item and what the table holds.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3 shell"; exit 0; }

expect_exit 0 "$KAOHE" demo base.db
expect_exit 0 "$KAOHE" -d base.db veto add 卢龙县 --cause negative-impact --reason 演示否决
expect_exit 0 "$KAOHE" -d base.db compute
expect_exit 0 "$KAOHE" -d base.db approve
expect_exit 0 "$KAOHE" -d base.db audit --verify
expect_text out.txt "存储的结果与按现有记录重新计分一致"

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

u=$(sqlite3 base.db "SELECT id FROM unit WHERE name = '山海关区'")
q() { sqlite3 base.db "$1"; }

# Part 1 of 山海关区 one point higher (points are hundredths).
p1=$(q "SELECT score FROM result_node WHERE unit_id = $u AND sheet_id = 0 AND code = '1'")
tamper part "UPDATE result_node SET score = score + 100 WHERE unit_id = $u AND sheet_id = 0 AND code = '1'" \
	"存储的结果（result_node）单位「山海关区」项目 1：" "表中为得 $(( (p1 + 100) / 100 )) 分"
# An item of a sampled unit's sheet.
sid=$(q "SELECT min(sheet_id) FROM result_node WHERE unit_id = $u AND sheet_id <> 0")
sname=$(q "SELECT name FROM unit WHERE id = $sid")
code=$(q "SELECT min(code) FROM result_node WHERE unit_id = $u AND sheet_id = $sid")
tamper sheet "UPDATE result_node SET score = score - 100 WHERE unit_id = $u AND sheet_id = $sid AND code = '$code'" \
	"单位「山海关区」抽查单位「$sname」项目 $code：重新计分为得 "
# The words that explain a score.
tamper derivation "UPDATE result_node SET derivation = '篡改' WHERE unit_id = $u AND sheet_id = 0 AND code = '1.1.2'" \
	"单位「山海关区」项目 1.1.2：计算过程重新计分为" "表中为“篡改”"
# A stored item row gone.
tamper node_gone "DELETE FROM result_node WHERE unit_id = $u AND sheet_id = 0 AND code = '1.1.2'" \
	"单位「山海关区」项目 1.1.2：重新计分有此项，表中没有"
# 卢龙县's vetoes deleted: the results page would show none.
tamper veto "DELETE FROM result_veto WHERE unit_id = (SELECT id FROM unit WHERE name = '卢龙县')" \
	"存储的结果（result_veto）单位「卢龙县」否决：重新计分为 " "表中为 无"
# A veto's effect softened.
tamper veto_effect "UPDATE result_veto SET effect = 'at-most', grade = '良好' WHERE unit_id = (SELECT id FROM unit WHERE name = '卢龙县') AND seq = 0" \
	"存储的结果（result_veto）单位「卢龙县」否决"
# A note of what is missing or to be looked at, added (the demo's
# results have none: every score is there, no count beyond the places).
[ "$(q "SELECT count(*) FROM result_note WHERE unit_id = $u")" = 0 ] || fail "山海关区 has notes"
tamper note "INSERT INTO result_note (unit_id, kind, seq, text) VALUES ($u, 'warning', 0, '篡改')" \
	"存储的结果（result_note）单位「山海关区」缺少的评分或提示：重新计分为 0 条、0 条，表中为 0 条、1 条"
finish
