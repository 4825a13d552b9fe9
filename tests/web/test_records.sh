#!/bin/sh
# The record pages (issue 8): spot checks (/samples), the industry grid
# (/industry), the accident register (/accidents) and the daily ledger
# (/daily). Each page as each role: who sees it, who changes what, that a
# refused request (the wrong role, a bad value, no CSRF token) changes
# nothing, and numbers worked by hand from the scheme's own words.
. "$(dirname "$0")/lib.sh"
setup_year
# A member of the team that assesses the city departments: no county in
# its scope.
echo $PASSWORD | "$KAOHE" user add 部门组员 --role member --team 部门考核组 --password-stdin >/dev/null
start_server || finish
ROLES="$ROLES 部门组员"
for r in $ROLES; do login "$r"; done
dump() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }
# no_csrf ROLE PATH ARGS…: a form post without the session's token.
no_csrf() {
	role=$1
	path=$2
	shift 2
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$role" "$@" "$BASE$(url "$path")")
}
# json_of UNIT: the unit's explain --json in explain.json.
json_of() { "$KAOHE" explain "$1" --json > explain.json || fail "explain $1"; }
# node CODE FIELD: a field of a node of explain.json.
node() {
	python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open("explain.json"))
def walk(n):
    if n.get("code") == sys.argv[1]:
        print(n.get(sys.argv[2]))
        sys.exit(0)
    for c in n.get("children", []):
        walk(c)
walk(d)
print("no node")
PY
}
vetoes() { python3 -c 'import json; print(" ".join(v["code"] for v in json.load(open("explain.json"))["veto_hits"]))'; }

# ---- spot checks --------------------------------------------------------------

get office /samples
expect_status 200 "the office sees every county's spot check"
expect_body "昌黎县"
expect_body "北戴河新区"
expect_body "种子"
get member /samples
expect_status 200 "the county team"
expect_body "/samples/%E6%98%8C%E9%BB%8E%E5%8E%BF"
get 部门组员 /samples
expect_status 200 "the department team"
expect_no_body "/samples/%E6%98%8C%E9%BB%8E%E5%8E%BF"
get 部门组员 /samples/昌黎县
expect_status 200 "another team's county, to read"
expect_body "本页只供查看"
expect_no_body "/draw\""
for r in industry enforcement unit viewer; do
	get $r /samples
	expect_status 403 "$r has no spot checks"
	get $r /samples/昌黎县
	expect_status 403 "$r has no spot checks"
done

get member /samples/昌黎县
expect_status 200 "a county of the team"
# 方案四（二）：每个县区抽查1-2个乡镇……抽查2-3个部门……抽查2-3家企业
expect_body "1–2 个"
expect_body "2–3 个"
expect_body 'action="/samples/%E6%98%8C%E9%BB%8E%E5%8E%BF/draw"'
# Each sampled county department and enterprise links to its own sheet.
sampled=$("$KAOHE" sample list 昌黎县 | awk '$2 == "县区部门" {print $3; exit}')
expect_body "href=\"$(url "/sheet/$sampled")\""

# A draw of two towns from a seed, as the team: recorded with its seed and
# candidates; the same seed gives the same towns again.
post member /samples/昌黎县/draw -d form=draw -d seed=42 -d town=2 -d county-department=0 -d enterprise=0
expect_status 303 "draw the towns"
get member /samples/昌黎县
expect_body "已抽取：种子 42；乡镇 2 个："
expect_body "候选 16 个"
towns=$("$KAOHE" sample list 昌黎县 | awk '$2 == "乡镇" {print $3}' | sort | tr '\n' ' ')
[ "$(echo "$towns" | wc -w)" = 2 ] || fail "two towns drawn: $towns"
post member /samples/昌黎县/draw -d form=draw -d seed=42 -d town=2 -d county-department=0 -d enterprise=0
again=$("$KAOHE" sample list 昌黎县 | awk '$2 == "乡镇" {print $3}' | sort | tr '\n' ' ')
[ "$again" = "$towns" ] || fail "seed 42 drew $again, before $towns"
get office /samples
expect_body "随机抽取，种子 42"

