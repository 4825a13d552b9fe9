#!/bin/sh
# A small year from init to approve, through the command line only, with
# every expected number worked out by hand from the rubric.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/year.db" KAOHE_USER=测试员
k() { "$KAOHE" "$@"; }

expect_exit 0 k init --year 2016
expect_text out.txt "已新建 2016 年度考核"
expect_exit 1 k init --year 2016
expect_text err.txt "2016 年度的考核已经存在"

# Units: two counties, two departments, and 甲县's towns, departments, enterprises.
expect_exit 0 k unit add 甲县 --kind county
expect_exit 0 k unit add 乙县 --kind 县区 --status 省考核
expect_exit 0 k unit add 丙局 --kind department
expect_exit 0 k unit add 安监局 --kind department
cat > units.csv <<'CSV'
名称,类型,上级,行业
甲镇一,乡镇,甲县,
甲镇二,乡镇,甲县,
甲县交通局,县区部门,甲县,交通
甲县教育局,县区部门,甲县,教育
甲县卫生局,县区部门,甲县,卫生
甲县示例化工有限公司,企业,甲县,危险化学品
甲县示例食品有限公司,企业,甲县,工贸
甲县示例运输有限公司,企业,甲县,交通运输
CSV
expect_exit 0 k unit import units.csv
expect_text out.txt "已导入 8 行"
expect_exit 0 k unit edit 乙县 --provincial-total 880 --provincial-grade 良好
expect_exit 0 k unit list --kind county
expect_text out.txt "省考核得分 880"

expect_exit 0 k team add 县区考核组
expect_exit 0 k team member 县区考核组 李建国 --role 组长 --title 市安监局局长
expect_exit 0 k team assign 县区考核组 甲县
expect_exit 0 k team list
expect_text out.txt "组长    李建国"

# The team's own choice of spot checks (自行确定抽查对象).
expect_exit 0 k sample set 甲县 甲镇一 甲县交通局 甲县教育局 甲县示例化工有限公司 甲县示例运输有限公司
# A seeded draw is repeatable: the same seed gives the same draw.
expect_exit 0 k sample draw 甲县 --seed 7 --towns 1 --departments 2 --enterprises 2
cp out.txt draw1.txt
expect_exit 0 k sample draw 甲县 --seed 7 --towns 1 --departments 2 --enterprises 2
cmp -s out.txt draw1.txt || fail "the same seed drew differently"
# 卫生 is drawn only after the tier-1 pool, and all three are tier 1 here;
# the key-industry enterprises (化工, 运输) come before 食品.
grep -q "示例食品" draw1.txt && sed -n '1p' draw1.txt | grep -q "企业 2 个：[^（]*示例食品" && fail "non-key enterprise drawn before key ones"
expect_exit 1 k sample draw 甲县 --towns 3
expect_text err.txt "抽查乡镇的数量须是 1 到 2 个（方案规定），不能是 3 个"
expect_exit 0 k sample set 甲县 甲镇一 甲县交通局 甲县教育局 甲县示例化工有限公司 甲县示例运输有限公司

# 1.1.8 "抽查的县乡每有一地未落实，扣4分。最高可扣16分": the team found 3
# places although only the county and 1 sampled town were examined: taken
# as found (3 × 4 = 12, under the cap), with a note to check it.
expect_exit 0 k score set 甲县 1.1.8 --count 3
# 党委层面 1.1.4 "每少落实1次，扣5分。最高可扣10分": 3 missed -> 15, capped 10.
expect_exit 0 k score set 甲县 1.1.4 --count 3 --note "常委会只听取1次汇报"
# 政府工作 2.1.1.1 "每发现一地扣2分，最高扣10分": 2 places -> 4.
expect_exit 0 k score set 甲县 2.1.1.1 --count 2
# 部门工作 sheets: 交通局 2.2.1.1 "未落实的，扣5分" -> 95;
# 教育局 2.2.2.3 conditions 1 and 3, 2 + 2 = 4 -> 96. Mean (95 + 96) / 2 = 95.5.
expect_exit 0 k score set 甲县交通局 2.2.1.1 --conditions 1
expect_exit 0 k score set 甲县教育局 2.2.2.3 --conditions 1,3
# 企业工作 sheets: 化工 2.3.3.1 "未开展安全生产标准化建设的，扣10分" -> 90;
# 运输 nothing found -> 100. Mean 95.
expect_exit 0 k score set 甲县示例化工有限公司 2.3.3.1 --conditions 1
# 行政执法 90; industries by CSV: all 100 except 消防 (4.15) 80 -> 8 and
# 非煤矿山 (4.1.1) 90 -> 9: 18 × 10 + 8 + 9 = 197.
expect_exit 0 k score set 甲县 3 --score 90
{
	echo "单位,编号,得分,备注"
	for c in 4.1.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 4.12 4.13 4.14 4.15 4.16 4.17 4.18 4.19 4.20; do
		case $c in
		4.1.1) echo "甲县,$c,90,非煤矿山" ;;
		4.15) echo "甲县,$c,80,消防" ;;
		*) echo "甲县,$c,100," ;;
		esac
	done
} > industries.csv
expect_exit 0 k score import industries.csv
expect_text out.txt "已导入 20 行"
# importing the same file again changes nothing, and says so; a changed
# value overwrites, and says so
expect_exit 0 k score import industries.csv
expect_text out.txt "其中 20 行与原有评分相同，未改动"
sed 's/^甲县,4.15,80,/甲县,4.15,85,/' industries.csv > industries2.csv
expect_exit 0 k score import industries2.csv
expect_text out.txt "其中 1 行覆盖了原有评分"
expect_text out.txt "其中 19 行与原有评分相同，未改动"
expect_exit 0 k score import industries.csv

