#!/bin/sh
# The record page (issue 8): every change of a unit or of one item, by
# whom, when, the old and the new value and the reason; the office sees
# the whole year (with the year's own rows) and checks the hash chain; a
# team sees only its units; the viewer and the units see none of it.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
k() { "$KAOHE" "$@"; }
dump() { sqlite3 "$KAOHE_DB" "SELECT * FROM audit ORDER BY seq" | sha256sum; }

for role in office leader member industry unit viewer; do login $role; done

# A member of 县区考核组 enters 1.1.4 for 昌黎县 on its sheet (2 times missed), then
# corrects it to 1; the office records a decision with a reason.
post member /sheet/昌黎县/finding -d code=1.1.4 -d count=2
expect_status 303 "first entry"
post member /sheet/昌黎县/finding -d code=1.1.4 -d count=1 -d note="见会议记录"
expect_status 303 "correction"
today=$(date +%Y年%-m月%-d日)

# ---- one item of a unit ----
get member "/history?unit=昌黎县&code=1.1.4"
expect_status 200 "the item's record"
expect_body "<h1>昌黎县 1.1.4 的修改记录</h1>"
expect_body "共 2 条记录"
python3 - out.html "$today" <<'PY' || fail "the item's rows"
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
body = page[page.index('<table class="grid history">'):]
rows = [[html.unescape(re.sub(r'<[^>]+>', '', c)).strip() for c in re.findall(r'<td[^>]*>(.*?)</td>', tr, re.S)]
        for tr in re.findall(r'<tr>(.*?)</tr>', body, re.S) if '<td' in tr]
# 序号 时间 操作人 操作 对象 原值 新值 理由; newest first
assert len(rows) == 2, rows
new, old = rows
assert int(new[0]) > int(old[0]), rows
for r in rows:
    assert r[1].startswith(sys.argv[2]), r      # when, in local words
    assert r[2] == "组员" and r[3] == "录入评分" and r[4] == "1.1.4", r
assert old[5] == "" and old[6].startswith("2 次"), old
assert new[5].startswith("2 次") and new[6] == "1 次（见会议记录）", new
PY
expect_no_body ">1.1.7<"

# ---- a unit: every item, links to each item's record and to the sheet ----
get member "/history?unit=昌黎县"
expect_status 200 "the unit's record"
expect_body '<a href="/history?unit=%E6%98%8C%E9%BB%8E%E5%8E%BF&amp;code=1.1.4">1.1.4</a>'
expect_body '<a href="/sheet/%E6%98%8C%E9%BB%8E%E5%8E%BF">昌黎县 评分表</a>'
expect_no_body 'action="/history/verify"'
# a sampled enterprise of 昌黎县 counts towards 昌黎县: the team reads its record
sampled=$(sqlite3 "$KAOHE_DB" "SELECT u.name FROM sample s JOIN unit u ON u.id = s.unit_id
	JOIN unit c ON c.id = s.county_id WHERE c.name = '昌黎县' AND u.kind = 'enterprise' LIMIT 1")
[ -n "$sampled" ] || fail "no sampled enterprise of 昌黎县"
get member "/history?unit=$sampled"
expect_status 200 "a sampled unit of the team's county"

# ---- a team: only its units; no unit named: its units to choose from ----
before=$(dump)
get member "/history?unit=安监局"
expect_status 403 "a department is 部门考核组's"
get member /history
expect_status 200 "a member without a unit"
expect_body "只能查看本考核组考核范围内单位的修改记录"
expect_body '<a href="/history?unit=%E6%98%8C%E9%BB%8E%E5%8E%BF">昌黎县</a>'
expect_no_body '<a href="/history?unit=%E5%AE%89%E7%9B%91%E5%B1%80">'
expect_no_body "<table"

# ---- not for the viewer, the unit, the scorers ----
for role in viewer unit industry; do
	get $role "/history?unit=昌黎县"
	expect_status 403 "$role reads the record"
	get $role /history
	expect_status 403 "$role reads the year's record"
done
get member "/history?unit=没有这个单位"
expect_status 404 "an unknown unit"
[ "$(dump)" = "$before" ] || fail "reading the record changed it"

# ---- the office: the whole year, with the year's own rows, in pages ----
post office /results/compute
expect_status 303 "compute"
get office /history
expect_status 200 "the year's record"
expect_body "<h1>2016 年度的全部修改记录</h1>"
expect_body '<td class="hint">（年度）</td>'
expect_body "<td class=\"short\">计分</td>"
rows=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM audit WHERE year IN (0, 2016)")
pages=$(( (rows + 199) / 200 ))
expect_body "共 $rows 条记录，最新的在前；第 1 页，共 $pages 页"
expect_body 'page=2">较早的记录 →</a>'
get office "/history?page=$pages"
expect_body "<tr><td class=\"num\">1</td>"
expect_body "← 较新的记录"

# ---- checking the chain ----
post member /history/verify
expect_status 403 "a member checks the chain"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" -X POST "$BASE/history/verify")
expect_status 403 "no CSRF token"
post office /history/verify
expect_status 303 "verify"
get office /history
all=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM audit")
k audit --verify > verify.txt || fail "audit --verify"
head=$(sed -n 's/.*链尾校验值 \([0-9a-f]\{64\}\).*/\1/p' verify.txt)
expect_body "审计记录完整：共 $all 条，链尾校验值 $head"
expect_body "各表和结果与审计记录一致"
# A finding changed behind kaohe's back is named.
sqlite3 "$KAOHE_DB" "UPDATE finding SET value = value + 1 WHERE code = (SELECT min(code) FROM finding)"
post office /history/verify
expect_status 303 "verify after an edit"
get office /history
expect_body "与审计记录不符"
# A row altered behind kaohe's back breaks the chain, and the page says so.
sqlite3 "$KAOHE_DB" "DROP TRIGGER audit_append_only_update;
	UPDATE audit SET new = '0 次' WHERE seq = (SELECT max(seq) FROM audit WHERE target = '1.1.4')"
post office /history/verify
expect_status 409 "a broken chain"
expect_body "审计记录校验失败"
finish
