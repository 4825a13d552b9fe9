#!/bin/sh
# Accounts from the command line (issue 7): the file's owner acts as the
# office; `--user NAME` acts as an account with its role and scope; the
# server-side permission table refuses what the role may not do and the
# refusal changes nothing; passwords are read from standard input only.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/u.db"
k() { "$KAOHE" "$@"; }
dump() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }

k demo "$KAOHE_DB" >/dev/null || fail "demo"

# Adding accounts: the password from standard input, never an argument.
expect_exit 2 k user add 组员 --role member --team 部门考核组
expect_text err.txt "密码须从标准输入读取"
echo 'short' | k user add 组员 --role member --team 部门考核组 --password-stdin >out.txt 2>err.txt
[ $? -eq 1 ] || fail "short password accepted"
expect_text err.txt "密码至少 8 个字符"
# characters, not bytes: "初始密码" is 4 characters (12 bytes of UTF-8)
echo '初始密码' | k user add 组员 --role member --team 部门考核组 --password-stdin >out.txt 2>err.txt
[ $? -eq 1 ] || fail "a 4-character password accepted"
expect_text err.txt "密码至少 8 个字符"
echo 'secret-pass-1' | k user add 组员 --role member --password-stdin >out.txt 2>err.txt
expect_text err.txt "考核组组长和成员须写明所在考核组"
echo 'secret-pass-1' | k user add 组员 --role member --team 第九考核组 --password-stdin >out.txt 2>err.txt
expect_text err.txt "没有名为“第九考核组”的考核组"
echo 'secret-pass-1' | k user add 评分 --role industry --industry 炼钢 --password-stdin >out.txt 2>err.txt
expect_text err.txt "方案中没有行业“炼钢”的评分"
echo 'secret-pass-1' | k user add 乡镇 --role unit --unit 昌黎县 --team 部门考核组 --password-stdin >out.txt 2>err.txt
expect_text err.txt "只有考核组组长和成员写考核组"
expect_exit 2 k user add 某人 --role mayor --password-stdin
expect_text err.txt "未知的角色“mayor”（office 安委办、leader 考核组组长、member 考核组成员、industry 行业评分、enforcement 执法评分、unit 被考核单位、viewer 查阅结果）"

echo 'secret-pass-1' | k user add 组员 --role member --team 部门考核组 --password-stdin >out.txt 2>err.txt ||
	fail "add member: $(cat err.txt)"
expect_text out.txt "已新建账号：组员（考核组成员）"
echo 'secret-pass-1' | k user add 消防 --role industry --industry 消防 --password-stdin >/dev/null 2>&1 ||
	fail "add industry scorer"
echo 'secret-pass-1' | k user add 昌黎 --role unit --unit 昌黎县 --password-stdin >/dev/null 2>&1 ||
	fail "add unit account"
echo 'secret-pass-1' | k user add 组员 --role viewer --password-stdin >out.txt 2>err.txt
[ $? -eq 1 ] || fail "a second account of the same name accepted"
expect_exit 0 k user list
expect_text out.txt "组员"
expect_text out.txt "考核组 部门考核组"
expect_text out.txt "行业 消防"
expect_text out.txt "单位 昌黎县"
# The stored password is an argon2id digest, never the text.
sqlite3 "$KAOHE_DB" "SELECT password FROM account WHERE name='组员'" >pw.txt
expect_text pw.txt '$argon2id$'
grep -q 'secret-pass-1' pw.txt && fail "password stored in clear"

# Acting as the member: the team's own units only; never approve.
before=$(dump)
expect_exit 1 k --user 组员 score set 昌黎县 2.1.1 --count 1
expect_text err.txt "组员（考核组成员）不能录入评分（不在本考核组的考核范围内）"
expect_exit 1 k --user 组员 approve
expect_text err.txt "不能审定"
expect_exit 1 k --user 组员 user list
expect_exit 1 k --user 组员 accident add --unit 昌黎县 --date 2016-05-01 --deaths 1 --injuries 0 --loss 0
expect_text err.txt "不能"
[ "$(dump)" = "$before" ] || fail "a refused command changed the database"
expect_exit 0 k --user 组员 score set 公安局 1.1.2 --conditions 1 --note 未建立
# The change is on the record under the account's name.
expect_exit 0 k audit 公安局
expect_text out.txt "组员"
expect_text out.txt "1.1.2"

# The industry scorer scores its industry, nothing else.
# 方案四（三）: each industry department scores every county on its own
# industry (4.15 消防, out of 10).
expect_exit 1 k --user 消防 score set 公安局 1.1.2 --conditions 1
expect_exit 1 k --user 消防 score set 昌黎县 4.14 --score 9.5
expect_text err.txt "只能录入本行业的评分"
expect_exit 0 k --user 消防 score set 昌黎县 4.15 --score 9.5
# The assessed unit reads its own results, once published, and nothing else.
expect_exit 1 k --user 昌黎 explain 昌黎县
expect_exit 1 k --user 昌黎 explain 卢龙县
expect_exit 1 k --user 昌黎 score set 昌黎县 2.1.1 --count 0

# An unknown or disabled account acts as nobody.
expect_exit 1 k --user 无此人 status
expect_text err.txt "没有名为“无此人”的账号"
expect_exit 0 k user disable 组员 --reason 调离
expect_exit 1 k --user 组员 status
expect_text err.txt "账号“组员”已停用"
expect_exit 0 k user list
expect_text out.txt "〔已停用〕"
expect_exit 0 k user disable 组员 --enable
expect_exit 0 k --user 组员 status