# 日常考核: absent from one meeting (template: 2 per absence) and one
# report 3 days late (1 per day): 300 − 2 − 3 = 295.
expect_exit 0 k daily task 全市安全生产工作会议 --target county --kind meeting --due 2016-02-26
expect_exit 0 k daily task 一季度情况报送 --target county --kind report --due 2016-04-05
expect_exit 0 k daily record 1 甲县 absent
expect_exit 0 k daily record 2 甲县 late --days 3
expect_exit 1 k daily record 2 甲县 late
expect_text err.txt "迟报须写明迟报天数"

# Two 一般 accidents in 危险化学品 (supervised by 安监局): excellence veto
# for 甲县 and for 安监局.
expect_exit 0 k accident add --unit 甲县 --date 2016-03-01 --deaths 1 --injuries 0 --loss 500000 --industry 危险化学品
expect_text out.txt "一般事故"
expect_text out.txt "计入 甲县 和 安监局"
expect_exit 0 k accident add --unit 甲县 --date 2016-09-09 --deaths 0 --injuries 2 --loss 300000 --industry 危险化学品

# 丙局: 1.1.2 "未落实的，扣30分" and one campaign (每开展1项活动加20分，最高可加40分:
# earns 20, loses 20): 500 − 30 − 20 = 450; no daily deductions: 450 + 300 + 200 = 950.
expect_exit 0 k score set 丙局 1.1.2 --conditions 1
expect_exit 0 k score set 丙局 1.3.5 --count 1
# 安监局: nothing found, no campaign: loses the 40 earnable points: 960.

expect_exit 0 k compute
expect_text out.txt "逐项评分 3 个单位，省考核 1 个"
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "results JSON"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
j = rs["甲县"]
# 党委 100 − 10 (1.1.4) − 12 (1.1.8) = 78;
# 78 + (96 + 95.5 + 95) + 90 + 197 + 295 = 946.5
assert j["total"] == 946.5, j["total"]
assert [p["score"] for p in j["parts"]] == [78, 286.5, 90, 197, 295], j["parts"]
assert j["proposed_grade"] == "良好", j          # 优秀 by score, excellence veto
assert [v["code"] for v in j["vetoes"]] == ["E1"], j["vetoes"]
assert j["rank"] == 1 and j["kind"] == "county"
assert rs["乙县"]["total"] == 880 and rs["乙县"]["rank"] is None
assert rs["乙县"]["proposed_grade"] == "良好"
assert rs["丙局"]["total"] == 950 and rs["丙局"]["proposed_grade"] == "优秀"
assert rs["安监局"]["total"] == 960 and rs["安监局"]["proposed_grade"] == "良好"
assert rs["安监局"]["rank"] == 1 and rs["丙局"]["rank"] == 2
for r in rs.values():
    for k in ("unit", "kind", "total", "rank", "proposed_grade", "grade", "vetoes", "parts"):
        assert k in r, k
PY

expect_exit 0 k explain 甲县 --json
python3 - out.txt <<'PY' || fail "explain JSON"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["total"] == 946.5
def find(n, code):
    if n["code"] == code: return n
    for c in n.get("children", []):
        r = find(c, code)
        if r: return r
