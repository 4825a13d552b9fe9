#!/bin/sh
# The office's working steps around the scores (issue 8): progress
# counted exactly, verification of the teams' sheets (统计核实) with the
# team's and the verified score, a verified sheet locked against the team
# and back to be verified when the office changes it; one value for many
# units at once; materials (files by content hash, links, the checklist,
# one ZIP); a new year carried over from the last.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/w.db"
k() { "$KAOHE" "$@"; }

# Three items a team enters; nothing else.
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
k init --year 2017 --county-scheme county.yaml >/dev/null || fail "init"
for c in 甲区 乙区 丙区; do k unit add $c --kind county >/dev/null; done
k team add 一组 >/dev/null
k team assign 一组 甲区 乙区 >/dev/null
echo 'secret-pass-1' | k user add 组长 --role leader --team 一组 --password-stdin >/dev/null
echo 'secret-pass-1' | k user add 组员 --role member --team 一组 --password-stdin >/dev/null
echo 'secret-pass-1' | k user add 甲区 --role unit --unit 甲区 --password-stdin >/dev/null

# Progress: 3 items each, none entered.
expect_exit 0 k progress
expect_text out.txt "甲区                   0 / 3"
k score set 甲区 1.1 --count 2 >/dev/null
k score set 甲区 1.3 --conditions 0 >/dev/null
expect_exit 0 k progress
expect_text out.txt "甲区                   2 / 3"
# The team sees only its own units and what it has to do.
expect_exit 0 k --user 组长 progress
expect_text out.txt "本组有 2 个评分表尚未录入完毕"
grep -q "丙区" out.txt && fail "a team sees a unit outside its scope"

# Verification. 甲区: 1.1 "每少召开1次扣5分" × 2 = 10, 1.3 carried out (no condition):
# 100 − 10 = 90; the team submits at 90.
expect_exit 1 k --user 组员 review submit 甲区
expect_text err.txt "不能提交评分表核实"
expect_exit 1 k --user 组长 review submit 丙区
expect_exit 1 k review verify 甲区
expect_text err.txt "现在是“录入中”，不能核实"
expect_exit 0 k --user 组长 review submit 甲区
expect_exit 1 k --user 组长 review submit 甲区
# Submitted: closed to the team until the office returns it.
expect_exit 1 k --user 组员 score set 甲区 1.2 --count 3
expect_text err.txt "评分表已提交安委办核实，已锁定；如需修改，请安委办退回"
expect_exit 1 k review return 甲区 --remark ""
expect_text err.txt "退回意见不能为空"
expect_exit 0 k review return 甲区 --remark "1.2 未录入"
expect_exit 0 k --user 组员 score set 甲区 1.2 --count 3
expect_exit 0 k --user 组长 review submit 甲区
expect_exit 0 k review list
# 1.2 "每超时限1天扣1分" × 3 = 3 more: 100 − 13 = 87.
expect_text out.txt "甲区                待核实    一组            考核组得分 87"
expect_exit 1 k --user 组员 review verify 甲区
expect_exit 0 k review verify 甲区
expect_exit 0 k review list
expect_text out.txt "已核实    一组            考核组得分 87  核实得分 87"
# Verified: locked against the team, the office may still change it …
expect_exit 1 k --user 组员 score set 甲区 1.2 --count 1
expect_text err.txt "评分表已提交安委办核实，已锁定"
expect_exit 1 k --user 组员 score clear 甲区 1.2
# … and then it is to be verified again, on the record.
expect_exit 0 k score set 甲区 1.2 --count 1
expect_exit 0 k review list
expect_text out.txt "甲区                待核实"
# the 87 verified before the change is said to be the last verification's
expect_text out.txt "上次核实得分 87"
expect_exit 0 k audit 甲区
expect_text out.txt "sheet.void"
expect_text out.txt "sheet.verify"
expect_exit 0 k review verify 甲区
expect_exit 0 k review list
# 100 − 10 − 1 = 89 verified; the team's 87 stays beside it.
expect_text out.txt "考核组得分 87  核实得分 89"

