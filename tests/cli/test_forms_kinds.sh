#!/bin/sh
# Unit kinds from the scheme (issue 11, form 9): the demo year (the 2016
# county and department schemes, scored) takes a third scheme, for
# schools; schools are registered, scored against it, computed and ranked
# among themselves in `results` and results.csv, while the counties and
# departments keep exactly their results. A kind the year has no scheme
# for is refused, and so is a scheme added after approval; neither
# changes anything.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/kinds.db"
k() { "$KAOHE" "$@"; }
# the whole state a refusal must leave as it was
dump() {
	sqlite3 "$KAOHE_DB" "SELECT * FROM scheme ORDER BY id; SELECT * FROM unit ORDER BY id;
		SELECT * FROM finding ORDER BY 1, 2, 3; SELECT seq, action FROM audit ORDER BY seq" | sha256sum
}

expect_exit 0 k demo "$KAOHE_DB"
expect_exit 0 k results --json
cp out.txt before.json

# A school's rubric (invented in the style of a 学校安全工作考核细则):
#   一、校园安全管理（60分）
#     1.1 每学期应开展应急疏散演练，每少开展1次扣5分，最高扣20分。
#     1.2 校舍、消防设施存在安全隐患的，每发现1处扣2分，最高扣10分。
#   二、安全教育（40分）
#     2.1 每少开展1次安全教育课扣4分，最高扣20分。
#   发生造成师生死亡的安全事故的，一票否决（不合格）。
#   档次：90分以上优秀，80分以上良好，60分以上合格。
cat > school.yaml <<'YAML'
scheme: city-2016-school
title: 秦皇岛市2016年度学校安全工作考核（示例）
unit: school
unit_title: 学校
year: 2016
points: 100
grades:
- {grade: 优秀, min: 90}
- {grade: 良好, min: 80}
- {grade: 合格, min: 60}
- {grade: 不合格}
vetoes:
- {code: V1, title: 发生造成师生死亡的安全事故, when: {deaths: 1}, effect: fail}
children:
- code: '1'
  title: 校园安全管理
  points: 60
  score: deduct
  children:
  - {code: '1.1', title: 应急疏散演练, text: 每学期应开展应急疏散演练，每少开展1次扣5分，最高扣20分。, rule: {type: per, each: 5, cap: 20}}
  - {code: '1.2', title: 安全隐患, text: 校舍、消防设施存在安全隐患的，每发现1处扣2分，最高扣10分。, rule: {type: per, each: 2, cap: 10, unit: 处}}
- code: '2'
  title: 安全教育
  points: 40
  score: deduct
  children:
  - {code: '2.1', title: 安全教育课, text: 每少开展1次安全教育课扣4分，最高扣20分。, rule: {type: per, each: 4, cap: 20}}
YAML

# ---- refused schemes change nothing ----
before=$(dump)
sed '/^unit_title:/d' school.yaml > untitled.yaml
expect_exit 1 k scheme add untitled.yaml
expect_text err.txt "untitled.yaml:3: “unit: school”须用“unit_title”写明这类单位的中文名称"
sed 's/^unit: school/unit: town/' school.yaml > town.yaml
expect_exit 1 k scheme add town.yaml
expect_text err.txt "town.yaml:3: “unit: town”是县区方案抽查的乡镇"
# county and department schemes come with the year (init)
sed -e 's/^unit: school/unit: department/' -e '/^unit_title:/d' school.yaml > dept.yaml
expect_exit 1 k scheme add dept.yaml
expect_text err.txt "是市直部门方案：县区和市直部门的方案在新建年度时确定"
# a kind with nobody's scheme: no units of it
expect_exit 1 k unit add 第一医院 --kind hospital
expect_text err.txt "未知的单位类型“hospital”"
expect_exit 1 k unit add 第一中学 --kind school
expect_text err.txt "未知的单位类型“school”"
[ "$(dump)" = "$before" ] || fail "a refused scheme or unit changed the database"

