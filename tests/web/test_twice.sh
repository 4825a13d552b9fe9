#!/bin/sh
# A form sent twice (issue 8: "a double submission never recorded twice"):
# a double click, a reload that posts again, the sheet's script saving on
# Enter and again when the field is left. Each second send records
# nothing: a finding, an uploaded file, a link, an accident, an objection
# and its evidence file. The same bytes under another name or item are
# another material.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
count() { sqlite3 "$KAOHE_DB" "$1"; }
audits() { count "SELECT count(*) FROM audit"; }
# twice ROLE PATH ARGS…: the same form post twice; the second's status in $status
twice() { post "$@"; first=$status; post "$@"; [ "$first" = 303 ] || fail "the first send of $2: $first"; }
# post_form ROLE PATH ARGS…: a multipart post (curl -F) with the CSRF token
post_form() {
	role=$1 path=$2
	shift 2
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$role" -F "_csrf=$(cat "$WORK/csrf.$role")" \
		"$@" "$BASE$(url "$path")")
}
# twice_form ROLE PATH ARGS…: the same multipart post twice, each answered 303
twice_form() {
	_role=$1 _path=$2
	shift 2
	for _ in 1 2; do
		post_form "$_role" "$_path" "$@"
		[ "$status" = 303 ] || fail "$_path sent: $status"
	done
}
login member
login unit
login office

# A finding (1.1.4 "每少落实1次，扣5分", 2 times) as the script sends it twice.
n=$(audits)
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=2
post_json member /sheet/昌黎县/finding -d code=1.1.4 -d count=2
expect_status 200 "the second save"
[ "$(audits)" = $((n + 1)) ] || fail "a finding sent twice was recorded $(($(audits) - n)) times"

# A file for 1.1.4, twice: one material, one record.
printf '党委常委会会议记录\n' > 记录.txt
n=$(audits)
twice_form unit /materials/昌黎县/upload -F code=1.1.4 -F "file=@记录.txt"
[ "$(count "SELECT count(*) FROM material WHERE name='记录.txt'")" = 1 ] || fail "a file sent twice is two materials"
[ "$(audits)" = $((n + 1)) ] || fail "a file sent twice was recorded $(($(audits) - n)) times"
# The same bytes for another item, or under another name, are another material.
twice_form unit /materials/昌黎县/upload -F code=1.1.5 -F "file=@记录.txt"
cp 记录.txt 记录副本.txt
twice_form unit /materials/昌黎县/upload -F code=1.1.4 -F "file=@记录副本.txt"
[ "$(count "SELECT count(*) FROM material WHERE name LIKE '记录%'")" = 3 ] ||
	fail "the same bytes for another item or under another name: $(count "SELECT count(*) FROM material WHERE name LIKE '记录%'") materials, want 3"

# A link, twice.
twice unit /materials/昌黎县/link -d code=1.1.5 -d title=调研记录 -d url=http://oa.example/doc/1
[ "$(count "SELECT count(*) FROM material WHERE link='http://oa.example/doc/1'")" = 1 ] || fail "a link sent twice is two"

# An accident, twice: the second is refused as the same accident.
twice office /accidents -d unit=昌黎县 -d date=2016-05-05 -d deaths=0 -d injuries=1 -d loss=1000
expect_status 409 "the same accident again"
[ "$(count "SELECT count(*) FROM accident WHERE date='2016-05-05'")" = 1 ] || fail "an accident sent twice is two"

# A daily task, twice: one task, one record; another due date is another.
n=$(audits)
twice office /daily --data-urlencode title=专题安全会议 -d target=county -d kind=meeting -d due=2016-09-09
[ "$(count "SELECT count(*) FROM daily_task WHERE title='专题安全会议'")" = 1 ] || fail "a daily task sent twice is two"
[ "$(audits)" = $((n + 1)) ] || fail "a daily task sent twice was recorded $(($(audits) - n)) times"
post office /daily --data-urlencode title=专题安全会议 -d target=county -d kind=meeting -d due=2016-10-10
[ "$(count "SELECT count(*) FROM daily_task WHERE title='专题安全会议'")" = 2 ] || fail "a task on another day was not registered"

# An objection with an evidence file, twice (published, within the period).
k() { "$KAOHE" "$@" >/dev/null || fail "kaohe $*"; }
k compute
k approve
k consent --date 2017-02-10 --ref 秦政函〔2017〕12号
k publish
k objection period 2000-01-01 2999-12-31
printf '会议纪要\n' > 纪要.txt
twice_form unit /objections -F unit=昌黎县 -F code=1.1.4 -F text=已提供会议纪要 -F evidence=第3次常委会会议纪要 -F "file=@纪要.txt"
[ "$(count "SELECT count(*) FROM objection")" = 1 ] || fail "an objection sent twice is $(count "SELECT count(*) FROM objection")"
[ "$(count "SELECT count(*) FROM material WHERE objection_id IS NOT NULL")" = 1 ] || fail "its evidence sent twice is two files"
# Another objection on the item, with other words, is another.
post_form unit /objections -F unit=昌黎县 -F code=1.1.4 -F text=另一理由 -F evidence=另一证据
[ "$(count "SELECT count(*) FROM objection")" = 2 ] || fail "another objection on the same item was not filed"
id=$(count "SELECT min(id) FROM objection")
twice_form unit "/objections/$id/evidence" -F "file=@纪要.txt"
[ "$(count "SELECT count(*) FROM material WHERE objection_id=$id")" = 1 ] || fail "more evidence sent twice is two files"
# The office's answer, twice: one record; another answer replaces it, recorded.
n=$(audits)
twice office "/objections/$id/answer" -d outcome=upheld --data-urlencode answer=经核实，维持原评分
[ "$(audits)" = $((n + 1)) ] || fail "an answer sent twice was recorded $(($(audits) - n)) times"
post office "/objections/$id/answer" -d outcome=upheld --data-urlencode answer=经再次核实，维持原评分
[ "$(audits)" = $((n + 2)) ] || fail "a changed answer was not recorded"
[ "$(count "SELECT answer FROM objection WHERE id=$id")" = 经再次核实，维持原评分 ] || fail "the changed answer was not kept"
finish