# One item code is one item within one scheme: 1.1.4 is 党委常委会听取安全生产汇报
# on a county's sheet and another item on a department's.
expect_exit 1 k score set-many 1.1.4 昌黎县 安监局 --count 1
expect_text err.txt "所选单位须同属县区或同属市直部门"

# Objections (意见和建议): an assessed unit, about its own result, once
# the results are published (after the city government consented), within
# the period the office sets, with a reason and evidence; the office
# answers; teams see those of their units.
expect_exit 1 k --user 昌黎 objection file 昌黎县 --text 扣分有误 --evidence 会议纪要
expect_text err.txt "尚未公布"
k compute >/dev/null || fail "compute"
k approve >/dev/null || fail "approve"
expect_exit 1 k publish
expect_text err.txt "尚未报市政府同意"
expect_exit 1 k consent --date 2017-02-30 --ref 秦政字〔2017〕5号
expect_text err.txt "须是 YYYY-MM-DD 形式的日期"
# Consent follows the assessment (window ends 2017-01-20) and is not in the future.
expect_exit 1 k consent --date 2016-12-01 --ref 秦政字〔2017〕5号
expect_text err.txt "早于考核结束的日期 2017-01-20"
expect_exit 1 k consent --date 2999-01-01 --ref 秦政字〔2017〕5号
expect_text err.txt "晚于今天"
expect_exit 0 k consent --date 2017-02-10 --ref 秦政字〔2017〕5号
expect_exit 0 k publish
expect_exit 0 k --user 昌黎 explain 昌黎县
expect_exit 1 k --user 昌黎 explain 卢龙县
expect_text err.txt "只限本单位"
expect_exit 1 k --user 昌黎 objection file 昌黎县 --text 扣分有误 --evidence 会议纪要
expect_text err.txt "安委办尚未设定提出意见的期限"
expect_exit 1 k --user 昌黎 objection period 2000-01-01 2999-12-31
expect_exit 1 k objection period 2017-03-10 2017-03-01
expect_text err.txt "截止日期 2017-03-01 早于开始日期 2017-03-10"
expect_exit 0 k objection period 2000-01-01 2000-01-31
expect_exit 1 k --user 昌黎 objection file 昌黎县 --text 扣分有误 --evidence 会议纪要
expect_text err.txt "提出意见的期限是 2000-01-01 至 2000-01-31"
expect_exit 0 k objection period 2000-01-01 2999-12-31
expect_exit 1 k --user 昌黎 objection file 卢龙县 --text 扣分有误 --evidence 会议纪要
expect_exit 1 k --user 昌黎 objection file 昌黎县 --item 9.9 --text 扣分有误 --evidence 会议纪要
expect_text err.txt "没有编号为 9.9 的考核项"
expect_exit 1 k --user 昌黎 objection file 昌黎县 --text 扣分有误
expect_text err.txt "证据不能为空"
expect_exit 1 k --user 昌黎 objection file 昌黎县 --text "" --evidence 会议纪要
expect_exit 0 k --user 昌黎 objection file 昌黎县 --item 2.1.1 --text "会议纪要已提供，不应扣分" --evidence "2016年第3次常委会会议纪要"
expect_text out.txt "编号 1"
expect_exit 0 k objection file 卢龙县 --text "书面意见：对档次有异议" --evidence "来函"
expect_exit 1 k --user 昌黎 objection answer 1 --outcome upheld --text 自己答复
expect_exit 2 k objection answer 一 --outcome upheld --text 答复
expect_text err.txt "意见编号“一”须是正整数（kaohe objection list 查看）"
expect_exit 1 k objection answer 9 --outcome upheld --text 答复
expect_text err.txt "没有编号为 9 的意见"
expect_exit 1 k objection answer 1 --outcome maybe --text 答复
expect_text err.txt "答复须写明结论"
expect_exit 0 k objection answer 1 --outcome upheld --text "经核实，维持原评分"
expect_exit 0 k --user 昌黎 objection list
expect_text out.txt "会议纪要已提供，不应扣分"
expect_text out.txt "证据：2016年第3次常委会会议纪要"
expect_text out.txt "答复（维持评分）：经核实，维持原评分"
grep -q "卢龙县" out.txt && fail "a unit sees another unit's objection"
# 部门考核组 assesses the city departments: neither county's objection.
expect_exit 0 k --user 组员 objection list
[ -s out.txt ] && fail "a team member sees objections outside the team's scope"
expect_exit 0 k objection list
expect_text out.txt "卢龙县  整体结果"
expect_exit 0 k audit 昌黎县
expect_text out.txt "objection.answer"
# Objections do not bear on the scores: the results stay current.
expect_exit 0 k status
grep -q "结果已过期" out.txt && fail "an objection made the results stale"
# Reopening withdraws publication and the consent given to the results.
expect_exit 0 k reopen --reason 复核
expect_exit 0 k approve
expect_exit 1 k publish
expect_text err.txt "尚未报市政府同意"

# Changing a password: the office for anyone; an account for itself
# only with the old password first.
printf 'secret-pass-1\nnew-pass-2222\n' | k --user 组员 user passwd 组员 --password-stdin >out.txt 2>err.txt ||
	fail "own password change: $(cat err.txt)"
printf 'wrong-old-pass\nnew-pass-3333\n' | k --user 组员 user passwd 组员 --password-stdin >out.txt 2>err.txt
[ $? -eq 1 ] || fail "a wrong old password accepted"
expect_text err.txt "原密码不正确"
printf 'new-pass-4444\n' | k --user 组员 user passwd 消防 --password-stdin >out.txt 2>err.txt
[ $? -eq 1 ] || fail "a member changed another account's password"
printf 'new-pass-5555\n' | k user passwd 消防 --password-stdin >out.txt 2>err.txt || fail "office reset"

finish
