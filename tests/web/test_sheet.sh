#!/bin/sh
# The sheet page (issue 8): laid out like the attachment table; a team
# member enters a finding for a county in the team's scope (a form
# without a script, and as the script sends it), sees the row and the
# total recomputed; a finding outside the scope, a bad value, or a request
# without the CSRF token changes nothing.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
dump() { sqlite3 "$KAOHE_DB" "SELECT * FROM finding ORDER BY 1,2,3" | sha256sum; }

login member
get member /sheet/昌黎县
expect_status 200 "the team's county"
expect_body "<th>考核项</th><th>考核内容及评分标准</th><th>考核方式</th><th>录入</th>"
# 附件2 1.1.4 is shown whole: "…党委常委会每半年至少听取1次安全生产工作汇报，
# 研究部署本地安全生产工作重大事项。每少落实1次，扣5分。最高可扣10分"
expect_body "党委常委会每半年至少听取1次安全生产工作汇报，研究部署本地安全生产工作重大事项。每少落实1次，扣5分。最高可扣10分"
get member /sheet/安监局
expect_status 403 "a department is 部门考核组's"

# 1.1.4 "每少落实1次，扣5分。最高可扣10分": 2 times missed, 2 × 5 = 10 … as JSON.
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=2
expect_status 200 "save as the script does"
expect_body '"saved":true'
# … then the script asks for the rows as they now stand
get member /sheet/昌黎县/rows
expect_status 200 "rows"
python3 - out.html <<'PY' || fail "the recomputed row"
import json, sys
d = json.load(open(sys.argv[1]))
rows = [r for r in d["rows"].values() if "2 次 × 5 分 = 10 分，上限 10 分 → 扣 10 分" in r["deduction"]]
# 1.1.4 is an item of 1.1 (扣完为止): the item shows 扣分, the group 得分
assert rows and rows[0]["score"] == "", d
PY
sqlite3 "$KAOHE_DB" "SELECT value FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='昌黎县' AND code='1.1.4'" > v.txt
[ "$(cat v.txt)" = 2 ] || fail "1.1.4 not stored as 2: $(cat v.txt)"

# As a full-width input method types it: "１" with an ideographic space
# after is 1 (1.1.4: 1 × 5 = 5).
post_json member /sheet/昌黎县/finding -d code=1.1.4 --data-urlencode 'count=１　'
expect_status 200 "a full-width count"
[ "$(sqlite3 "$KAOHE_DB" "SELECT value FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='昌黎县' AND code='1.1.4'")" = 1 ] ||
	fail "a full-width 1 was not stored as 1"
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=2

# The same value again is not recorded twice.
before=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM audit")
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=2
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM audit")" = "$before" ] || fail "a repeated save was recorded again"

# Without the script: a form post and a redirect back to the row.
post member /sheet/昌黎县/finding -d code=1.1.4 -d count=1
expect_status 303 "form post"

# Without the script, a refused value comes back on the sheet: 422, the
# message in the row, the typed value kept, nothing stored.
before_form=$(dump)
post member /sheet/昌黎县/finding -d code=1.1.4 -d count=十 -d note=手写的备注
expect_status 422 "a refused form without the script"
expect_body '未能保存：次数须是整数'
grep -o 'data-code="1.1.4".*' out.html > row.txt
grep -q 'value="十"' row.txt || fail "the typed count is not kept"
grep -q 'value="手写的备注"' row.txt || fail "the typed note is not kept"
grep -q '<span class="field-error" role="alert">次数须是整数</span>' row.txt || fail "no message in the row"
[ "$(dump)" = "$before_form" ] || fail "a refused form changed the findings"

# An emptied field takes the entry back (on the record); so does 清除.
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=
expect_status 200 "emptied"
[ -z "$(sqlite3 "$KAOHE_DB" "SELECT value FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='昌黎县' AND code='1.1.4'")" ] ||
	fail "an emptied field left the finding"
sqlite3 "$KAOHE_DB" "SELECT action FROM audit ORDER BY seq DESC LIMIT 1" | grep -q score.clear || fail "the clearing is not on the record"
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=2
post member /sheet/昌黎县/clear -d code=1.1.4
expect_status 303 "清除"
[ -z "$(sqlite3 "$KAOHE_DB" "SELECT value FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='昌黎县' AND code='1.1.4'")" ] ||
	fail "清除 left the finding"
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=2

# Preview: nothing stored. 3 missed: 15, capped at 10.
before=$(dump)
post_json member /sheet/昌黎县/preview -d code=1.1.4 -d count=3
expect_status 200 "preview"
expect_body '"saved":false'
expect_body '3 次 × 5 分 = 15 分，上限 10 分 → 扣 10 分'
[ "$(dump)" = "$before" ] || fail "a preview changed the findings"

# Refusals change nothing: a value outside the rule, a unit outside the
# team's scope, a missing CSRF token.
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=-1
expect_status 422 "negative count"
expect_body '"field":"value"'
post_json member /sheet/安监局/finding -d code=1.1.4 -d count=1
expect_status 403 "outside the scope"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.member" -d code=1.1.4 -d count=3 \
	"$BASE$(url /sheet/昌黎县/finding)")
expect_status 403 "no CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused request changed the findings"

# The command line writes to the same file while the server runs: the
# sheet (kept by the server per version) shows the change at once.
# 1.1.5 "每少落实1次，扣1分，最高扣10分" is not entered for 昌黎县 in the demo.
get member /sheet/昌黎县
grep -o 'data-code="1.1.5".*' out.html | grep -q 'name="count"[^>]*value=""' || fail "1.1.5 entered before the test"
KAOHE_USER=命令行 "$KAOHE" score set 昌黎县 1.1.5 --count 3 >/dev/null || fail "CLI write while serving"
get member /sheet/昌黎县
grep -o 'data-code="1.1.5".*' out.html | grep -q 'name="count"[^>]*value="3"' || fail "the sheet does not show the command line's write"

# An item under a group marked not applicable takes no entry and counts
# for nothing (the demo marks 4.1 非煤矿山 not applicable for 北戴河区).
[ "$(sqlite3 "$KAOHE_DB" "SELECT form FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.name='北戴河区' AND f.code='4.1'")" = na ] ||
	fail "the demo no longer marks 北戴河区 4.1 not applicable"
login office
get office /sheet/北戴河区
grep -o 'data-code="4.1.1".*' out.html > row.txt
grep -q '4.1 已标为不适用' row.txt || fail "4.1.1 does not say its group is not applicable"
grep -q 'name="score"' row.txt && fail "4.1.1 under a group marked not applicable offers an input"
get office "/industry?item=4.1.1"
expect_body '不适用（4.1）'

# The office's start page: by team and by scorer, counted from the file.
login office
get office /
expect_status 200 "office home"
teams=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM team_unit tu JOIN team t ON t.id = tu.team_id JOIN unit u ON u.id = tu.unit_id WHERE t.name = '县区考核组' AND u.status = 'assessed'")
expect_body "<th scope=\"row\">县区考核组</th><td class=\"num\">$teams</td>"
fire=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM finding f JOIN unit u ON u.id = f.unit_id WHERE f.code = '4.15' AND f.sheet_id = 0 AND u.kind = 'county' AND u.status = 'assessed'")
counties=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM unit WHERE kind = 'county' AND status = 'assessed'")
expect_body "<th scope=\"row\">4.15 消防</th><td class=\"num\">$fire / $counties</td>"

# Not signed in: to the sign-in page.
status=$(curl -s -o out.html -w '%{http_code}' "$BASE$(url /sheet/昌黎县)")
expect_status 303 "signed out"
finish