# The team's own choice by checkboxes: one kind, within 1–2 towns.
post member /samples/昌黎县/set -d form=set -d kind=town --data-urlencode unit=昌黎镇 --data-urlencode unit=靖安镇
expect_status 303 "choose the towns"
chosen=$("$KAOHE" sample list 昌黎县 | awk '$2 == "乡镇" {print $3}' | sort | tr '\n' ' ')
[ "$chosen" = "昌黎镇 靖安镇 " ] || fail "towns chosen: $chosen"

# Refusals change nothing: three towns (the plan allows 1–2), five towns
# drawn, a bad seed, a kind whose sheets have findings, a county outside
# the team, the wrong role, no CSRF token.
before=$(dump)
post member /samples/昌黎县/set -d form=set -d kind=town --data-urlencode unit=昌黎镇 --data-urlencode unit=靖安镇 \
	--data-urlencode unit=安山镇
expect_status 422 "three towns"
expect_body "抽查乡镇的数量须是 1 到 2 个（方案规定），这里列出了 3 个"
expect_body 'value="安山镇" checked'
post member /samples/昌黎县/draw -d form=draw -d town=5
expect_status 422 "five towns"
expect_body "不能是 5 个"
post member /samples/昌黎县/draw -d form=draw -d seed=abc -d town=1
expect_status 422 "a bad seed"
expect_body 'value="abc"'
post member /samples/昌黎县/draw -d form=draw -d enterprise=2
expect_status 409 "enterprises with findings"
expect_body "已有评分记录"
post 部门组员 /samples/昌黎县/draw -d form=draw -d town=1
expect_status 403 "a county outside the team"
post industry /samples/昌黎县/set -d form=set -d kind=town --data-urlencode unit=昌黎镇
expect_status 403 "an industry scorer"
no_csrf member /samples/昌黎县/draw -d form=draw -d town=1
expect_status 403 "no CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused spot check changed the database"

# ---- the industry grid ----------------------------------------------------------

get industry /industry
expect_status 200 "the 消防 scorer"
expect_body "4.15 消防（满分 100 分）"
expect_no_body 'name="code" value="3"'
expect_no_body 'name="code" value="4.13"'
get enforcement /industry
expect_status 200 "the enforcement scorer"
expect_body "3 行政执法（满分 100 分）"
expect_no_body 'name="code" value="4.15"'
get office /industry
expect_status 200 "the office"
expect_body 'href="/industry?item=3">行政执法</a>'
expect_body 'href="/industry?item=4.15">消防</a>'
# 方案三（一）1 "各行业…按100分制打分，每个行业计10分": twenty industries
# (4.1 非煤矿山, whose coal column is averaged into it, to 4.20); 行政执法
# "按100分制" counts 100 — said from the scheme, not written in the page
expect_body "行政执法按 100 分制打分，计 100 分；非煤矿山等 20 项各按 100 分制打分，计 10 分"
for r in leader member unit viewer; do
	get $r /industry
	expect_status 403 "$r has no industry grid"
done

# 方案三（一）1：各行业……按100分制打分，每个行业计10分（×0.1）: 85 of 100
# in 消防 is 85 × 0.1 = 8.5 points of 4.15's 10.
post industry /industry --data-urlencode unit=昌黎县 -d code=4.15 -d item=4.15 -d score=85
expect_status 303 "the 消防 score"
get industry /industry
expect_body "已保存：昌黎县 消防 85 分"
expect_body 'value="85" aria-label="昌黎县得分"'
json_of 昌黎县
[ "$(node 4.15 score)" = 8.5 ] || fail "4.15 of 85/100 is 8.5, got $(node 4.15 score)"
# 行政执法100分（由安全生产监察支队制定细则）: 92 of 100 is 92.
post enforcement /industry --data-urlencode unit=昌黎县 -d code=3 -d item=3 -d score=92
expect_status 303 "行政执法"
json_of 昌黎县
[ "$(node 3 score)" = 92 ] || fail "行政执法 92, got $(node 3 score)"
# The office marks an industry the county does not have as not applicable.
post office /industry --data-urlencode unit=昌黎县 -d code=4.17 -d item=4.17 -d na=1
expect_status 303 "not applicable"
get office /industry
expect_body "不适用"

