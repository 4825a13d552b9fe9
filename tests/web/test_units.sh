#!/bin/sh
# The units and teams pages (issue 8): units in the official order with
# their sub-units and the province's results; every role may read the
# units, the staff the teams; only the office adds, edits, removes and
# imports units and sets up teams (the others get 403 and the file stays
# as it was); a CSV with two bad rows is refused naming both rows, and
# nothing of it is written.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
dump() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }
units() { sqlite3 "$KAOHE_DB" "SELECT * FROM unit ORDER BY id" | sha256sum; }
q() { sqlite3 "$KAOHE_DB" "$1"; }

for role in $ROLES; do login "$role"; done

# post_file ROLE PATH FILE: a multipart upload of FILE as the field "file".
post_file() {
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$1" -F "_csrf=$(cat "$WORK/csrf.$1")" \
		-F "file=@$3;filename=$(basename "$3")" "$BASE$2")
}

# The cell of a county's row: the python below prints the row's text.
row_of() {
	python3 - "$1" <<'PY'
import re, sys, html
t = open("out.html").read()
for row in re.findall(r"<tr id=\"u\d+\">(.*?)</tr>", t, re.S):
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    if re.sub("<[^>]+>", "", cells[1]) == sys.argv[1]:
        print(html.unescape(re.sub("<[^>]+>", "", "|".join(cells))))
PY
}

# ---- the list, as each role ----------------------------------------------------

get office /units
expect_status 200 "the office"
# The plan (doc/domain.md): nine counties, three of them (海港区, 青龙县,
# 开发区) assessed by the province in 2016; of the city departments, 建设局,
# 交通局 and 城管局 by the province, 环保局, 国资委 and 财政局 not at all.
expect_body '共 9 个：市考核 6 个，省考核 3 个，不考核 0 个。'
expect_body '省考核 3 个，不考核 3 个。'
# counties first, in the official order, then the departments
python3 - <<'PY' || fail "the order of the units"
import re
t = open("out.html").read()
names = ["海港区", "山海关区", "北戴河区", "抚宁区", "青龙满族自治县", "昌黎县", "卢龙县", "秦皇岛经济技术开发区",
         "北戴河新区", "安监局"]
pos = [t.index(">%s<" % n) for n in names]
assert pos == sorted(pos), pos
PY
# 昌黎县's row holds its sixteen towns (doc/domain.md lists them)
row=$(row_of 昌黎县)
case $row in
*"市考核"*"16 个：昌黎镇、靖安镇、安山镇、龙家店镇、泥井镇、大蒲河镇、新集镇、刘台庄镇、茹荷镇、朱各庄镇、荒佃庄镇、团林乡、葛条港乡、马坨店乡、两山乡、十里铺乡|"*) ;;
*) fail "昌黎县's row: $row" ;;
esac
row=$(row_of 海港区)
case $row in *"省考核|887|良好|"*) ;; *) fail "海港区's provincial result: $row" ;; esac
expect_body 'action="/units/import#import"'
expect_body 'enctype="multipart/form-data"'
for role in leader member industry enforcement unit viewer; do
	get "$role" /units
	expect_status 200 "/units as $role (every role may see the units)"
	expect_body '昌黎县'
	expect_no_body 'action="/units#add"'
	expect_no_body 'action="/units/import#import"'
	get "$role" "/units/edit?unit=昌黎县"
	expect_status 200 "a unit as $role"
	expect_no_body 'action="/units/edit"'
done
get office "/units/edit?unit=昌黎县"
expect_status 200 "a unit to edit"
expect_body 'action="/units/edit"'
expect_body 'data-confirm="确定删除“昌黎县”？"'
get office "/units/edit?unit=不存在县"
expect_status 404 "no such unit"

get office /teams
expect_status 200 "teams as the office"
# 附件1 (demo): 县区考核组 led by 李建国, 市安监局局长
expect_body '<td>组长</td><td>李建国</td><td>市安监局局长</td>'
expect_body '考核范围（6 个）：山海关区、北戴河区、抚宁区、昌黎县、卢龙县、北戴河新区'
expect_body 'action="/teams/assign#t'
expect_body 'value="海港区"'
for role in leader member; do
	get "$role" /teams
	expect_status 200 "teams as $role"
	expect_body '李建国'
	expect_no_body 'action="/teams'
