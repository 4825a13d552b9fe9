#!/bin/sh
# A unit's place in the official order (顺序) is checked once, in the core
# (unit_order_parse), with the same bounds on unit add, unit edit and unit
# import (issue 7): a whole number from 1 to 1000000, typed in ASCII or
# full-width digits. The command line, the web form and the import once
# each stated the bound themselves. A refusal changes nothing.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/o.db"
k() { "$KAOHE" "$@"; }
snap() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }

k init --year 2016 >/dev/null || fail "init"
k unit add 甲县 --kind county >/dev/null || fail "unit add"
before=$(snap)

# refused MESSAGE CMD...: exit 1, MESSAGE on stderr, nothing changed.
refused() {
	msg=$1
	shift
	expect_exit 1 "$@"
	expect_text err.txt "$msg"
	[ "$(snap)" = "$before" ] || fail "database changed by: $*"
}

refused "顺序须是 1 到 1000000 之间的整数，不能是 0" k unit add 乙县 --kind county --order 0
refused "顺序须是 1 到 1000000 之间的整数，不能是 -3" k unit add 乙县 --kind county --order -3
refused "顺序须是 1 到 1000000 之间的整数，不能是 1000001" k unit add 乙县 --kind county --order 1000001
refused "顺序须是 1 到 1000000 之间的整数，不能是 0" k unit edit 甲县 --order 0
refused "顺序须是 1 到 1000000 之间的整数，不能是 1000001" k unit edit 甲县 --order 1000001
printf '名称,类型,顺序\n乙县,county,2\n丙县,county,0\n丁县,county,1000001\n' > units.csv
refused "units.csv:第3行第3列：顺序须是 1 到 1000000 之间的整数，不能是 0" k unit import units.csv
expect_text err.txt "units.csv:第4行第3列：顺序须是 1 到 1000000 之间的整数，不能是 1000001"
grep -q "第2行" err.txt && fail "row 2 (order 2) blamed"

# The bounds themselves are taken, on every path; full-width digits too.
expect_exit 0 k unit edit 甲县 --order 1000000
expect_exit 0 k unit edit 甲县 --order 5
expect_exit 0 k unit add 乙县 --kind county --order "３"
printf '名称,类型,顺序\n丙县,county,1\n丁县,county,\n' > good.csv
expect_exit 0 k unit import good.csv
expect_exit 0 k unit list --kind county --json
python3 - <<'EOF' || fail "orders as typed, and after the last where none was typed"
import json
units = {u["name"]: u for u in json.load(open("out.txt", encoding="utf-8"))}
order = {n: units[n]["order"] for n in units}
# 甲县 5, 乙县 3, 丙县 1; 丁县 typed none: after the last of its kind, 5 + 1
assert order["甲县"] == 5, order
assert order["乙县"] == 3, order
assert order["丙县"] == 1, order
assert order["丁县"] == 6, order
EOF
finish