before=$(dump)
post industry /industry --data-urlencode unit=昌黎县 -d code=4.15 -d item=4.15 -d score=120
expect_status 422 "above 100"
expect_body "超出范围（0 到 100 分）"
expect_body 'value="120"'
post industry /industry --data-urlencode unit=昌黎县 -d code=4.15 -d item=4.15 -d score=八十
expect_status 422 "not a number"
post industry /industry --data-urlencode unit=昌黎县 -d code=4.13 -d item=4.13 -d score=80
expect_status 403 "another industry"
post enforcement /industry --data-urlencode unit=昌黎县 -d code=4.15 -d item=4.15 -d score=80
expect_status 403 "enforcement enters 行政执法 only"
post member /industry --data-urlencode unit=昌黎县 -d code=3 -d item=3 -d score=80
expect_status 403 "a team does not enter 行政执法"
no_csrf industry /industry --data-urlencode unit=昌黎县 -d code=4.15 -d score=80
expect_status 403 "no CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused score changed the database"

# ---- accidents ----------------------------------------------------------------------

get member /accidents
expect_status 200 "teams read the register"
expect_body "卢龙县"
expect_no_body "记录事故</h2>"
expect_no_body '/accidents/1">修改'
for r in industry enforcement unit viewer; do
	get $r /accidents
	expect_status 403 "$r has no accident register"
done
get office /accidents
expect_body "记录事故</h2>"
# The demo's 卢龙县 accident, 3 deaths: 较大 (3 ≤ d < 10, Decree 493 第三条),
# which is 否决 V1 "发生较大以上安全生产（含职业病危害）事故 → 不合格" and
# V2 "累计死亡3人以上（含3人） → 不合格" (kaohe scheme show qhd-2016-county).
expect_body "卢龙县 V1（一票否决）"
expect_body "V2 累计死亡3人以上（含3人）"

# One death, no serious injury, 300,000 yuan: 一般 (d < 3, s < 10,
# L < 10,000,000). One 一般 accident vetoes nothing.
post office /accidents --data-urlencode unit=昌黎县 -d date=2016-05-05 -d deaths=1 -d injuries=0 -d loss=300000 \
	--data-urlencode industry=消防 --data-urlencode note=示例：仓库火灾
expect_status 303 "the first accident"
get office /accidents
expect_body "2016年5月5日</td><td>昌黎县"
expect_body "300,000</td><td>消防</td><td>一般事故"
json_of 昌黎县
[ -z "$(vetoes)" ] || fail "one 一般 accident vetoes nothing, got $(vetoes)"
# A second one: 否决 E1 "发生2起以上（含2起）一般事故 → 最高评为良好"
# (kaohe scheme show qhd-2016-county) — an excellence veto; 2 deaths in all
# stay below V2's 3.
post office /accidents --data-urlencode unit=昌黎县 -d date=2016-08-08 -d deaths=1 -d injuries=2 -d loss=50000 \
	--data-urlencode industry=消防 --data-urlencode note=示例：厂房火灾
expect_status 303 "the second accident"
get office /accidents
expect_body "E1 发生2起以上（含2起）一般事故</td><td>发生一般事故 2 起</td><td class=\"veto\">优秀否决，最高评为良好"
expect_body "昌黎县 E1（优秀否决）"
json_of 昌黎县
[ "$(vetoes)" = E1 ] || fail "two 一般 accidents: E1 only, got $(vetoes)"
# Both are in 消防, supervised by 公安局: they count against it too.
expect_body "公安局 E1（优秀否决）"
get member /accidents
expect_body "昌黎县 E1（优秀否决）"
id=$(sqlite3 "$KAOHE_DB" "SELECT id FROM accident WHERE note = '示例：厂房火灾'")

# Editing: the second accident had 3 deaths, not 1. 3 ≤ d < 10 is 较大
# (V1), 1 + 3 = 4 deaths in the year ≥ 3 (V2); one 一般 accident is left, so
# E1 no longer applies.
before=$(dump)
post office /accidents/$id/edit --data-urlencode unit=昌黎县 -d date=2016-08-08 -d deaths=3 -d injuries=2 -d loss=50000 \
	--data-urlencode industry=消防 --data-urlencode note=示例：厂房火灾 --data-urlencode reason=
expect_status 422 "an edit without a reason"
expect_body "修改原因不能为空"
expect_body 'name="deaths" min="0" step="1" required value="3"'
post member /accidents/$id/edit --data-urlencode unit=昌黎县 -d date=2016-08-08 -d deaths=3 -d injuries=2 -d loss=50000 \
	--data-urlencode reason=核实