done
for role in industry enforcement unit viewer; do
	get "$role" /teams
	expect_status 403 "teams as $role"
done

# ---- refusals change nothing ---------------------------------------------------------

cat > good.csv <<'CSV'
名称,类型,上级,行业,顺序,状态
昌黎县示例第二化工有限公司,企业,昌黎县,危险化学品,,
示例新区,县区,,,,市考核
CSV
before=$(dump)
for role in leader member industry enforcement unit viewer; do
	post "$role" /units -d name=冒登镇 -d kind=town -d parent=昌黎县 -d status=assessed
	expect_status 403 "add a unit as $role"
	post "$role" /units/edit -d unit=海港区 -d name=海港区 -d provincial_total=1 -d status=provincial
	expect_status 403 "edit a unit as $role"
	post "$role" /units/remove -d unit=昌黎镇 -d reason=试
	expect_status 403 "remove a unit as $role"
	post_file "$role" /units/import good.csv
	expect_status 403 "import as $role"
	post "$role" /teams -d name=冒名组
	expect_status 403 "add a team as $role"
	post "$role" /teams/member -d team=县区考核组 -d name=冒名 -d role=member
	expect_status 403 "add a member as $role"
	post "$role" /teams/assign -d team=县区考核组 -d unit=海港区
	expect_status 403 "assign as $role"
done
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" --data-urlencode name=无令牌镇 \
	-d kind=town --data-urlencode parent=昌黎县 "$BASE/units")
expect_status 403 "no CSRF token"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" -F "file=@good.csv" "$BASE/units/import")
expect_status 403 "an upload without the CSRF token"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" --data-urlencode name=无令牌组 "$BASE/teams")
expect_status 403 "a team without the CSRF token"
# the office's refusals: a town without its county, a name that exists, an order that is no number
post office /units -d name=无上级镇 -d kind=town -d parent= -d status=assessed
expect_status 422 "a town without a county"
expect_body '乡镇须写明上级单位'
expect_body 'value="无上级镇"'
post office /units -d name=昌黎县 -d kind=county -d status=assessed
expect_status 409 "a name that exists"
expect_body '单位“昌黎县”已经存在'
post office /units/edit -d unit=海港区 -d name=海港区 -d order=第一
expect_status 422 "an order that is no number"
expect_body '顺序须是 1 到 1000000 之间的整数'
post office /units/remove -d unit=昌黎县 -d reason=试
expect_status 409 "a unit with findings"
expect_body '不能删除'
post office /units/remove -d unit=昌黎镇 -d reason=
expect_status 422 "a removal without a reason"
post office /teams/assign -d team=部门考核组 -d unit=昌黎县
expect_status 409 "a county in another team"
expect_body '已在考核组“县区考核组”的考核范围内'
[ "$(dump)" = "$before" ] || fail "a refused request changed the file"

# ---- a CSV with two bad rows ------------------------------------------------------------

# Line 1 is the header. Line 3 names a county that does not exist; line 5
# a kind that is none of the five. Lines 2 and 4 are good, and are not
# written either.
cat > bad.csv <<'CSV'
名称,类型,上级,行业,顺序,状态
昌黎县示例第三化工有限公司,企业,昌黎县,危险化学品,,
无名镇,乡镇,无名县,,,
昌黎县示例第四化工有限公司,企业,昌黎县,,,
星球局,星球,,,,
CSV
before=$(units)
post_file office /units/import bad.csv
expect_status 422 "two bad rows"
expect_body '导入失败（2 处问题），数据库未作任何改动'
expect_body '<td class="num">第 3 行</td><td class="num">第 3 列</td><td>2016 年度没有名为“无名县”的单位</td>'
expect_body '<td class="num">第 5 行</td><td class="num">第 2 列</td><td>未知的单位类型'
[ "$(units)" = "$before" ] || fail "a refused import changed the units"
[ "$(q "SELECT count(*) FROM unit WHERE name LIKE '昌黎县示例第%化工有限公司'")" = 0 ] || fail "good rows of a bad file written"
post_file office /units/import good.csv
expect_status 303 "a good file"
[ "$(q "SELECT p.name || '|' || u.kind || '|' || u.industry FROM unit u JOIN unit p ON p.id=u.parent_id WHERE u.name='昌黎县示例第二化工有限公司'")" = "昌黎县|enterprise|危险化学品" ] ||
	fail "the imported enterprise"
