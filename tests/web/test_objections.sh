#!/bin/sh
# The objections page (听取意见, issue 8): once the results are published
# and within the period the office sets, the assessed unit files an
# objection on an item of its sheet with a reason and evidence (text, and
# files as curl -F uploads); a file refused leaves the objection filed and
# says so; the office records one received on paper, answers each (维持评分
# or 已改变评分) and sets or clears the period; open ones are listed first.
# Who sees which, and every refusal changing nothing.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
for r in $ROLES; do login "$r"; done
k() { "$KAOHE" "$@"; }

dump() { { sqlite3 "$KAOHE_DB" .dump; find "$KAOHE_DB.files" -type f 2>/dev/null | sort; } | sha256sum; }
post_form() {
	role=$1
	path=$2
	shift 2
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$role" -c "$WORK/jar.$role" \
		-F "_csrf=$(cat "$WORK/csrf.$role")" "$@" "$BASE$(url "$path")")
}
objections() { sqlite3 "$KAOHE_DB" "SELECT count(*) FROM objection"; }
# The HTML of one section of the page ("待答复", "已答复") into section.html.
section() {
	python3 - "$1" out.html > section.html <<'PY'
import re, sys
s = open(sys.argv[2]).read()
m = re.search(r'<section><h2>' + re.escape(sys.argv[1]) + r'.*?</section>', s, re.S)
print(m.group(0) if m else "")
PY
}

# ---- who may see the page ----
for role in office leader member unit; do
	get "$role" /objections
	expect_status 200 "$role sees objections"
done
for role in industry enforcement viewer; do
	get "$role" /objections
	expect_status 403 "$role sees no objections"
done

# ---- before publication ----
printf '会议纪要\n' > 纪要.txt
get unit /objections
expect_body '2016 年度的考核结果尚未公布'
expect_body '考核结果公布后才能提出意见'
before=$(dump)
post_form unit /objections -F code=1.1.4 -F text=扣分有误 -F evidence=会议纪要
expect_status 409 "an objection before publication"
expect_body '考核结果尚未公布，公布后才能对结果提意见'
[ "$(dump)" = "$before" ] || fail "a refused objection changed something"

k compute >/dev/null 2>&1 || fail "compute"
k approve >/dev/null 2>&1 || fail "approve"
k consent --date 2017-02-10 --ref 秦政字〔2017〕5号 >/dev/null 2>&1 || fail "consent"
k publish >/dev/null 2>&1 || fail "publish"

# ---- the period ----
get unit /objections
expect_body '安委办尚未设定提出意见的期限'
expect_no_body 'action="/objections" enctype'
before=$(dump)
post_form unit /objections -F code=1.1.4 -F text=扣分有误 -F evidence=会议纪要
expect_status 409 "no period"
for role in unit member leader; do
	post "$role" /objections/period --data-urlencode from=2000-01-01 --data-urlencode to=2999-12-31
	expect_status 403 "$role sets the period"
done
post office /objections/period --data-urlencode from=2017-03-10 --data-urlencode to=2017-03-01
expect_status 422 "the end before the start"
expect_body 'name="to" required value="2017-03-01"></label><p class="error" role="alert">截止日期 2017-03-01 早于开始日期 2017-03-10</p>'
expect_body 'name="from" required value="2017-03-10"'
post office /objections/period --data-urlencode from=2017-02-30 --data-urlencode to=2017-03-01
expect_status 422 "no such date"
expect_body '开始日期“2017-02-30”须是日期'
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" --data-urlencode from=2000-01-01 \
	--data-urlencode to=2999-12-31 "$BASE/objections/period")
expect_status 403 "the period without the CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused period changed something"

# A period in the past: today is outside it; the unit is refused.
post office /objections/period --data-urlencode from=2000-01-01 --data-urlencode to=2000-01-31
expect_status 303 "a past period"
get unit /objections
expect_body '期限：2000年1月1日 至 2000年1月31日。'
expect_body '<strong>不在期限内</strong>'
expect_body '今天不在提出意见的期限内，不能提出意见'
before=$(dump)
post_form unit /objections -F code=1.1.4 -F text=扣分有误 -F evidence=会议纪要
expect_status 409 "outside the period"
expect_body '提出意见的期限是 2000-01-01 至 2000-01-31'
[ "$(dump)" = "$before" ] || fail "an objection outside the period changed something"

