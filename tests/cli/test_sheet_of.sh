#!/bin/sh
# Which units have a sheet of their own, said the same way everywhere it is
# asked (core unit_sheet_of): 方案三 "省考核组考核的县区…取省考核结果" —
# a provincial county has no sheet here; a town's findings are part of its
# county's sheet ("每发现一地"). Entering a finding, explain, a sheet
# report and verification all refuse with the one reason.
# Usage: sh tests/cli/test_sheet_of.sh path/to/kaohe
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/d.db"
k() { "$KAOHE" "$@"; }
k demo "$KAOHE_DB" >/dev/null || fail "demo"
k compute >/dev/null || fail "compute"

# 海港区 is assessed by the province in the demo year
for cmd in "score set 海港区 1.1.4 --count 1" "explain 海港区" "report sheet 海港区 --format xlsx -o s.xlsx" \
	"review submit 海港区"; do
	# shellcheck disable=SC2086
	expect_exit 1 k $cmd
	expect_text err.txt "“海港区”由省考核组考核，没有逐项评分表（录入省考核结果即可）"
done
[ -e s.xlsx ] && fail "a refused sheet report left a file"

# 南关街道 is a town of 山海关区: its rows are part of the county's sheet
for cmd in "explain 南关街道" "report sheet 南关街道 --format xlsx -o t.xlsx" "review submit 南关街道"; do
	# shellcheck disable=SC2086
	expect_exit 1 k $cmd
	expect_text err.txt "“南关街道”是乡镇，其评分表是“山海关区”评分表的一部分"
done
finish