expect_status 403 "a team does not edit accidents"
post office /accidents/$id/edit --data-urlencode unit=昌黎县 -d date=2017-08-08 -d deaths=3 -d injuries=2 -d loss=50000 \
	--data-urlencode reason=核实
expect_status 422 "a date outside the year"
expect_body "不是 2016 年内的有效日期"
post office /accidents/$id/edit --data-urlencode unit=昌黎县 -d date=2016-08-08 -d deaths=3 -d injuries=2 -d loss=50000 \
	--data-urlencode grade=一般 --data-urlencode reason=核实
expect_status 422 "a grade for a production accident"
no_csrf office /accidents/$id/edit --data-urlencode unit=昌黎县 -d date=2016-08-08 -d deaths=3 -d injuries=2 -d loss=50000 \
	--data-urlencode reason=核实
expect_status 403 "no CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused edit changed the database"
post office /accidents/$id/edit --data-urlencode unit=昌黎县 -d date=2016-08-08 -d deaths=3 -d injuries=2 -d loss=50000 \
	--data-urlencode industry=消防 --data-urlencode note=示例：厂房火灾 --data-urlencode reason=核实后更正死亡人数
expect_status 303 "the edit"
json_of 昌黎县
[ "$(vetoes)" = "V1 V2" ] || fail "较大 and 4 deaths: V1 V2, got $(vetoes)"
get office /accidents
expect_body "昌黎县 V1（一票否决）"
expect_body "3</td><td class=\"num\">2</td><td class=\"num\">50,000</td><td>消防</td><td>较大事故"

# 优秀否决(4) "瞒报、谎报、漏报生产安全事故的 → 最高评为良好" vetoes the unit
# that omitted it, named on the form (here 水务局), not the county where it
# happened (issue 6, point 4).
post office /accidents --data-urlencode unit=北戴河区 -d date=2016-03-03 -d deaths=0 -d injuries=1 -d loss=1000 \
	-d misreported=omitted --data-urlencode misreported_by=水务局
expect_status 303 "an omitted accident"
json_of 水务局
[ "$(vetoes)" = E4 ] || fail "the department that omitted it: E4, got $(vetoes)"
json_of 北戴河区
[ -z "$(vetoes)" ] || fail "the county did not omit it: no veto, got $(vetoes)"
# 一（一）3 "较大以上安全生产（含职业病危害）事故": an occupational-disease
# accident graded 较大 by its investigation vetoes (V1) with no death.
post office /accidents --data-urlencode unit=北戴河新区 -d date=2016-04-04 -d deaths=0 -d injuries=0 -d loss=0 \
	-d occupational=1 --data-urlencode grade=较大
expect_status 303 "an occupational-disease accident"
json_of 北戴河新区
[ "$(vetoes)" = V1 ] || fail "an occupational 较大 accident: V1, got $(vetoes)"
sqlite3 "$KAOHE_DB" "SELECT old, new, reason FROM audit WHERE action = 'accident.edit'" > edit.txt
grep -qF "死亡 1 人" edit.txt && grep -qF "死亡 3 人" edit.txt && grep -qF "核实后更正死亡人数" edit.txt ||
	fail "the edit's record: $(cat edit.txt)"

# Removing, with a reason, on the record.
before=$(dump)
post office /accidents/$id/remove --data-urlencode remove_reason=
expect_status 422 "a removal without a reason"
post member /accidents/$id/remove --data-urlencode remove_reason=误记
expect_status 403 "a team does not remove accidents"
[ "$(dump)" = "$before" ] || fail "a refused removal changed the database"
post office /accidents/$id/remove --data-urlencode remove_reason=误记
expect_status 303 "the removal"
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM accident WHERE id = $id")" = 0 ] || fail "not removed"
[ "$(sqlite3 "$KAOHE_DB" "SELECT reason FROM audit WHERE action = 'accident.remove'")" = 误记 ] ||
	fail "the removal's record"

# ---- the daily ledger ----------------------------------------------------------------

get member /daily
expect_status 200 "teams read the ledger"
expect_body "全市安全生产工作会议"
expect_body "缺席</td><td>每次扣 2 分"
expect_no_body "登记任务</h2>"
get member /daily/1
expect_status 200 "teams read a task"
expect_no_body "<select"
for r in industry enforcement unit viewer; do
	get $r /daily
	expect_status 403 "$r has no daily ledger"
done