post office /objections/period --data-urlencode from=2000-01-01 --data-urlencode to=2999-12-31
expect_status 303 "an open period"
get unit /objections
expect_body '期限：2000年1月1日 至 2999年12月31日。'
expect_body '<strong>在期限内</strong>'
expect_body 'action="/objections" enctype="multipart/form-data"'
# the item select is the scheme's: 附件2 1.1.4 党委常委会听取安全生产汇报
expect_body '<option value="1.1.4">　　1.1.4 党委常委会听取安全生产汇报</option>'

# ---- filing: refusals ----
before=$(dump)
# Both reason and evidence are required: the error beside the evidence, the
# typed reason kept.
post_form unit /objections -F code=1.1.4 -F "text=会议纪要已提供，不应扣分" -F evidence=
expect_status 422 "no evidence"
expect_body 'required></textarea></label><p class="error" role="alert">证据不能为空</p>'
expect_body '<textarea name="text" rows="4" maxlength="2000" required>会议纪要已提供，不应扣分</textarea>'
expect_body '<option value="1.1.4" selected>'
post_form unit /objections -F code=1.1.4 -F text= -F evidence=会议纪要
expect_status 422 "no reason"
expect_body '</textarea></label><p class="error" role="alert">理由不能为空</p>'
post_form unit /objections -F code=9.9 -F text=扣分有误 -F evidence=会议纪要
expect_status 422 "unknown item"
expect_body '</select></label><p class="error" role="alert">秦皇岛市2016年度县区安全生产目标考核 中没有编号为 9.9 的考核项</p>'
post_form unit /objections -F unit=卢龙县 -F text=扣分有误 -F evidence=会议纪要
expect_status 403 "an objection for another unit"
post_form member /objections -F unit=昌黎县 -F text=扣分有误 -F evidence=会议纪要
expect_status 403 "a team files no objection"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.unit" -F code=1.1.4 -F text=扣分有误 \
	-F evidence=会议纪要 "$BASE/objections")
expect_status 403 "filing without the CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused objection changed something"

# ---- filing with evidence files; one refused ----
: > empty.txt
post_form unit /objections -F code=1.1.4 -F "text=会议纪要已提供，不应扣分" \
	-F "evidence=2016年第3次常委会会议纪要" -F "file=@纪要.txt" -F "file=@empty.txt"
expect_status 303 "an objection with files"
[ "$(objections)" = 1 ] || fail "the objection was not filed"
oid=$(sqlite3 "$KAOHE_DB" "SELECT id FROM objection")
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM material WHERE objection_id = $oid")" = 1 ] ||
	fail "the good evidence file was not kept"
get unit /objections
expect_body "已提交意见（编号 $oid），证据文件：纪要.txt。注意：有文件未能保存（文件“empty.txt”是空的）；意见已经提交"
section 待答复
grep -qF '<td>1.1.4 党委常委会听取安全生产汇报</td><td>会议纪要已提供，不应扣分</td><td>2016年第3次常委会会议纪要' section.html ||
	fail "the open objection's item, reason and evidence"
grep -qF '纪要.txt</a>' section.html || fail "the evidence file is not listed"
# The evidence file downloads as it went up.
mid=$(sqlite3 "$KAOHE_DB" "SELECT id FROM material WHERE objection_id = $oid")
curl -s -o got.txt -b "$WORK/jar.member" "$BASE/materials/file/$mid"
cmp -s got.txt 纪要.txt || fail "the evidence file differs"
# More evidence later, while it is open; an empty choice is refused beside the field.
printf '补充\n' > 补充.txt
post_form unit "/objections/$oid/evidence"
expect_status 422 "no evidence file chosen"
expect_body '<p class="error" role="alert">请选择要上传的证据文件</p>'
post_form unit "/objections/$oid/evidence" -F "file=@补充.txt"
expect_status 303 "more evidence"
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM material WHERE objection_id = $oid")" = 2 ] ||
	fail "the added evidence file was not kept"
# Evidence is not removed as a material.
post unit /materials/昌黎县/remove --data-urlencode "id=$mid"
expect_status 409 "removing evidence"

# The office records an objection received on paper, on the whole result.
post_form office /objections -F unit=卢龙县 -F code= -F "text=书面意见：对档次有异议" -F evidence=来函
expect_status 303 "a paper objection"
[ "$(objections)" = 2 ] || fail "the paper objection was not recorded"
pid=$(sqlite3 "$KAOHE_DB" "SELECT id FROM objection WHERE text LIKE '书面意见%'")