# ---- the school scheme is added, once ----
expect_exit 0 k scheme add school.yaml
expect_line out.txt "已为 2016 年度添加学校考核方案：school.yaml；登记这类单位：kaohe unit add 名称 --kind 学校"
before=$(dump)
expect_exit 1 k scheme add school.yaml
expect_text err.txt "2016 年度已有学校考核方案（每类单位一个方案）"
[ "$(dump)" = "$before" ] || fail "a second school scheme changed the database"
sqlite3 "$KAOHE_DB" "SELECT action, target FROM audit WHERE action = 'year.scheme.add'" > audit.txt
expect_line audit.txt "year.scheme.add|school"

# ---- schools, by the code word, the Chinese name and an import ----
expect_exit 0 k unit add 第一中学 --kind school
expect_line out.txt "已登记学校：第一中学"
expect_exit 0 k unit add 第二中学 --kind 学校
printf '名称,类型\n第三中学,学校\n人民医院,hospital\n' > bad-units.csv
before=$(dump)
expect_exit 1 k unit import bad-units.csv
expect_text err.txt "未知的单位类型“hospital”"
[ "$(dump)" = "$before" ] || fail "a refused import changed the database"
printf '名称,类型\n第三中学,school\n' > units.csv
expect_exit 0 k unit import units.csv
# a school has no parent and is not a county's sub-unit
expect_exit 1 k unit add 第四中学 --kind school --parent 昌黎县
expect_text err.txt "学校没有上级单位"
expect_exit 0 k unit list --kind school
expect_text out.txt "第三中学"

# ---- scored, computed and ranked among the schools ----
# 第一中学: 1.1 "每少开展1次扣5分，最高扣20分" 3 missed → 15; 1.2 "每发现1处扣2分，
#   最高扣10分" 7 places → 14 > 10 → 10; 一 60 − 25 = 35. 2.1 "每少开展1次安全教育课扣4分"
#   2 missed → 8; 二 40 − 8 = 32. Total 67: 合格.
# 第二中学: nothing found: 100, 优秀.
# 第三中学: 1.1 one drill missed → 5: 95, 优秀 by score; a death at the school:
#   "发生造成师生死亡的安全事故的，一票否决" → 不合格 (its total stays 95).
# Ranked by total among the schools: 第二中学 1, 第三中学 2, 第一中学 3.
expect_exit 0 k score set 第一中学 1.1 --count 3
expect_exit 0 k score set 第一中学 1.2 --count 7
expect_exit 0 k score set 第一中学 2.1 --count 2
for c in 1.1 1.2 2.1; do expect_exit 0 k score set 第二中学 $c --count 0; done
expect_exit 0 k score set 第三中学 1.1 --count 1
expect_exit 0 k score set 第三中学 1.2 --count 0
expect_exit 0 k score set 第三中学 2.1 --count 0
expect_exit 0 k accident add --unit 第三中学 --date 2016-09-01 --deaths 1 --injuries 0 --loss 0
expect_exit 0 k compute
expect_exit 0 k explain 第一中学
expect_text out.txt "7 处 × 2 分 = 14 分，上限 10 分 → 扣 10 分"
expect_exit 0 k results
expect_line out.txt "学校"
python3 - out.txt <<'PY' || fail "the school ranking in results"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = lines.index("学校")
rows = [l.split() for l in lines[i + 2:i + 5]]
assert [r[:4] for r in rows] == [["1", "第二中学", "100", "优秀"], ["2", "第三中学", "95", "不合格"],
                                 ["3", "第一中学", "67", "合格"]], rows
