#!/bin/sh
# Grade and veto forms of a scheme (issue 11, forms 4 and 5) through the
# real binary: grades named by the scheme (一级、二级、三级、不达标), ★
# items of the grade a unit applies for, vetoes on an item, a part below a
# line and a single accident, and items counted from the accident
# register. Every expected number is worked by hand below from the rubric
# rows quoted in the scheme's text.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/forms.db"
k() { "$KAOHE" "$@"; }

cat > county.yaml <<'YAML'
scheme: city-2017-standard
title: 某市2017年度安全生产标准化考评（示例）
unit: county
year: 2017
points: 100
grades:
- {grade: 一级, min: 90}
- {grade: 二级, min: 75}
- {grade: 三级, min: 60}
- {grade: 不达标}
vetoes:
- {code: S1, title: ★为一级必达项，有一项未达到的不得评为一级, when: {mandatory: 一级}, effect: at-most, grade: 二级}
- {code: V1, title: 发生1次死亡3人以上事故的一票否决, when: {accidents: 1, min_deaths: 3}, effect: fail}
- {code: E1, title: 基础管理部分得分低于60%的，最高评为三级, when: {part: '1', below: 60%}, effect: at-most, grade: 三级}
- {code: E2, title: 未建立隐患排查治理制度的，最高评为三级, when: {item: '1.2', condition: 1}, effect: at-most, grade: 三级}
children:
- code: '1'
  title: 基础管理
  points: 60
  score: deduct
  children:
  - {code: '1.1', title: 责任制, mandatory_for: [一级], text: ★未建立全员安全生产责任制的，扣10分,
     rule: {type: fixed, deduct: 10, text: 未建立全员安全生产责任制}}
  - {code: '1.2', title: 隐患排查, text: 未建立隐患排查治理制度的扣10分；隐患台账不全的扣5分,
     rule: {type: conditions, conditions: [{text: 未建立隐患排查治理制度, deduct: 10}, {text: 隐患台账不全, deduct: 5}]}}
  - {code: '1.3', title: 培训, text: 每发现1人未经培训上岗扣2分，最高扣20分, rule: {type: per, each: 2, cap: 20, unit: 人}}
- code: '2'
  title: 事故控制
  points: 40
  score: deduct
  children:
  - {code: '2.1', title: 一般事故, text: 每发生1起一般事故扣5分，最高扣20分,
     rule: {type: accidents, accident_grade: 一般, each: 5, cap: 20}}
  - {code: '2.2', title: 死亡事故, points: 20, text: 发生死亡事故的，本项不得分,
     rule: {type: accidents, min_deaths: 1, deduct: all}}
YAML

# Malformed forms are refused with FILE:LINE and no year is made.
sed -e "s/when: {part: '1', below: 60%}/when: {part: '9', below: 60%}/" \
    -e "s/mandatory_for: \[一级\]/mandatory_for: [特级]/" \
    -e "s/min_deaths: 1, deduct: all/min_deaths: 1, deduct: all, each: 5/" county.yaml > bad.yaml
expect_exit 1 k init --year 2017 --county-scheme bad.yaml
expect_text err.txt "bad.yaml:14: 否决规则 E1：part 须是方案中节点的编号（“9”不存在）"
expect_text err.txt "bad.yaml:22: 1.1：mandatory_for 中未知的档次“特级”（方案的档次见 grades）"
expect_text err.txt "bad.yaml:35: 节点 2.2 的规则须写 each（每起事故扣分）或 deduct"
[ -e "$KAOHE_DB" ] && fail "a refused init left a database file"

expect_exit 0 k scheme show county.yaml
expect_text out.txt "档次：一级 ≥ 90 分；二级 ≥ 75 分；三级 ≥ 60 分；不达标 其余"
expect_text out.txt "条件：一级必达项（★，1 项）有未得满分的；只约束申报一级或未登记申报档次的单位"
expect_text out.txt "条件：1（基础管理）得分低于 36 分（满分 60 分的 60%）"
expect_text out.txt "1.1  责任制  10 分  〔★一级必达项〕"
expect_text out.txt "规则：每发生1起一般事故扣5分，最高扣20分（由事故登记计算，不录入）"

# A department's register is the accidents of the industries it supervises.
cat > department.yaml <<'YAML'
scheme: city-2017-department
title: 某市2017年度市直部门安全生产考核（示例）
unit: department
year: 2017
points: 100
industries:
- {industry: 道路交通, department: 交通局}
children:
- code: '1'
  title: 行业监管
  points: 100
  score: deduct
  children:
  - {code: '1.1', title: 行业事故, text: 监管行业每发生1起生产安全事故扣4分，最高扣12分,
     rule: {type: accidents, each: 4, cap: 12}}
  - {code: '1.2', title: 评定, text: 评定扣分, rule: {type: judged}}
YAML
expect_exit 0 k init --year 2017 --county-scheme county.yaml --department-scheme department.yaml
expect_exit 0 k unit add 交通局 --kind department
expect_exit 0 k unit add 教育局 --kind department
for u in 甲区 乙区 丙区 丁区 戊区; do expect_exit 0 k unit add $u --kind county; done
expect_exit 0 k unit edit 甲区 --applied-grade 一级
expect_exit 0 k unit edit 乙区 --applied-grade 二级
expect_exit 1 k unit edit 丙区 --applied-grade 优秀
expect_text err.txt "未知的档次“优秀”（一级、二级、三级、不达标）"

