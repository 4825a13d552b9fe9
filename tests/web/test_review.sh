#!/bin/sh
# The verification page (统计核实, issue 8): every sheet the user may see
# with its state, the team's and the verified score side by side; the team
# leader submits, the office returns with a remark (required, the error
# beside the field) or verifies; a verified sheet is locked against the
# team, and a later change by the office makes it 待核实 again. The totals
# are worked by hand from the rules of a small scheme; every refusal
# changes nothing.
. "$(dirname "$0")/lib.sh"
setup_year
k() { "$KAOHE" "$@"; }

# A year of our own after the demo year (the accounts stay): three items
# a team enters, on a scheme small enough to add up by hand.
cat > county.yaml <<'YAML'
scheme: test-county
title: 测试县区方案
unit: county
year: 2017
points: 100
children:
- code: '1'
  title: 安全生产
  points: 100
  score: deduct
  method: 由各县（区）安委办负责提供本级相关文件或资料，考核组进行检查核实。
  children:
  - {code: '1.1', title: 会议, text: 每少召开1次扣5分，最高扣20分, rule: {type: per, each: 5, cap: 20}}
  - {code: '1.2', title: 报送, text: 每超时限1天扣1分，最高扣10分, rule: {type: per, each: 1, cap: 10, unit: 天}}
  - {code: '1.3', title: 演练, text: 未开展演练的，扣10分, rule: {type: fixed, deduct: 10}}
YAML
k init --year 2017 --county-scheme county.yaml >/dev/null || fail "init 2017"
for c in 昌黎县 卢龙县 山海关区; do k unit add $c --kind county >/dev/null || fail "unit $c"; done
k team add 县区考核组 >/dev/null || fail "team"
# 县区考核组 assesses 昌黎县 and 卢龙县; 山海关区 is nobody's.
k team assign 县区考核组 昌黎县 卢龙县 >/dev/null || fail "assign"
start_server || finish
for r in $ROLES; do login "$r"; done

dump() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }
# The cells of the row of UNIT in out.html, text only, joined by "|":
# 单位|考核组|已录入|状态|考核组得分|核实得分|退回意见|最近经办|操作
cells() {
	python3 - "$1" out.html <<'PY'
import html, re, sys
unit, s = sys.argv[1], open(sys.argv[2]).read()
for tr in re.findall(r'<tr[^>]*>(.*?)</tr>', s, re.S):
    if '>' + unit + '</a>' in tr:
        tds = re.findall(r'<td[^>]*>(.*?)</td>', tr, re.S)
        print('|'.join(re.sub(r'\s+', ' ', html.unescape(re.sub(r'<[^>]+>', ' ', t))).strip() for t in tds))
PY
}
# expect_row UNIT TEXT: the row of UNIT contains TEXT.
expect_row() {
	row=$(cells "$1")
	case $row in
	*"$2"*) ;;
	*) fail "row of $1 has no \"$2\": $row" ;;
	esac
}
# The HTML of the row of UNIT.
row_html() { grep -F ">$1</a>" out.html; }

# ---- who sees what ----
for role in industry enforcement unit viewer; do
	get "$role" /review
	expect_status 403 "$role has no verification page"
done
get office /review
expect_status 200 "office"
for c in 昌黎县 卢龙县 山海关区; do expect_body ">$c</a>"; done
for role in leader member; do
	get "$role" /review
	expect_status 200 "$role"
	expect_body '>昌黎县</a>'
	expect_body '>卢龙县</a>'
	expect_no_body '>山海关区</a>'
done
expect_body '评分表由考核组组长提交核实'
expect_no_body '提交核实</button>'
get leader /review
expect_row 昌黎县 '|县区考核组|0 / 3 未录完|录入中|—|—|'
expect_body '共 2 张评分表：录入中 2 张，待核实 0 张，已退回 0 张，已核实 0 张。'
row_html 昌黎县 | grep -qF '<button type="submit">提交核实</button>' || fail "the leader's submit button"
# nothing entered of 3: the confirmation says so before the leader submits
row_html 昌黎县 | grep -qF '还有 3 项未录入，未录入的考核项按不扣分计。' || fail "the submit confirmation does not say 3 are not entered"
get office /review
row_html 昌黎县 | grep -qF '核实</button>' && fail "nothing to verify yet"

# ---- the team enters, through the sheet page ----
# 1.1 "每少召开1次扣5分，最高扣20分": 2 missed → 2 × 5 = 10.
# 1.3 "未开展演练的，扣10分": carried out → no condition ticked, 0.
post member /sheet/昌黎县/finding --data-urlencode code=1.1 --data-urlencode count=2
expect_status 303 "1.1"
post member /sheet/昌黎县/finding --data-urlencode code=1.3 --data-urlencode conditions=0
expect_status 303 "1.3"