# One value for many units, all or none: 1.3 "未开展演练的，扣10分".
expect_exit 1 k score set-many 1.3 乙区 丁区 --conditions 1
expect_text err.txt "丁区"
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM finding WHERE code = '1.3'")" = 1 ] ||
	fail "a refused set-many wrote findings"
expect_exit 0 k score set-many 1.3 乙区 丙区 --conditions 1
expect_text out.txt "已为 2 个单位记录"
# A team cannot set a verified sheet through set-many either.
expect_exit 1 k --user 组员 score set-many 1.1 甲区 乙区 --count 1

# Materials: a file (stored once by content hash, never under a served
# path), a link, the checklist from the method, one ZIP.
printf '会议纪要\n' > 纪要.txt
expect_exit 0 k --user 甲区 material add 甲区 纪要.txt --item 1.1
expect_exit 0 k --user 甲区 material add 甲区 纪要.txt --item 1.1 --name 纪要副本.txt
hash=$(sha256sum 纪要.txt | cut -c1-64)
[ -f "$KAOHE_DB.files/$(echo "$hash" | cut -c1-2)/$hash" ] || fail "file not stored by its hash"
[ "$(find "$KAOHE_DB.files" -type f | wc -l)" = 1 ] || fail "the same bytes stored twice"
[ "$(stat -c %a "$KAOHE_DB.files/$(echo "$hash" | cut -c1-2)/$hash")" = 600 ] || fail "file readable by others"
expect_exit 1 k --user 甲区 material link 甲区 'javascript:alert(1)' --title 坏链接
expect_text err.txt "链接须以 http:// 或 https:// 开头"
expect_exit 0 k --user 甲区 material link 甲区 https://example.org/a.pdf --title 检查记录 --item 1.2
expect_exit 1 k --user 甲区 material add 乙区 纪要.txt
expect_exit 1 k --user 甲区 material add 甲区 纪要.txt --item 9.9
: > empty.txt
expect_exit 1 k --user 甲区 material add 甲区 empty.txt
expect_text err.txt "是空的"
expect_exit 0 k material list 甲区
expect_text out.txt "纪要副本.txt"
expect_text out.txt "https://example.org/a.pdf"
expect_exit 0 k material checklist 甲区
expect_text out.txt "已有  1           安全生产  须提供：本级相关文件或资料"
expect_exit 0 k material zip 甲区 甲区.zip
python3 - 甲区.zip <<'PY' || fail "zip contents"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(z.namelist())
assert any(n.startswith("甲区/1.1 会议/") and n.endswith("-纪要.txt") for n in names), names
assert "甲区/链接.txt" in names, names
assert z.read([n for n in names if n.endswith("-纪要.txt")][0]).decode() == "会议纪要\n"
assert "https://example.org/a.pdf" in z.read("甲区/链接.txt").decode()
PY
expect_exit 0 k material remove 1
expect_exit 0 k material list 甲区
grep -q "^   1 " out.txt && fail "a removed material is still listed"

# A new year from this one: units, teams and schemes, not findings or states.
expect_exit 0 k init --year 2018 --from 2017
expect_exit 0 k --year 2018 unit list
expect_text out.txt "甲区"
expect_text out.txt "丙区"
expect_exit 0 k --year 2018 team list
expect_text out.txt "一组"
expect_exit 0 k --year 2018 progress
expect_text out.txt "甲区                   0 / 3     录入中"
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM finding f JOIN unit u ON u.id = f.unit_id JOIN year y ON y.id = u.year_id WHERE y.year = 2018")" = 0 ] ||
	fail "findings carried over"
# The 2017 year is as it was.
expect_exit 0 k --year 2017 review list
expect_text out.txt "已核实"
expect_exit 1 k init --year 2019 --from 2010
expect_text err.txt "没有 2010 年度的考核"
finish