# An item counted from the register takes no finding; the refusal changes nothing.
expect_exit 1 k score set 丁区 2.1 --count 1
expect_text err.txt "2.1（一般事故）由事故登记计算，不能录入"
expect_exit 0 k accident add --unit 丁区 --date 2017-04-02 --deaths 3 --injuries 0 --loss 0
expect_exit 0 k accident add --unit 丁区 --date 2017-08-09 --deaths 1 --injuries 0 --loss 0
# 交通局 supervises 道路交通: two accidents there (in 己区, no deaths) count against it,
# none against 教育局. 1.1 "每发生1起…扣4分，最高扣12分": 2 × 4 = 8 → 92.
expect_exit 0 k unit add 己区 --kind county
expect_exit 0 k accident add --unit 己区 --date 2017-03-01 --deaths 0 --injuries 1 --loss 0 --industry 道路交通
expect_exit 0 k accident add --unit 己区 --date 2017-09-01 --deaths 0 --injuries 2 --loss 0 --industry 道路交通

# 甲区 (applies for 一级): 1.1 "★未建立全员安全生产责任制的，扣10分" found: 60 − 10 = 50;
#   事故控制 40; total 90 → 一级 by score; its ★ item for 一级 is not met → S1: at most 二级.
expect_exit 0 k score set 甲区 1.1 --conditions 1
# 乙区 (applies for 二级): 1.1 found (−10) and 1.3 "每发现1人未经培训上岗扣2分" 3 people (−6):
#   60 − 16 = 44; total 84 → 二级; the 一级 ★ item does not bind it: no veto.
expect_exit 0 k score set 乙区 1.1 --conditions 1
expect_exit 0 k score set 乙区 1.3 --count 3
# 丙区 (nothing recorded): 1.1 found: total 90 → 一级; every ★ item binds → S1: 二级.
expect_exit 0 k score set 丙区 1.1 --conditions 1
# 丁区: 1.2 condition 1 "未建立隐患排查治理制度的扣10分": 60 − 10 = 50 (E2: at most 三级).
#   Register: 2017-04-02 3 deaths (较大), 2017-08-09 1 death (一般). 2.1 counts the 一般 one:
#   1 × 5 = 5; 2.2 "发生死亡事故的，本项不得分": 20; 事故控制 40 − 25 = 15; total 65 → 三级;
#   V1 "发生1次死亡3人以上事故的一票否决" → 不达标.
expect_exit 0 k score set 丁区 1.2 --conditions 1
# 戊区: 1.2 condition 2 only (−5, E2 not triggered) and 1.3 10 people (20 → −20):
#   60 − 25 = 35, below 60% of 60 = 36 → E1; total 75 → 二级 by score, at most 三级.
expect_exit 0 k score set 戊区 1.2 --conditions 2
expect_exit 0 k score set 戊区 1.3 --count 10
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "grade and veto forms in results"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
want = {"甲区": (90, "二级", ["S1"]), "乙区": (84, "二级", []), "丙区": (90, "二级", ["S1"]),
        "丁区": (65, "不达标", ["V1", "E2"]), "戊区": (75, "三级", ["E1"])}
assert rs["交通局"]["total"] == 92, rs["交通局"]
assert rs["教育局"]["total"] == 100, rs["教育局"]
for u, (total, grade, vetoes) in want.items():
    r = rs[u]
    assert r["total"] == total, (u, r["total"])
    assert r["proposed_grade"] == grade, (u, r["proposed_grade"])
    assert [v["code"] for v in r["vetoes"]] == vetoes, (u, r["vetoes"])
d = {v["code"]: v for v in rs["丁区"]["vetoes"]}
assert d["V1"]["detail"] == "发生死亡3人以上的事故 1 起（2017-04-02 死亡 3 人（较大））", d["V1"]
assert d["E2"]["grade"] == "三级", d["E2"]
assert rs["甲区"]["vetoes"][0]["detail"] == "申报一级必达项（★）1 项未达到：1.1（责任制）得 0 分，满分 10 分"
assert rs["戊区"]["vetoes"][0]["detail"] == "1（基础管理）得 35 分，低于 36 分（满分 60 分的 60%）"
PY
expect_exit 0 k results
expect_text out.txt "不达标"
expect_exit 0 k explain 丁区
expect_text out.txt "事故登记中一般事故 1 起（2017-08-09 死亡 1 人（一般））：1 起 × 5 分 = 5 分 → 扣 5 分"
expect_text out.txt "事故登记中死亡事故 2 起（2017-04-02 死亡 3 人（较大）；2017-08-09 死亡 1 人（一般））→ 本项不得分，扣 20 分"
expect_text out.txt "按分数：三级；拟定档次：不达标"
expect_exit 0 k explain 交通局
expect_text out.txt "事故登记中生产安全事故 2 起（2017-03-01 道路交通 死亡 0 人（一般）；2017-09-01 道路交通 死亡 0 人（一般））：2 起 × 4 分 = 8 分 → 扣 8 分"

# Decisions by the scheme's names: a standard name is not one of them.
expect_exit 1 k grade set 乙区 优秀 --reason 测试
expect_text err.txt "未知的档次“优秀”（一级、二级、三级、不达标）"
expect_exit 1 k grade set 甲区 一级 --reason 测试
expect_text err.txt "“甲区”受否决，档次最高为二级，不能确定为一级"
expect_exit 0 k grade set 乙区 三级 --reason 集体研究
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "decision by the scheme's names"
import json, sys
rs = {r["unit"]: r for r in json.load(open(sys.argv[1]))}
assert rs["乙区"]["grade"] == "三级", rs["乙区"]
PY
expect_exit 0 k export exp
python3 - exp/results.csv <<'PY' || fail "results.csv in the scheme's names"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
head = rows[0]
col = head.index("单位")
body = {r[col]: r for r in rows[1:]}
line = ",".join(body["乙区"])
assert "二级" in line and "三级" in line, line
assert "不达标" in ",".join(body["丁区"]), body["丁区"]
PY
finish