# ---- refusals change nothing ----
before=$(dump)
post member /review/昌黎县/submit
expect_status 403 "a member submits"
post leader /review/山海关区/submit
expect_status 403 "the leader submits a sheet outside the team"
post office /review/昌黎县/verify
expect_status 409 "verify a sheet being entered"
expect_row 昌黎县 '“昌黎县”的评分表现在是“录入中”，不能核实'
post office /review/昌黎县/return --data-urlencode remark=缺项
expect_status 409 "return a sheet being entered"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.leader" "$BASE$(url /review/昌黎县/submit)" -d x=1)
expect_status 403 "submit without the CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused step changed something"

# ---- submitted ----
# 100 − 10 (1.1) − 0 (1.3) = 90; 1.2 not yet entered (2 of 3 items).
post leader /review/昌黎县/submit
expect_status 303 "the leader submits"
get leader /review
expect_body '已提交核实：昌黎县'
get office /review
expect_row 昌黎县 '|县区考核组|2 / 3 未录完|待核实 已提交，等待安委办核实|90|—||组长'
row_html 昌黎县 | grep -qF '<button type="submit">核实</button>' || fail "the office's verify button"
post leader /review/昌黎县/submit
expect_status 409 "submit twice"
expect_row 昌黎县 '“昌黎县”的评分表现在是“待核实”，不能提交核实'

# ---- returned: the remark is required, its error beside the field ----
before=$(dump)
post office /review/昌黎县/return --data-urlencode remark=
expect_status 422 "return without a remark"
row_html 昌黎县 | grep -qF 'name="remark" maxlength="500" value=""></label><p class="error" role="alert">退回意见不能为空</p>' ||
	fail "the remark's error beside the field"
row_html 卢龙县 | grep -qF '退回意见不能为空' && fail "the error on another row"
post leader /review/昌黎县/return --data-urlencode remark=1.2未录入
expect_status 403 "the leader returns"
[ "$(dump)" = "$before" ] || fail "a refused return changed something"
post office /review/昌黎县/return --data-urlencode remark=1.2未录入
expect_status 303 "return"
get leader /review
expect_row 昌黎县 '|已退回 请考核组按意见修改后重新提交|90|—|1.2未录入|办公室'
row_html 昌黎县 | grep -qF '提交核实</button>' || fail "resubmit offered"

# ---- resubmitted and verified ----
# 1.2 "每超时限1天扣1分，最高扣10分": 3 days → 3. 100 − 10 − 3 = 87.
post member /sheet/昌黎县/finding --data-urlencode code=1.2 --data-urlencode count=3
expect_status 303 "1.2"
post leader /review/昌黎县/submit
expect_status 303 "resubmit"
get office /review
expect_row 昌黎县 '|3 / 3|待核实 已提交，等待安委办核实|87|—||组长'
post member /review/昌黎县/verify
expect_status 403 "a member verifies"
post office /review/昌黎县/verify
expect_status 303 "verify"
get member /review
expect_row 昌黎县 '|已核实 已锁定：考核组不能再修改；安委办如再改动，须重新核实|87|87||办公室'

# Locked against the team: the member's change is refused and changes nothing.
before=$(dump)
post member /sheet/昌黎县/finding --data-urlencode code=1.2 --data-urlencode count=1
expect_status 403 "the team changes a verified sheet"
expect_body "评分表已提交安委办核实，已锁定"
[ "$(dump)" = "$before" ] || fail "a change to a locked sheet went through"

# ---- a later change by the office: 待核实 again ----
# 1.2 now 1 day late → 1: 100 − 10 − 1 = 89. The verified 87 stays until verified again.
post office /sheet/昌黎县/finding --data-urlencode code=1.2 --data-urlencode count=1
expect_status 303 "the office changes a verified sheet"
get office /review
expect_row 昌黎县 '|待核实 核实后评分又有改动，须重新核实|87|87 （上次核实）|'
post office /review/昌黎县/verify
expect_status 303 "verify again"
get office /review
expect_row 昌黎县 '|已核实 已锁定：考核组不能再修改；安委办如再改动，须重新核实|87|89 与考核组得分不同|'
sqlite3 "$KAOHE_DB" "SELECT action FROM audit WHERE unit = '昌黎县' ORDER BY seq" > actions.txt
for a in sheet.submit sheet.return sheet.verify sheet.void; do
	grep -qx "$a" actions.txt || fail "$a not on the record"
done
# The other county is untouched.
expect_row 卢龙县 '|0 / 3 未录完|录入中|—|—|'
# 3 sheets (山海关区 too): 卢龙县 and 山海关区 being entered, 昌黎县 verified.
expect_body '共 3 张评分表：录入中 2 张，待核实 0 张，已退回 0 张，已核实 1 张。'

# Not signed in: to the sign-in page.
status=$(curl -s -o out.html -w '%{http_code}' "$BASE/review")
expect_status 303 "signed out"
# The server stops cleanly: no sanitizer report (memory errors, leaks).
kill "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=""
[ "$rc" = 0 ] || fail "the server exited with $rc"
grep -q Sanitizer "$WORK/serve.err" && { fail "the server's sanitizer report:"; head -40 "$WORK/serve.err"; }
finish
