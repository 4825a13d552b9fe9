#!/bin/sh
# The plan read as written, through the command line (issue 6): sample
# sizes, who concealed an accident, occupational-disease accidents, the
# one-vote veto on an incomplete result, coal mines, and a custom scheme
# that takes nothing from the 2016 plan.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/r.db"
k() { "$KAOHE" "$@"; }

k init --year 2016 >/dev/null || fail "init"
k unit add 甲县 --kind county >/dev/null
k unit add 海港区 --kind county >/dev/null
k unit add 公安局 --kind department >/dev/null
k unit add 交通局 --kind department >/dev/null
for t in 一 二 三; do k unit add 甲县${t}镇 --kind town --parent 甲县 >/dev/null; done
for d in 交通:交通局 建设:建设局 教育:教育局 卫生:卫生局; do
	k unit add 甲县${d#*:} --kind county-department --parent 甲县 --industry ${d%:*} >/dev/null
done
for e in 化工 建材 运输; do k unit add 甲县示例${e}有限公司 --kind enterprise --parent 甲县 >/dev/null; done

# 3. 方案四（二）"抽查1-2个乡镇、2-3个部门、2-3家企业": outside the sizes refused.
expect_exit 1 k sample set 甲县 甲县一镇 甲县二镇 甲县三镇
expect_text err.txt "抽查乡镇的数量须是 1 到 2 个（方案规定），这里列出了 3 个"
expect_exit 1 k sample set 甲县 甲县交通局
expect_text err.txt "抽查县区部门的数量须是 2 到 3 个（方案规定），这里列出了 1 个"
expect_exit 1 k sample set 甲县 甲县交通局 甲县建设局 甲县教育局 甲县卫生局
expect_text err.txt "这里列出了 4 个"
expect_exit 1 k sample draw 甲县 --departments 4
expect_text err.txt "抽查县区部门的数量须是 2 到 3 个（方案规定），不能是 4 个"
# One category at a time: setting the departments leaves the towns.
expect_exit 0 k sample set 甲县 甲县一镇 甲县二镇
expect_exit 0 k sample set 甲县 甲县交通局 甲县建设局
expect_exit 0 k sample list 甲县
expect_text out.txt "甲县	乡镇	甲县一镇"
expect_text out.txt "甲县	乡镇	甲县二镇"
expect_text out.txt "甲县	县区部门	甲县建设局"
# status lists every county whose sample is not complete: 甲县 has no
# enterprises yet (2–3), 海港区 nothing at all.
expect_exit 0 k status
expect_text out.txt "抽查对象不全：企业 0 个（须 2–3 个）"
expect_text out.txt "抽查对象不全：乡镇 0 个（须 1–2 个）、县区部门 0 个（须 2–3 个）、企业 0 个（须 2–3 个）"
# Redrawing one kind keeps the others; the same seed draws the same.
expect_exit 0 k sample draw 甲县 --only enterprise --seed 5
cp out.txt e1.txt
expect_exit 0 k sample list 甲县
expect_text out.txt "甲县	乡镇	甲县一镇"
expect_text out.txt "甲县	县区部门	甲县交通局"
expect_exit 0 k sample draw 甲县 --only enterprise --seed 5
cmp -s out.txt e1.txt || fail "the same seed drew differently"
expect_exit 1 k sample list 没有的县
expect_text err.txt "没有名为“没有的县”的单位"

# 1. 2.1.2.2 "每发现一地未落实，扣2分，最高扣8分": 4 places found though only
# the county and 2 towns were examined: taken (4 × 2 = 8), flagged.
expect_exit 0 k score set 甲县 2.1.2.2 --count 4
expect_exit 0 k explain 甲县
expect_text out.txt "4 地 × 2 分 = 8 分，上限 8 分 → 扣 8 分"
expect_text out.txt "提示：2.1.2.2 录入 4 地，多于已检查的 3 地（本级和 2 个抽查乡镇），请核实"

# 8. Only 海港区 has a coal-mine score.
expect_exit 1 k score set 甲县 4.1.2 --score 80
expect_text err.txt "4.1.2（煤矿）只适用于海港区，不适用于甲县"
expect_exit 0 k score set 海港区 4.1.2 --score 80

# 4. 优秀否决(4) "瞒报、谎报、漏报生产安全事故的" vetoes the unit that concealed.
# 甲县 omitted a road accident (道路交通 → 公安局): 甲县 is vetoed, 公安局
# (to which the accident counts, 一（三）) is not.
expect_exit 0 k accident add --unit 甲县 --date 2016-05-01 --deaths 1 --injuries 0 --loss 0 \
	--industry 道路交通 --omitted
expect_text out.txt "甲县受优秀否决（瞒报、谎报、漏报）"
# 海港区's accident concealed by 交通局: 交通局 is vetoed, 海港区 is not.
expect_exit 0 k accident add --unit 海港区 --date 2016-06-01 --deaths 1 --injuries 0 --loss 0 \
	--industry 交通运输 --concealed --misreported-by 交通局
expect_exit 1 k accident add --unit 海港区 --date 2016-06-02 --deaths 0 --injuries 1 --loss 0 \
	--concealed --omitted
expect_text err.txt "瞒报、谎报、漏报只能选一种"
expect_exit 1 k accident add --unit 海港区 --date 2016-06-02 --deaths 0 --injuries 1 --loss 0 \
	--misreported-by 交通局
expect_text err.txt "写明了瞒报单位，须同时写明是瞒报、谎报还是漏报"
k compute >/dev/null
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "concealment vetoes"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
codes = lambda u: [v["code"] for v in rs[u]["vetoes"]]
assert "E4" in codes("甲县"), rs["甲县"]["vetoes"]
assert "E4" not in codes("公安局"), rs["公安局"]["vetoes"]
assert "E4" in codes("交通局"), rs["交通局"]["vetoes"]
assert "E4" not in codes("海港区"), rs["海港区"]["vetoes"]
assert "漏报" in [v for v in rs["甲县"]["vetoes"] if v["code"] == "E4"][0]["detail"]
PY

# 6. "较大以上安全生产（含职业病危害）事故": graded by the investigation.
expect_exit 1 k accident add --unit 海港区 --date 2016-08-01 --deaths 0 --injuries 0 --loss 0 --occupational
expect_text err.txt "职业病危害事故须写明事故调查认定的等级"
expect_exit 1 k accident add --unit 海港区 --date 2016-08-01 --deaths 0 --injuries 0 --loss 0 --grade 较大
expect_text err.txt "只有职业病危害事故写明调查认定的等级"
expect_exit 0 k accident add --unit 海港区 --date 2016-08-01 --deaths 0 --injuries 5 --loss 0 \
	--occupational --grade 较大 --note 示例：粉尘危害
expect_text out.txt "较大职业病危害事故"
# 5. 六 "受到'一票否决'的单位即为…不合格单位": 海港区 has no 行政执法 or industry
# scores (incomplete), yet is proposed 不合格.
k compute >/dev/null
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "one-vote veto on an incomplete result"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
h = rs["海港区"]
assert h["incomplete"] and h["proposed_grade"] == "不合格", h
assert "V1" in [v["code"] for v in h["vetoes"]], h["vetoes"]
assert rs["甲县"]["proposed_grade"] is None   # incomplete, no one-vote veto
PY
expect_exit 0 k accident list
expect_text out.txt "较大职业病危害事故（调查认定）"

# 7. A count above what the plan allows: 附件4 1.4.7 "年度不得少于1次".
expect_exit 1 k score set 公安局 1.4.7 --count 2
expect_text err.txt "1.4.7 的次数 2 超出范围：原文规定的次数最多 1 次"
expect_exit 0 k scheme show qhd-2016-county
expect_text out.txt "1.1  《秦皇岛市安全生产“党政同责、一岗双责”实施办法》落实和职责履行情况  100 分  〔扣分制，扣完为止；最低可得 18 分（录入的地数多于已检查的地数时最低 10 分）〕"
expect_text out.txt "2.3.1  安全生产责任制建立和落实情况  30 分  〔扣分制，扣完为止；最低可得 11 分〕"

# Daily rules per target: the county's only.
expect_exit 0 k daily rule absent --deduct 4 --target county
expect_exit 0 k audit
expect_text out.txt "县区日常考核：缺席每次扣 4 分"
grep -q "安委办日常考核：缺席每次扣 4 分" out.txt && fail "a county rule changed the office's"

# 9–12. A custom scheme takes nothing from the 2016 plan.
cat > city.yaml <<'YAML'
scheme: city-2018-county
title: 某市2018年度县区安全生产考核（示例）
unit: county
year: 2018
points: 20
children:
- code: '5'
  title: 基础工作
  points: 10
  score: deduct
  children:
  - {code: '5.1', title: 会议, points: 3, text: 每缺席1次会议扣2分。, rule: {type: per, each: 2}}
  - {code: '5.2', title: 检查, text: 每少检查1次扣1分，最高扣7分。, rule: {type: per, each: 1, cap: 7}}
- code: '6'
  title: 宣传
  points: 10
  score: deduct
  children:
  - {code: '6.1', title: 宣传月, text: 未开展的扣10分。, rule: {type: fixed, deduct: 10}}
YAML
cat > dept.yaml <<'YAML'
scheme: city-2018-department
title: 某市2018年度部门安全生产考核（示例）
unit: department
year: 2018
points: 10
children:
- {code: '1', title: 责任制, points: 10, text: 未建立的扣10分。, rule: {type: fixed, deduct: 10}}
YAML
export KAOHE_DB="$WORK/city.db"
expect_exit 0 k scheme check city.yaml
expect_text out.txt "5.1 的规则每次扣 2 分未写上限，按本项分值 3 分为限"
expect_exit 0 k scheme show city.yaml
expect_text out.txt "档次（方案未规定，按满分的 90%、80%、60%）：优秀 ≥ 18 分；良好 ≥ 16 分；合格 ≥ 12 分"
expect_exit 0 k init --year 2018 --county-scheme city.yaml --department-scheme dept.yaml
expect_text out.txt "县区方案 city-2018-county，市直部门方案 city-2018-department"
grep -q "模板" out.txt && fail "init speaks of a template for a custom scheme"
# the year's own scheme is shown by its name, as a built-in one is
expect_exit 0 k scheme show city-2018-county
expect_text out.txt "city-2018-county  某市2018年度县区安全生产考核（示例）  满分 20 分"
expect_exit 1 k scheme show city-2019-county
expect_exit 0 k unit add 甲区 --kind county
# 5.1 is the custom scheme's own item, not the 2016 daily assessment:
# "每缺席1次会议扣2分" on a 3-point item, 4 times → 8, at most 3.
expect_exit 0 k score set 甲区 5.1 --count 4
expect_exit 0 k industry list
grep -q "非煤矿山" out.txt && fail "the 2016 industries leaked into a custom year"
expect_exit 1 k daily task 会议 --target county --kind meeting --due 2018-03-01
expect_text err.txt "本年度方案没有县区日常考核项"
expect_exit 1 k sample draw 甲区
expect_text err.txt "本年度方案没有规定抽查"
# one kind asked for by name: the message names it
expect_exit 1 k sample draw 甲区 --only county-department
expect_text err.txt "本年度方案没有规定抽查县区部门"
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "custom scheme as written"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
a = rs["甲区"]
# 基础工作 10 − 3 = 7; 宣传 10: 17 → 良好 (≥ 16, < 18)
assert a["total"] == 17 and a["proposed_grade"] == "良好", a
PY
expect_exit 0 k status
expect_text out.txt "甲区"
grep "甲区" out.txt | grep -q "抽查" && fail "a scheme without samples asks for spot checks"
finish
