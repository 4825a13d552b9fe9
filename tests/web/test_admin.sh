#!/bin/sh
# The office's page of the year and the accounts (issue 8): what /admin
# shows, that only the office may see it or change anything on it (the
# others get 403 and the file stays as it was), the CSRF token; a new
# account signs in at once; disabling an account or resetting its password
# ends its open sessions, and the old password stops working; a new year
# carried over from 2016 has its units and teams and none of its findings.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
dump() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }

for role in $ROLES; do login "$role"; done

# sign_in NAME PASSWORD: signs in with a jar of its own ($WORK/jar.NAME);
# the status of the sign-in in $status.
sign_in() {
	jar="$WORK/jar.$1"
	rm -f "$jar"
	token=$(curl -s -c "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p')
	status=$(curl -s -o out.html -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" \
		--data-urlencode "name=$1" --data-urlencode "password=$2" "$BASE/login")
	[ "$status" = 303 ] && csrf_of "$1"
	return 0
}

# ---- the page as each role --------------------------------------------------

get office /admin
expect_status 200 "the office's page"
expect_body '<div class="year">2016 年度'
# The plan (秦安办〔2017〕1号): the 2016 assessment runs 2017-01-04 to 01-20.
expect_body '2017年1月4日 至 2017年1月20日'
expect_body '秦皇岛市2016年度县区安全生产目标考核（qhd-2016-county'
expect_body '秦皇岛市2016年度市直部门安全生产目标考核（qhd-2016-department'
expect_body '<td>组长</td><td>考核组组长</td><td>考核组：县区考核组</td>'
expect_body '<td>消防评分</td><td>行业评分</td><td>行业：消防</td>'
expect_body '<td>昌黎</td><td>被考核单位</td><td>单位：昌黎县</td>'
expect_body 'user add 姓名 --role office --password-stdin'
expect_body 'action="/admin/year/carry#carry"'
expect_body '<a href="/units">'
expect_body '<a href="/teams">'
# the industries offered are the county scheme's entered industry scores
expect_body '<option value="消防">消防</option>'
get office "/admin/user?name=组长"
expect_status 200 "one account"
expect_body '停用账号'
for role in leader member industry enforcement unit viewer; do
	get "$role" /admin
	expect_status 403 "/admin as $role"
	expect_no_body '办公室'
	get "$role" "/admin/user?name=组长"
	expect_status 403 "/admin/user as $role"
done

# ---- refusals change nothing --------------------------------------------------

before=$(dump)
for role in leader member industry enforcement unit viewer; do
	post "$role" /admin/users -d name=冒名 -d role=office -d password=pass-word-9 -d again=pass-word-9
	expect_status 403 "add an account as $role"
	post "$role" /admin/user/disable -d name=办公室 -d enable=0 -d reason=试
	expect_status 403 "disable as $role"
	post "$role" /admin/user/password -d name=办公室 -d password=pass-word-9 -d again=pass-word-9
	expect_status 403 "reset a password as $role"
	post "$role" /admin/year/carry -d year=2017 -d from=2016
	expect_status 403 "a new year as $role"
	post "$role" /admin/year/template -d year=2018 -d template=qhd-2016
	expect_status 403 "a template year as $role"
done
# no CSRF token
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" --data-urlencode name=无令牌 \
	-d role=viewer -d password=pass-word-9 -d again=pass-word-9 "$BASE/admin/users")
expect_status 403 "no CSRF token"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" -d year=2017 -d from=2016 \
	"$BASE/admin/year/carry")
expect_status 403 "a new year without the CSRF token"
# the office's own refusals: passwords that differ, a member without a team
post office /admin/users -d name=新组员 -d role=member -d team=县区考核组 -d password=pass-word-9 -d again=pass-word-8
expect_status 422 "passwords differ"
expect_body '两次输入的初始密码不一致'
expect_body 'value="新组员"'
post office /admin/users -d name=新组员 -d role=member -d team= -d password=pass-word-9 -d again=pass-word-9
expect_status 422 "a member without a team"
expect_body '考核组组长和成员须写明所在考核组'
post office /admin/users -d name=短密码 -d role=viewer -d password=short -d again=short
expect_status 422 "a short password"
expect_body '密码至少 8 个字符'
[ "$(dump)" = "$before" ] || fail "a refused request changed the file"

# ---- a new account signs in at once ----------------------------------------------

post office /admin/users -d name=新组员 -d role=member -d team=县区考核组 -d password=new-member-1 -d again=new-member-1
expect_status 303 "add an account"
[ "$(sqlite3 "$KAOHE_DB" "SELECT role || '|' || team || '|' || disabled FROM account WHERE name='新组员'")" = "member|县区考核组|0" ] ||
	fail "the account as stored"
sign_in 新组员 new-member-1
expect_status 303 "the new account signs in"
get 新组员 /sheet/昌黎县
expect_status 200 "the new member sees a county of the team"
post office /admin/users -d name=新消防 -d role=industry -d industry=消防 -d password=new-scorer-1 -d again=new-scorer-1
expect_status 303 "an industry scorer"
[ "$(sqlite3 "$KAOHE_DB" "SELECT industry FROM account WHERE name='新消防'")" = 消防 ] || fail "the scorer's industry"
post office /admin/users -d name=新组员 -d role=viewer -d password=new-member-1 -d again=new-member-1
[ "$status" = 303 ] && fail "a second account of the same name"

# ---- disabling ends the open session -----------------------------------------------

get leader /
expect_status 200 "the leader is signed in"
post office /admin/user/disable -d name=组长 -d enable=0 -d reason=调离
expect_status 303 "disable"
[ "$(sqlite3 "$KAOHE_DB" "SELECT disabled FROM account WHERE name='组长'")" = 1 ] || fail "not disabled"
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM audit WHERE reason='调离'")" -ge 1 ] || fail "the reason is not on the record"
get leader /
expect_status 303 "the disabled leader's next request"
sign_in 组长 "$PASSWORD"
expect_status 401 "a disabled account cannot sign in"
get office "/admin/user?name=组长"
expect_body '重新启用账号'
post office /admin/user/disable -d name=组长 -d enable=1 -d reason=返岗
expect_status 303 "enable"
get leader /
expect_status 303 "the session ended at disabling stays ended"
login leader
get leader /
expect_status 200 "enabled again, the leader signs in"

# ---- a reset password ----------------------------------------------------------------

get member /
expect_status 200 "the member is signed in"
post office /admin/user/password -d name=组员 -d password=reset-pass-7 -d again=reset-pass-8
expect_status 422 "the new passwords differ"
expect_body '两次输入的新密码不一致'
post office /admin/user/password -d name=组员 -d password=reset-pass-7 -d again=reset-pass-7
expect_status 303 "reset"
get member /
expect_status 303 "the member's session ended at the reset"
sign_in 组员 "$PASSWORD"
expect_status 401 "the old password"
sign_in 组员 reset-pass-7
expect_status 303 "the new password"
# the office's own password is changed on /password, with the old one
get office "/admin/user?name=办公室"
expect_body 'href="/password"'

# ---- a new year carried over -----------------------------------------------------------

y2016="SELECT id FROM year WHERE year=2016"
findings_2016=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.year_id=($y2016)")
[ "$findings_2016" -gt 0 ] || fail "the demo year has no findings to leave behind"
post office /admin/year/carry -d year=2017 -d from=2016
expect_status 303 "carry over"
get office /admin
expect_body '<div class="year">2017 年度'
expect_body '已新建 2017 年度'
# the assessment window moves a year on: 2018-01-04 to 01-20
expect_body '2018年1月4日 至 2018年1月20日'
count() { sqlite3 "$KAOHE_DB" "$1"; }
of_year() { echo "(SELECT id FROM year WHERE year=$1)"; }
for y in 2016 2017; do
	eval "units_$y=\$(count \"SELECT count(*) FROM unit WHERE year_id=$(of_year $y)\")"
	eval "teams_$y=\$(count \"SELECT count(*) FROM team WHERE year_id=$(of_year $y)\")"
	eval "members_$y=\$(count \"SELECT count(*) FROM team_member m JOIN team t ON t.id=m.team_id WHERE t.year_id=$(of_year $y)\")"
	eval "scope_$y=\$(count \"SELECT count(*) FROM team_unit x JOIN team t ON t.id=x.team_id WHERE t.year_id=$(of_year $y)\")"
	eval "findings_$y=\$(count \"SELECT count(*) FROM finding f JOIN unit u ON u.id=f.unit_id WHERE u.year_id=$(of_year $y)\")"
	eval "samples_$y=\$(count \"SELECT count(*) FROM sample s JOIN unit u ON u.id=s.unit_id WHERE u.year_id=$(of_year $y)\")"
done
[ "$units_2017" = "$units_2016" ] && [ "$units_2017" -gt 0 ] || fail "units: 2016 $units_2016, 2017 $units_2017"
[ "$teams_2017" = "$teams_2016" ] && [ "$teams_2017" -gt 0 ] || fail "teams: 2016 $teams_2016, 2017 $teams_2017"
[ "$members_2017" = "$members_2016" ] || fail "members: 2016 $members_2016, 2017 $members_2017"
[ "$scope_2017" = "$scope_2016" ] || fail "team scopes: 2016 $scope_2016, 2017 $scope_2017"
[ "$findings_2017" = 0 ] || fail "2017 has $findings_2017 findings"
[ "$findings_2016" -gt 0 ] || fail "2016 lost its findings"
[ "$samples_2017" = 0 ] || fail "2017 has $samples_2017 samples"
# 2016's provincial results stay in 2016: the units the province assessed
# start 2017 assessed by the city; the three not assessed in 2016 (环保局,
# 国资委, 财政局: doc/domain.md, "Exclusions") are still not assessed.
[ "$(count "SELECT count(*) FROM unit WHERE year_id=$(of_year 2017) AND (status='provincial' OR provincial_total IS NOT NULL)")" = 0 ] ||
	fail "2017 carried over provincial statuses"
[ "$(count "SELECT group_concat(name, ',') FROM (SELECT name FROM unit WHERE year_id=$(of_year 2017) AND status='excluded' ORDER BY name)")" = "国资委,环保局,财政局" ] ||
	fail "2017's units not assessed"
# the teams' pages show the new year's teams
get office /teams
expect_body '县区考核组'
# a year that exists already is refused, and nothing changes
before=$(dump)
post office /admin/year/carry -d year=2017 -d from=2016
expect_status 409 "2017 created twice"
expect_body '2017 年度的考核已经存在'
expect_body '<div class="year">2017 年度'
[ "$(dump)" = "$before" ] || fail "a refused new year changed the file"

# ---- a new year from the built-in template ------------------------------------------------

post office /admin/year/template -d year=2020 -d template=qhd-2016
expect_status 303 "a year from the template"
get office /admin
expect_body '<div class="year">2020 年度'
[ "$(count "SELECT count(*) FROM unit WHERE year_id=$(of_year 2020)")" = 0 ] || fail "the template year has units"
# back to 2016 with the year switch
post office /year -d year=2016
expect_status 303 "switch year"
get office /admin
expect_body '<div class="year">2016 年度'

# The server stops cleanly, without a sanitizer's report (leaks included).
kill "$SERVER_PID" && wait "$SERVER_PID"
SERVER_PID=""
grep -q Sanitizer "$WORK/serve.err" && { fail "the server's sanitizer report"; head -60 "$WORK/serve.err"; }
finish