n = find(j, "1.1.4")
assert n["deduction"] == 10 and "3 次 × 5 分 = 15 分，上限 10 分 → 扣 10 分" in n["derivation"], n
dep = find(j, "2.2")
assert dep["score"] == 95.5 and [s["score"] for s in dep["sheets"]] == [95, 96], dep["sheets"]
n = find(j, "1.1.8")
assert n["deduction"] == 12 and "多于已检查的 2 地（本级和 1 个抽查乡镇）" in n["warning"], n
assert any("1.1.8" in w for w in j["warnings"]), j["warnings"]
PY
expect_exit 0 k status
expect_text out.txt "核实：1.1.8 录入 3 地，多于已检查的 2 地（本级和 1 个抽查乡镇），请核实"
expect_exit 0 k explain 甲县
expect_text out.txt "常委会只听取1次汇报"
expect_text out.txt "日常考核：缺席 1 次 × 2 分 = 2 分"

# Decisions: a grade other than the proposal needs a reason; no decision
# can lift a unit above what its vetoes allow (甲县: E1, at most 良好).
expect_exit 1 k grade set 甲县 优秀 --reason "集体研究"
expect_text err.txt "“甲县”受否决，档次最高为良好，不能确定为优秀"
expect_exit 1 k grade set 丙局 良好
expect_text err.txt "“丙局”的拟定档次是优秀，确定为良好须写明理由"
expect_exit 1 k explain 没有这个县
expect_text err.txt "没有名为“没有这个县”的单位"
expect_exit 0 k grade set 甲县 良好
expect_exit 0 k grade set 丙局 良好 --reason "集体研究：年内发生信访事项"
expect_exit 0 k export exported
expect_text exported/results.csv "丙局,市直部门,2,950,优秀,良好,集体研究：年内发生信访事项"
expect_text exported/sheets.csv "甲县,甲县交通局,2.2.1.1"

# A change after compute makes the results stale; approve refuses them.
expect_exit 0 k score set 甲县 1.1.5 --count 1
expect_exit 1 k approve
expect_text err.txt "须先重新计分再审定（运行 kaohe compute）"
expect_exit 0 k compute
expect_exit 0 k approve
expect_text out.txt "已审定"
expect_exit 1 k score set 甲县 1.1.6 --conditions 1
expect_text err.txt "已审定锁定，不能再修改"
expect_exit 1 k unit add 丁县 --kind county
expect_exit 1 k reopen
expect_text err.txt "重新开放的原因不能为空"
expect_exit 0 k reopen --reason "省里要求补充材料"
expect_exit 0 k score set 甲县 1.1.6 --conditions 1
# 安监局 took its proposal (良好) at approval; reopening withdrew that, so a
# new approval takes the new proposal. 甲县's own decision (良好) stays.
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "decisions after reopen"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
assert rs["安监局"]["grade"] is None, rs["安监局"]
assert rs["甲县"]["grade"] == "良好"
# 1.1.5 "每少落实1次，扣1分" and 1.1.6 "未按规定落实者，扣5分": 946.5 − 1 − 5 = 940.5
assert rs["甲县"]["total"] == 940.5, rs["甲县"]["total"]
PY

# Records made by mistake are removed on the record; veto reasons show.
expect_exit 0 k veto add 乙县 --cause falsified --reason 提供虚假会议记录
expect_exit 0 k veto list
expect_text out.txt "1  乙县  在考核中提供不真实情况，弄虚作假  理由：提供虚假会议记录"
expect_exit 1 k veto remove 1
expect_text err.txt "删除原因不能为空"
expect_exit 0 k veto remove 1 --reason 录错单位
expect_exit 0 k accident list
expect_text out.txt "   2  2016-09-09  甲县  一般事故"
expect_exit 0 k accident remove 2 --reason 重复录入
expect_exit 0 k industry list
expect_text out.txt "交通局（未登记为市直部门）"
expect_exit 0 k industry set 交通运输 丙局
expect_exit 0 k accident add --unit 甲县 --date 2016-05-05 --deaths 0 --injuries 1 --loss 1000 --industry 交通运输
expect_text out.txt "计入 甲县 和 丙局"
expect_exit 0 k audit 乙县
expect_text out.txt "veto.remove"
expect_text out.txt "录错单位"

# The record.
expect_exit 0 k audit 甲县
expect_text out.txt "测试员"
expect_text out.txt "score.set"
expect_exit 0 k audit --verify
expect_text out.txt "审计记录完整"
expect_exit 0 k backup copy.db
[ "$(sqlite3 copy.db 'SELECT count(*) FROM unit')" = "12" ] || fail "backup has not every unit"

# Altered behind kaohe's back: the chain breaks.
sqlite3 "$KAOHE_DB" "DROP TRIGGER audit_append_only_update; UPDATE audit SET new = '0 次' WHERE seq = 20;"
expect_exit 1 k audit --verify
expect_text err.txt "第 20 条审计记录"
expect_text err.txt "被改动"
finish