post office /daily --data-urlencode title=专题安全会议 -d target=county -d kind=meeting -d due=2016-09-09
expect_status 303 "a task"
task=$(sqlite3 "$KAOHE_DB" "SELECT id FROM daily_task WHERE title = '专题安全会议'")
get office /daily/$task
expect_status 200 "the task page"
expect_body "计入 5.1 参加会议"
# The rows of the form, one per county, in the page's order.
rows=$(grep -o 'name="unit[0-9]*" value="[^"]*"' out.html | sed 's/name="unit\([0-9]*\)" value="\([^"]*\)"/\1 \2/')
n=0
echo "$rows" > rows.txt
set --
while read -r i u; do
	set -- "$@" --data-urlencode "unit$i=$u"
	if [ "$u" = 昌黎县 ]; then
		set -- "$@" -d "outcome$i=absent"
	else
		set -- "$@" -d "outcome$i=attended"
	fi
	n=$((n + 1))
done < rows.txt
json_of 昌黎县
d51=$(node 5.1 deduction)
d5=$(node 5 deduction)
before=$(dump)
post member /daily/$task/record -d rows=$n "$@"
expect_status 403 "a team does not record outcomes"
no_csrf office /daily/$task/record -d rows=$n "$@"
expect_status 403 "no CSRF token"
post office /daily/$task/record -d rows=2 --data-urlencode unit0=卢龙县 -d outcome0=attended \
	--data-urlencode unit1=安监局 -d outcome1=absent
expect_status 422 "a department in a county task: all or none"
expect_body "安监局：任务 $task 属于县区日常考核"
[ "$(dump)" = "$before" ] || fail "a refused record changed the database"
post office /daily/$task/record -d rows=$n "$@"
expect_status 303 "the outcomes of every county at once"
get office /daily/$task
expect_body "已记录 $n 个单位的结果"
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM daily_outcome WHERE task_id = $task")" = "$n" ] || fail "outcomes stored"
# The built-in rule 缺席每次扣 2 分 (the scheme's daily.deductions: absent,
# deduct 2), scored into 5.1 参加会议: one absence is 1 × 2 = 2 points more.
json_of 昌黎县
[ "$(node 5.1 deduction)" = "$(python3 -c "print(round($d51 + 2, 2))" | sed 's/\.0$//')" ] ||
	fail "5.1 deduction $d51 + 2, got $(node 5.1 deduction)"
[ "$(node 5 deduction)" = "$(python3 -c "print(round($d5 + 2, 2))" | sed 's/\.0$//')" ] ||
	fail "日常考核 deduction $d5 + 2, got $(node 5 deduction)"
node 5.1 finding_note | grep -qF "缺席 1 次 × 2 分 = 2 分" || fail "the derivation: $(node 5.1 finding_note)"
get office /sheet/昌黎县
expect_body "缺席 1 次 × 2 分 = 2 分"

# A late report without its days is refused beside its row; the typed
# values stay.
post office /daily/2/record -d rows=1 --data-urlencode unit0=昌黎县 -d outcome0=late -d days0=
expect_status 422 "late without days"
expect_body "昌黎县：迟报须写明迟报天数"

# The rule: 3 points per absence from now on; the same absence costs 3.
post member /daily/rule -d target=county -d outcome=absent -d deduct=3
expect_status 403 "a team does not set the rules"
post office /daily/rule -d target=county -d outcome=absent -d deduct=abc
expect_status 422 "a bad amount"
post office /daily/rule -d target=county -d outcome=absent -d deduct=3
expect_status 303 "the rule"
get member /daily
expect_body "缺席</td><td>每次扣 3 分"
json_of 昌黎县
[ "$(node 5.1 deduction)" = "$(python3 -c "print(round($d51 + 3, 2))" | sed 's/\.0$//')" ] ||
	fail "5.1 after the rule: $d51 + 3, got $(node 5.1 deduction)"

# ---- what is short --------------------------------------------------------------------

# A county registered late has no spot check yet: 乡镇 0 个（须 1–2 个）.
"$KAOHE" unit add 示例新县 --kind county >/dev/null || fail "unit add"
get office /samples
expect_body "抽查对象不全：乡镇 0 个（须 1–2 个）"

# Signed out: to the sign-in page.
status=$(curl -s -o out.html -w '%{http_code}' "$BASE/accidents")
expect_status 303 "signed out"
finish