# the counties' section comes first and still starts at 1
assert lines[0] == "县区" and lines[2].split()[:2] == ["1", "北戴河区"], lines[:3]
PY
expect_exit 0 k results --kind school --json
python3 - out.txt before.json <<'PY' || fail "school results as JSON"
import json, sys
rs = json.load(open(sys.argv[1]))
assert [(r["unit"], r["kind"], r["rank"], r["total"]) for r in rs] == [
    ("第二中学", "school", 1, 100), ("第三中学", "school", 2, 95), ("第一中学", "school", 3, 67)], rs
assert rs[1]["vetoes"] and rs[1]["proposed_grade"] == "不合格", rs[1]
PY
# the counties and departments score and rank exactly as before
expect_exit 0 k results --json
python3 - out.txt before.json <<'PY' || fail "the 2016 units changed"
import json, sys
after = [r for r in json.load(open(sys.argv[1])) if r["kind"] != "school"]
before = json.load(open(sys.argv[2]))
key = lambda r: (r["unit"], r["kind"], r["rank"], r["total"], r["proposed_grade"], r["parts"])
assert [key(r) for r in after] == [key(r) for r in before]
PY
expect_exit 0 k export exported
python3 - exported/results.csv <<'PY' || fail "results.csv"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
assert rows[0][:4] == ["单位", "类型", "名次", "总分"], rows[0]
schools = [r[:5] for r in rows if r[1] == "学校"]
assert schools == [["第二中学", "学校", "1", "100", "优秀"], ["第三中学", "学校", "2", "95", "不合格"],
                   ["第一中学", "学校", "3", "67", "合格"]], schools
assert [r[2] for r in rows if r[1] == "县区"][0] == "1"
PY
# the results document: a section for the schools, after the two kinds
expect_exit 0 k report results --format pdf -o results.pdf
pdftotext -raw results.pdf results.txt || fail "pdftotext"
expect_text results.txt "三、学校（3 个）"
expect_text results.txt "和《秦皇岛市2016年度学校安全工作考核（示例）》"
expect_exit 0 k audit --verify
expect_text out.txt "各表与审计记录一致"

# ---- an added kind names its own grades ----
# 卫生院安全工作考核（示例）: the school's rows, graded 80分以上达标，60分以上基本达标，
# 60分以下不达标.
sed -e 's/^unit: school/unit: clinic/' -e 's/^unit_title: 学校/unit_title: 卫生院/' \
	-e 's/^scheme: city-2016-school/scheme: city-2016-clinic/' \
	-e 's/^- {grade: 优秀, min: 90}/- {grade: 达标, min: 80}/' \
	-e 's/^- {grade: 良好, min: 80}/- {grade: 基本达标, min: 60}/' \
	-e '/^- {grade: 合格, min: 60}/d' -e 's/^- {grade: 不合格}/- {grade: 不达标}/' school.yaml > clinic.yaml
expect_exit 0 k scheme add clinic.yaml
expect_exit 0 k unit add 城关卫生院 --kind clinic
# 1.1 少开展 3 次演练: 3 × 5 = 15 → 校园安全管理 60 − 15 = 45; 安全教育 40;
# 45 + 40 = 85 ≥ 80 → 达标.
expect_exit 0 k score set 城关卫生院 1.1 --count 3
expect_exit 0 k compute
expect_exit 0 k results --json
python3 - out.txt <<'PY' || fail "the clinic's own grade names"
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["kind"] == "clinic"]
assert [(x["unit"], x["total"], x["proposed_grade"]) for x in r] == [("城关卫生院", 85, "达标")], r
PY

# ---- after approval no scheme is added ----
expect_exit 0 k approve
sed -e 's/^unit: school/unit: hospital/' -e 's/^unit_title: 学校/unit_title: 医院/' \
	-e 's/^scheme: city-2016-school/scheme: city-2016-hospital/' school.yaml > hospital.yaml
expect_exit 0 k scheme check hospital.yaml
before=$(dump)
expect_exit 1 k scheme add hospital.yaml
expect_text err.txt "已审定"
[ "$(dump)" = "$before" ] || fail "a scheme added after approval changed the database"
finish
