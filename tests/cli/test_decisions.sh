#!/bin/sh
# What must never reach an approved, locked year: a unit left out of the
# results, a grade above what its vetoes allow, stale results; and JSON a
# strict reader can trust.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/dec.db"
k() { "$KAOHE" "$@"; }

k init --year 2016 >/dev/null || fail "init"
for u in 甲县 乙县; do k unit add $u --kind county >/dev/null || fail "unit $u"; done
k unit add 安监局 --kind department >/dev/null || fail "unit"
k unit add 水务局 --kind department >/dev/null || fail "unit"
industries() {
	echo "单位,编号,得分"
	for c in 3 4.1.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 4.12 4.13 4.14 4.15 4.16 4.17 4.18 4.19 4.20; do
		echo "$1,$c,95"
	done
}
for u in 甲县 乙县; do
	industries $u > $u.csv
	k score import $u.csv >/dev/null || fail "import $u"
	# 部门工作 and 企业工作 are scored on sampled units (方案四（二）: 抽查1-2个乡镇、
	# 2-3个部门、2-3家企业): a town, two county departments, two enterprises
	k unit add ${u}一镇 --kind town --parent $u >/dev/null
	k unit add ${u}交通局 --kind county-department --parent $u --industry 交通 >/dev/null
	k unit add ${u}建设局 --kind county-department --parent $u --industry 建设 >/dev/null
	k unit add ${u}示例化工有限公司 --kind enterprise --parent $u --industry 危险化学品 >/dev/null
	k unit add ${u}示例建材有限公司 --kind enterprise --parent $u --industry 冶金建材 >/dev/null
	k sample set $u ${u}一镇 ${u}交通局 ${u}建设局 ${u}示例化工有限公司 ${u}示例建材有限公司 \
		>/dev/null || fail "sample $u"
done
expect_exit 0 k compute
expect_exit 0 k results --json
cp out.txt first.json

# A unit whose findings cannot be scored makes compute fail whole: every
# industry not applicable leaves 行业专项 nothing to score.
{
	echo "单位,编号,不适用"
	for c in 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 4.12 4.13 4.14 4.15 4.16 4.17 4.18 4.19 4.20; do
		echo "乙县,$c,是"
	done
} > allna.csv
k score clear 乙县 >/dev/null
k score set 乙县 3 --score 90 >/dev/null
expect_exit 0 k score import allna.csv
before=$(sqlite3 "$KAOHE_DB" "SELECT group_concat(unit_id || ':' || total) FROM result_unit")
expect_exit 1 k compute
expect_text err.txt "乙县：4（行业专项）的下级全部不适用，无法计分"
expect_text err.txt "原有结果保持不变"
[ "$(sqlite3 "$KAOHE_DB" "SELECT group_concat(unit_id || ':' || total) FROM result_unit")" = "$before" ] \
	|| fail "a failed compute changed the results"
expect_exit 1 k approve
expect_text err.txt "须先重新计分再审定（运行 kaohe compute）"
k score clear 乙县 4.5 >/dev/null
k score set 乙县 4.5 --score 90 >/dev/null
expect_exit 0 k compute

# A decision with a reason does not survive a later veto.
expect_exit 0 k grade set 水务局 优秀
expect_exit 0 k veto add 水务局 --cause falsified --reason 提供虚假会议记录
expect_exit 0 k compute
expect_exit 1 k approve
expect_text err.txt "已确定的档次高于否决所允许的档次，须重新确定：水务局（最高良好）"
expect_exit 1 k grade set 水务局 优秀 --reason 集体研究
expect_text err.txt "受否决，档次最高为良好"
expect_exit 0 k grade set 水务局 良好
expect_exit 0 k results
expect_text out.txt "弄虚作假的（提供虚假会议记录）"

# Renaming a department keeps the industries it supervises.
expect_exit 0 k unit edit 安监局 --name 应急管理局
expect_exit 0 k industry list
expect_text out.txt "危险化学品      应急管理局"
expect_exit 0 k accident add --unit 甲县 --date 2016-03-01 --deaths 1 --injuries 0 --loss 0 --industry 危险化学品
expect_text out.txt "计入 甲县 和 应急管理局"