[ "$(q "SELECT kind || '|' || status FROM unit WHERE name='示例新区'")" = "county|assessed" ] || fail "the imported county"
get office /units
expect_body '已从 good.csv 导入 2 个单位'
expect_body '共 10 个：市考核 7 个，省考核 3 个'

# ---- add, edit, remove --------------------------------------------------------------------

post office /units -d name=昌黎县示例新镇 -d kind=town -d parent=昌黎县 -d industry= -d order= -d status=assessed
expect_status 303 "add a town"
[ "$(q "SELECT p.name FROM unit u JOIN unit p ON p.id=u.parent_id WHERE u.name='昌黎县示例新镇'")" = 昌黎县 ] ||
	fail "the town's county"
get office /units
row=$(row_of 昌黎县)
case $row in *"17 个："*"十里铺乡、昌黎县示例新镇|"*) ;; *) fail "the new town in its county's row: $row" ;; esac
# the province's result for 海港区: 890.5 is stored as 89050 hundredths
post office /units/edit -d unit=海港区 -d name=海港区 -d industry= -d order=1 -d status=provincial \
	-d provincial_total=890.5 -d provincial_grade=优秀
expect_status 303 "edit the provincial result"
[ "$(q "SELECT provincial_total || '|' || provincial_grade FROM unit WHERE name='海港区'")" = "89050|优秀" ] ||
	fail "the provincial result as stored: $(q "SELECT provincial_total, provincial_grade FROM unit WHERE name='海港区'")"
post office /units/edit -d unit=昌黎县示例新镇 -d name=昌黎县示例更名镇 -d parent=昌黎县 -d industry= -d order=20 -d status=assessed
expect_status 303 "rename a town"
[ "$(q "SELECT sort_order FROM unit WHERE name='昌黎县示例更名镇'")" = 20 ] || fail "the renamed town"
post office /units/remove -d unit=昌黎县示例更名镇 -d reason=误登记
expect_status 303 "remove"
[ "$(q "SELECT count(*) FROM unit WHERE name='昌黎县示例更名镇'")" = 0 ] || fail "not removed"
[ "$(q "SELECT count(*) FROM audit WHERE reason='误登记'")" = 1 ] || fail "the removal's reason is not on the record"

# ---- teams -----------------------------------------------------------------------------------

post office /teams -d name=督导组
expect_status 303 "add a team"
post office /teams -d name=督导组
expect_status 409 "a team that exists"
expect_body '考核组“督导组”已经存在'
post office /teams/member -d team=督导组 -d name=王示例 -d role=leader -d title=市安委办主任 -d contact=
expect_status 303 "add a member"
post office /teams/member -d team=督导组 -d name=孙示例 -d role=星球 -d title= -d contact=
expect_status 422 "a role that is none"
expect_body '未知的职务“星球”'
post office /teams/assign -d team=督导组 -d unit=海港区 -d unit=示例新区
expect_status 303 "assign two counties"
[ "$(q "SELECT group_concat(u.name, ',') FROM team_unit x JOIN team t ON t.id=x.team_id JOIN unit u ON u.id=x.unit_id WHERE t.name='督导组'")" = "海港区,示例新区" ] ||
	fail "the new team's scope"
get leader /teams
expect_body '<td>组长</td><td>王示例</td><td>市安委办主任</td>'
expect_body '考核范围（2 个）：海港区、示例新区'

# The server stops cleanly, without a sanitizer's report (leaks included).
kill "$SERVER_PID" && wait "$SERVER_PID"
SERVER_PID=""
grep -q Sanitizer "$WORK/serve.err" && { fail "the server's sanitizer report"; head -60 "$WORK/serve.err"; }
finish
