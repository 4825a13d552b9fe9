#!/bin/sh
# A finding of several figures saved through the sheet page (issue 11):
# the row of a `clauses` item shows one text field with the hint of what
# to type; a save with the CSRF token stores the figures and the row is
# recomputed; a refused value, or a save without the token, changes
# nothing.
. "$(dirname "$0")/lib.sh"
SCHEME="$TOP/tests/cli/data/forms-input.yaml"
"$KAOHE" init --year 2017 --county-scheme "$SCHEME" >/dev/null || fail "init"
"$KAOHE" unit add 甲区 --kind county >/dev/null || fail "unit add"
echo $PASSWORD | "$KAOHE" user add 办公室 --role office --password-stdin >/dev/null || fail "user add"
start_server || finish
dump() { sqlite3 "$KAOHE_DB" "SELECT * FROM finding ORDER BY 1,2,3" | sha256sum; }
stored() { sqlite3 "$KAOHE_DB" "SELECT form || ' ' || ifnull(figures, '') FROM finding WHERE code = '$1'"; }

login office
get office /sheet/甲区
expect_status 200 "the sheet"
# 1.1 "未建立安全生产台账的不得分；台账不全的每缺一项扣1分；未及时更新的扣2分": one field, and
# the hint names the three clauses in order.
expect_body 'name="figures"'
expect_body "按顺序填 3 个数，用分号分隔：第1条（未建立台账） 有填 1，无填 0；第2条（台账不全） 项数；第3条（未及时更新） 有填 1，无填 0"
# 2.1 "培训覆盖率达到100%得满分，每降低1个百分点扣0.5分"
expect_body "填 分子/分母，如 95/100"

# 1.1: ledgers exist, 3 items missing, not kept up to date:
# 0 + 3 × 1 + 2 = 5 of 10 → 扣 5 分 (typed with a full-width semicolon).
post_json office /sheet/甲区/finding -d code=1.1 --data-urlencode 'figures=0；3;1'
expect_status 200 "save as the script does"
expect_body '"saved":true'
[ "$(stored 1.1)" = "figures 0;3;1" ] || fail "1.1 not stored as 0;3;1: $(stored 1.1)"
get office /sheet/甲区/rows
python3 - out.html <<'PY' || fail "the recomputed row of 1.1"
import json, sys
d = json.load(open(sys.argv[1]))
assert any("第 2 条（台账不全）：3 项 × 1 分 = 3 分" in r["deduction"] and "合计 5 分 → 扣 5 分" in r["deduction"]
           for r in d["rows"].values()), d
# 基础管理 40 − 5 = 35; nothing else found: total 100 − 5 = 95
assert d["total"] == "95", d["total"]
PY

# Without the script: 2.1 "95/100" is 95%, 5 points below 100% × 0.5 = 2.5.
post office /sheet/甲区/finding -d code=2.1 --data-urlencode 'figures=95/100'
expect_status 303 "a form post"
[ "$(stored 2.1)" = "figures 95/100" ] || fail "2.1 not stored: $(stored 2.1)"

# Refused: 1.2 "每处扣0.5—2分": 2.5 for one place is outside the range; the
# message names the item and the amount; the typed value comes back.
before=$(dump)
post office /sheet/甲区/finding -d code=1.2 --data-urlencode 'figures=1;2.5'
expect_status 422 "an amount outside the range"
expect_body "1.2 的扣分 2.5 超出范围：每处扣 0.5—2 分"
expect_body 'value="1;2.5"'
[ "$(dump)" = "$before" ] || fail "a refused save changed the findings"
# … and 1.1 with two figures for three clauses
post_json office /sheet/甲区/finding -d code=1.1 -d 'figures=0;3'
expect_status 422 "too few figures"
[ "$(dump)" = "$before" ] || fail "a refused save changed the findings"

# Without the CSRF token: refused, nothing stored.
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.office" --data-urlencode 'code=1.2' \
	--data-urlencode 'figures=1' "$BASE/sheet/$(url 甲区)/finding")
expect_status 403 "no CSRF token"
[ "$(dump)" = "$before" ] || fail "a save without the token changed the findings"

"$KAOHE" audit --verify > verify.txt 2>&1 || fail "audit --verify after figures saves: $(cat verify.txt)"
finish