# The daily rule changes only what is given.
expect_exit 0 k daily rule late --per-day 2
expect_exit 0 k audit
expect_text out.txt "原：县区日常考核：迟报每次扣 0 分，每天扣 1 分  新：县区日常考核：迟报每次扣 0 分，每天扣 2 分"
expect_text out.txt "原：安委办日常考核：迟报每次扣 0 分，每天扣 1 分  新：安委办日常考核：迟报每次扣 0 分，每天扣 2 分"
expect_exit 2 k daily rule absent

# Stale results are not exported.
expect_exit 1 k export out
expect_text err.txt "结果已过期"
expect_exit 0 k compute

# Mistakes made under a deadline: the same accident twice, a sampled unit
# moved to another county, a typo for a department, a name with spaces,
# a grade for a town.
expect_exit 1 k accident add --unit 甲县 --date 2016-03-01 --deaths 1 --injuries 0 --loss 0 --industry 危险化学品
expect_text err.txt "与已记录的第 1 号事故完全相同"
expect_exit 1 k unit edit 甲县交通局 --parent 乙县
expect_text err.txt "已是甲县的抽查单位"
expect_exit 1 k industry set 建筑施工 交通
expect_text err.txt "没有名为“交通”的单位"
expect_exit 0 k unit add " 丙县　" --kind county
expect_exit 0 k unit list --kind county --json
python3 - out.txt <<'PY' || fail "name not trimmed"
import json, sys
assert "丙县" in [u["name"] for u in json.load(open(sys.argv[1]))]
PY
k unit add 丙镇 --kind town --parent 丙县 >/dev/null
expect_exit 1 k grade set 丙镇 优秀
expect_text err.txt "“丙镇”是乡镇，不单独评定档次"
expect_exit 1 k audit 丙
expect_text err.txt "没有名为“丙”的单位，是否指"
# 丙县 has no 行政执法 or industry scores: compute names what is missing,
# and approval refuses it even with a decision.
expect_exit 0 k compute
expect_text out.txt "丙县：结果未完成，缺少 2.2、2.3、3、4.1.1"
expect_exit 0 k grade set 丙县 合格 --reason 集体研究
expect_exit 0 k results
expect_text out.txt "丙县"
expect_text out.txt "【未完成】"
expect_exit 1 k approve
expect_text err.txt "没有考核结果、结果未完成或没有档次，不能审定：丙县"
expect_exit 0 k status
expect_text out.txt "抽查对象不全：乡镇 0 个（须 1–2 个）、县区部门 0 个（须 2–3 个）、企业 0 个（须 2–3 个）；录入缺少的评分：2.2、2.3、3、4.1.1"
expect_text out.txt "甲县                    就绪"

# A unit registered by mistake is removed on the record; one in use is not.
expect_exit 0 k unit add 误加县 --kind county
expect_exit 1 k unit remove 误加县
expect_text err.txt "删除原因不能为空"
expect_exit 0 k unit remove 误加县 --reason 登记错误
expect_exit 1 k unit remove 甲县 --reason 试试
expect_text err.txt "“甲县”已有下属单位 5 条、评分记录"
expect_exit 0 k audit 误加县
expect_text out.txt "unit.remove"
expect_text out.txt "登记错误"

# JSON without duplicate keys, as a strict reader sees it.
for args in "results --json" "explain 甲县 --json" "scheme show qhd-2016-county --json"; do
	# shellcheck disable=SC2086
	k $args > j.json || fail "$args"
	python3 - j.json <<'PY' || fail "duplicate keys in: $args"
import json, sys
def strict(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    assert not dup, dup
    return dict(pairs)
json.load(open(sys.argv[1]), object_pairs_hook=strict)
PY
done
k explain 甲县 --json > j.json
python3 - j.json <<'PY' || fail "explain JSON shape"
import json, sys
j = json.load(open(sys.argv[1]))
def walk(n, per_sheet=False):
    assert "score" in n, n["code"]
    if per_sheet:
        assert n["score"] is None and n["per_sheet"], n["code"]
    elif n["code"]:
        assert isinstance(n["score"], (int, float)), n["code"]
    for c in n["children"]:
        walk(c, per_sheet or n.get("scoring") == "sheets")
walk(j)
assert j["unit"] == "甲县" and j["unit_kind"] == "county"
PY
finish