# ---- who sees which ----
get unit /objections
expect_body '会议纪要已提供，不应扣分'
expect_no_body '书面意见：对档次有异议'
# 县区考核组's scope holds both counties; the office sees everything.
for role in member leader office; do
	get "$role" /objections
	expect_body '会议纪要已提供，不应扣分'
	expect_body '书面意见：对档次有异议'
done
get office /objections
section 待答复
grep -qF '<h2>待答复（2 件）</h2>' section.html || fail "two open objections"
grep -qF '<td>卢龙县</td><td>整体结果</td>' section.html || fail "the paper objection on the whole result"

# ---- answering ----
before=$(dump)
post unit "/objections/$oid/answer" --data-urlencode outcome=upheld --data-urlencode answer=自己答复
expect_status 403 "a unit answers"
post member "/objections/$oid/answer" --data-urlencode outcome=upheld --data-urlencode answer=答复
expect_status 403 "a member answers"
post office "/objections/$oid/answer" --data-urlencode answer=经核实，维持原评分
expect_status 422 "an answer without an outcome"
expect_body '</fieldset><p class="error" role="alert">答复须写明结论'
expect_body '<textarea name="answer" rows="3" cols="30" maxlength="2000" required>经核实，维持原评分</textarea>'
post office "/objections/$oid/answer" --data-urlencode outcome=upheld
expect_status 422 "an outcome without an answer"
expect_body '<p class="error" role="alert">答复不能为空</p>'
post office /objections/99/answer --data-urlencode outcome=upheld --data-urlencode answer=答复
expect_status 404 "no such objection"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" --data-urlencode outcome=upheld \
	--data-urlencode answer=答复 "$BASE/objections/$oid/answer")
expect_status 403 "an answer without the CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused answer changed something"

post office "/objections/$oid/answer" --data-urlencode outcome=upheld --data-urlencode answer=经核实，维持原评分
expect_status 303 "answer"
# Open ones first: 卢龙县's is still open, 昌黎县's answered.
get office /objections
section 待答复
grep -qF '<h2>待答复（1 件）</h2>' section.html || fail "one open objection left"
grep -qF "<tr id=\"o$pid\">" section.html || fail "the paper objection is open"
section 已答复
grep -qF "<tr id=\"o$oid\">" section.html || fail "the answered objection"
grep -qF '<p><strong>维持评分</strong></p><p>经核实，维持原评分</p>' section.html || fail "the answer and outcome"
python3 - out.html <<'PY' || fail "open objections come first"
import sys
s = open(sys.argv[1]).read()
assert s.index("<h2>待答复") < s.index("<h2>已答复"), "order"
PY
get unit /objections
section 已答复
grep -qF '维持评分' section.html || fail "the unit sees the answer"
expect_no_body "action=\"/objections/$oid/evidence\""
# Answered: no more evidence.
before=$(dump)
post_form unit "/objections/$oid/evidence" -F "file=@补充.txt"
expect_status 409 "evidence after the answer"
[ "$(dump)" = "$before" ] || fail "refused evidence changed something"
# "已改变评分" while the year is approved and locked is refused: the
# score has to be changed first (reopen, change, answer).
before=$(dump)
post office "/objections/$oid/answer" --data-urlencode outcome=changed --data-urlencode answer=经复核，已改正1.1.4的评分
expect_status 409 "changed in a locked year"
expect_body '改变评分须先重新开放本年度'
[ "$(dump)" = "$before" ] || fail "a refused answer changed something"
"$KAOHE" reopen --reason 复核意见 >/dev/null || fail "reopen"
# The answer can be changed, on the record.
post office "/objections/$oid/answer" --data-urlencode outcome=changed --data-urlencode answer=经复核，已改正1.1.4的评分
expect_status 303 "a changed answer"
get office /objections
expect_body '<p><strong>已改变评分</strong></p><p>经复核，已改正1.1.4的评分</p>'

# ---- clearing the period ----
post office /objections/period --data-urlencode clear=1
expect_status 303 "clear the period"
get unit /objections
expect_body '安委办尚未设定提出意见的期限'
expect_no_body 'action="/objections" enctype'
# The server stops cleanly: no sanitizer report (memory errors, leaks).
kill "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=""
[ "$rc" = 0 ] || fail "the server exited with $rc"
grep -q Sanitizer "$WORK/serve.err" && { fail "the server's sanitizer report:"; head -40 "$WORK/serve.err"; }
finish
