#!/bin/sh
# Long text a person wrote is kept and shown whole, never cut short and
# never cut in the middle of a character (issue 7, "no silent truncation
# anywhere"): a 260-character decision reason through results --json, a
# long node code in scheme check's messages, a long 分值 in a draft's
# remark.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/t.db"
k() { "$KAOHE" "$@"; }

# valid_utf8 FILE: the whole file decodes as UTF-8.
valid_utf8() {
	python3 -c "import sys; open(sys.argv[1], 'rb').read().decode('utf-8')" "$1" 2>/dev/null ||
		fail "$1 is not valid UTF-8"
}

# 1. The issue's reproduction: a 260-character reason (26 × the ten
# characters 安全生产目标考核理由) was cut mid-character and made
# results --json print invalid UTF-8.
reason=$(python3 -c "print('安全生产目标考核理由' * 26)")
[ "$(printf '%s' "$reason" | python3 -c "import sys; print(len(sys.stdin.read()))")" = 260 ] ||
	fail "the reason is not 260 characters"
k init --year 2016 >/dev/null || fail "init"
k unit add 甲县 --kind county >/dev/null || fail "unit add"
k compute >/dev/null || fail "compute"
expect_exit 0 k grade set 甲县 合格 --reason "$reason"
expect_exit 0 k results --json
valid_utf8 out.txt
python3 - "$reason" <<'EOF' || fail "results --json does not carry the 260-character reason whole"
import json, sys
want = sys.argv[1]
found = []
def walk(x):
    if isinstance(x, dict):
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
    elif isinstance(x, str) and "考核理由" in x:
        found.append(x)
walk(json.load(open("out.txt", encoding="utf-8")))
sys.exit(0 if found and all(f == want for f in found) else 1)
EOF
expect_exit 0 k results
valid_utf8 out.txt
expect_text out.txt "$reason"

# 2. scheme check names a node by its code: a code of 40 Chinese
# characters (120 bytes) was cut at 96 bytes, inside a character.
code=$(python3 -c "print('非煤矿山安全生产' * 5)")
cat > long_code.yaml <<EOF
scheme: long-code
title: 测试
unit: county
year: 2016
points: 10
children:
  - code: "$code"
    title: 甲
    text: 未落实扣10分
    points: 10
    bogus: 1
    rule: {type: judged, max: 10}
EOF
expect_exit 1 k scheme check long_code.yaml
valid_utf8 err.txt
expect_text err.txt "节点 $code 中未知的键“bogus”"

# … and a node's defaults the same way.
cat > long_defaults.yaml <<EOF
scheme: long-defaults
title: 测试
unit: county
year: 2016
points: 10
children:
  - code: "$code"
    title: 甲
    points: 10
    score: deduct
    defaults: {rule: {type: judged, max: 10}, bogus: 1}
    children:
      - {code: "1.1", title: 乙, text: 未落实扣10分, points: 10}
EOF
expect_exit 1 k scheme check long_defaults.yaml
valid_utf8 err.txt
expect_text err.txt "节点 $code 的 defaults中未知的键“bogus”"

# 3. scheme draft's remark on a 分值 it cannot read quoted 120 bytes of it,
# which after one ASCII letter ends inside a character, so the draft
# written was invalid UTF-8 and refused by scheme check for its encoding.
points="a$(python3 -c "print('一' * 41)")分"
printf '编号,考核项目,分值,考核内容及评分标准,考核方式\n1,甲,%s,未落实扣10分,查资料\n' "$points" > table.csv
expect_exit 0 k scheme draft table.csv -o draft.yaml
valid_utf8 draft.yaml
expect_text draft.yaml "分值“$points”不是有效分值，请核对"
expect_exit 1 k scheme check draft.yaml
expect_text err.txt "草稿标记未处理"
grep -q "UTF-8" err.txt && fail "the draft is refused for its encoding"

finish
