#!/bin/sh
# Unit kinds from the scheme (issue 11, form 9) on the web: the demo year
# takes a school scheme and three schools; the results page shows the
# schools' own ranking, under the scheme's name for the kind, beside the
# counties' and departments', with its charts; the units page lists them,
# and the year's page names the added scheme.
. "$(dirname "$0")/lib.sh"
setup_year
k() { "$KAOHE" "$@"; }
# A school's rubric (invented in the style of a 学校安全工作考核细则):
#   一、校园安全（100分）
#     1.1 每学期应开展应急疏散演练，每少开展1次扣5分，最高扣20分。
#     1.2 校舍存在安全隐患的，每发现1处扣2分，最高扣30分。
cat > school.yaml <<'YAML'
scheme: city-2016-school
title: 秦皇岛市2016年度学校安全工作考核（示例）
unit: school
unit_title: 学校
year: 2016
points: 100
children:
- code: '1'
  title: 校园安全
  points: 100
  score: deduct
  children:
  - {code: '1.1', title: 应急疏散演练, text: 每学期应开展应急疏散演练，每少开展1次扣5分，最高扣20分。, rule: {type: per, each: 5, cap: 20}}
  - {code: '1.2', title: 安全隐患, text: 校舍存在安全隐患的，每发现1处扣2分，最高扣30分。, rule: {type: per, each: 2, cap: 30, unit: 处}}
YAML
k scheme add school.yaml >/dev/null || fail "scheme add"
for u in 第一中学 第二中学; do k unit add $u --kind school >/dev/null || fail "unit add $u"; done
# 第一中学: 1.1 2 missed → 10; 1.2 3 places → 6: 100 − 16 = 84, 良好 (the default
# lines: 90/80/60% of 100). 第二中学: nothing found: 100, 优秀. Ranked 第二中学 1,
# 第一中学 2 among the schools.
k score set 第一中学 1.1 --count 2 >/dev/null && k score set 第一中学 1.2 --count 3 >/dev/null &&
	k score set 第二中学 1.1 --count 0 >/dev/null && k score set 第二中学 1.2 --count 0 >/dev/null ||
	fail "score set"
k compute >/dev/null || fail "compute"
start_server || finish
login office

get office /results
expect_status 200 "office's results"
expect_body "<h2>县（区）</h2>"
expect_body "<h2>市直部门</h2>"
expect_body '<section id="school"><h2>学校</h2>'
expect_body '<img class="chart" src="/results/chart/school.svg"'
python3 - out.html <<'PY' || fail "the schools' ranking"
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
section = re.search(r'<section id="school">(.*?)</section>', page, re.S).group(1)
rows = []
for tr in re.findall(r'<tr id="u\d+">(.*?)</tr>', section, re.S):
    cells = [html.unescape(re.sub(r'<[^>]+>', ' ', c)).split() for c in re.findall(r'<td[^>]*>(.*?)</td>', tr, re.S)]
    rows.append([c[0] if c else "" for c in cells[:3]])
assert rows == [["1", "第二中学", "100"], ["2", "第一中学", "84"]], rows
# the schools are in neither the counties' nor the departments' ranking
for kind in ("county", "department"):
    other = re.search(r'<section id="%s">(.*?)</section>' % kind, page, re.S).group(1)
    assert "中学" not in other, kind
PY
get office /results/chart/school.svg
expect_status 200 "the schools' chart"
expect_body "学校考核总分"
get office /results/chart/hospital.svg
expect_status 404 "a kind the year has no scheme for"

get office /admin
expect_status 200 "admin"
expect_body '<th scope="row">学校方案</th><td>秦皇岛市2016年度学校安全工作考核（示例）（city-2016-school'

get office /units
expect_status 200 "units"
expect_body "<h2>学校</h2>"
expect_body '<option value="school">学校</option>'
finish
