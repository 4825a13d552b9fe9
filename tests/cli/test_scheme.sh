#!/bin/sh
# kaohe scheme list | show | check, driven from outside.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$KAOHE" scheme list
expect_text out.txt "qhd-2016-county"
expect_text out.txt "qhd-2016-department"

# The full county tree as JSON, 1000 points at the root.
expect_exit 0 "$KAOHE" scheme show qhd-2016-county --json
python3 - out.txt <<'PY' || fail "county JSON"
import json, sys
root = json.load(open(sys.argv[1]))
assert root["points"] == 1000, root["points"]
assert [c["points"] for c in root["children"]] == [100, 300, 100, 200, 300]
items = 0
def walk(n, depth):
    global items
    for k in ("code", "title", "points", "children"):
        assert k in n, (k, n.get("code"))
    if depth > 0 and not n["children"]:
        items += 1
        for k in ("text", "method", "rule"):
            assert k in n, (k, n["code"])
        # every item of attachments 2 and 3 has its method (考核方式); 行政执法,
        # the industries and 日常考核 have none in the seed
        if n["code"].split(".")[0] in ("1", "2"):
            assert n["method"], ("method", n["code"])
        assert n["text"], n["code"]
        assert n["rule"]["description"], n["code"]
    for c in n["children"]:
        walk(c, depth + 1)
walk(root, 0)
# attachment 2: 9; attachment 3: 8 + 3 + 1 + 1 + 5 + 7 + 2 + 5 + 3 = 35
# (2.1.1.2 holds two sub-items); 行政执法 1; industries 21 leaves (4.1 has
# coal and non-coal); 日常考核 5.
assert items == 9 + 35 + 1 + 21 + 5, items
PY

expect_exit 0 "$KAOHE" scheme show qhd-2016-department --json
python3 - out.txt <<'PY' || fail "department JSON"
import json, sys
root = json.load(open(sys.argv[1]))
assert root["points"] == 1000
assert [c["points"] for c in root["children"]] == [500, 300, 200]
cats = root["children"][0]["children"]
assert [(c["points"], len(c["children"])) for c in cats] == [(150, 7), (50, 3), (200, 5), (100, 9)]
PY

# The text view restates rules in words.
expect_exit 0 "$KAOHE" scheme show qhd-2016-county
expect_text out.txt "规则：每次扣2分，最高扣10分"
expect_text out.txt "2.2.2  安全生产工作安排部署及组织开展落实情况  60 分"
expect_text out.txt "重建："

# A file with mistakes: every problem, at its line, in line order.
cp "$DATA/bad-scheme.yaml" bad.yaml
expect_exit 1 "$KAOHE" scheme check bad.yaml
cat > want.txt <<'TXT'
bad.yaml:1: 方案的下级分值合计 90，与其分值 100 不符
bad.yaml:7: 1 的下级分值合计 50，与其分值 60 不符
bad.yaml:20: 节点 1.1.1 的规则缺少“each”
bad.yaml:21: 1.1.2 的扣分上限 60 超过所在节点 1.1 的分值 50
bad.yaml:25: 重复的编号“1.1.1”（第 17 行已使用）
bad.yaml:38: 节点 2.1 中未知的键“methd”
bad.yaml:42: “each”的值“0.125”不是有效分值（非负数，最多两位小数）
TXT
cmp -s want.txt err.txt || { fail "scheme check messages"; diff want.txt err.txt; }

# Malformed YAML points at its line.
printf 'scheme: x\ntitle: t\nchildren:\n  - code: "1\n    title: y\n' > broken.yaml
expect_exit 1 "$KAOHE" scheme check broken.yaml
grep -q '^broken.yaml:[0-9]*: YAML 格式错误' err.txt || { fail "malformed YAML"; cat err.txt; }

# Invalid UTF-8 on line 3.
printf 'scheme: x\ntitle: t\nunit: \377\n' > latin.yaml
expect_exit 1 "$KAOHE" scheme check latin.yaml
expect_text err.txt "latin.yaml:3: 不是有效的 UTF-8 编码"

# Anchors and aliases are refused (no billion laughs).
printf 'scheme: &a x\ntitle: *a\n' > alias.yaml
expect_exit 1 "$KAOHE" scheme check alias.yaml
expect_text err.txt "alias.yaml:1: 不支持 YAML 锚点"

# An empty file.
: > empty.yaml
expect_exit 1 "$KAOHE" scheme check empty.yaml
expect_text err.txt "empty.yaml:1: 文件为空"

# The built-in schemes, written out as files, pass the check.
expect_exit 0 "$KAOHE" scheme check "$TOP/schemes/qhd-2016-county.yaml" "$TOP/schemes/qhd-2016-department.yaml"

# Unknown names and wrong usage.
expect_exit 1 "$KAOHE" scheme show no-such-scheme
expect_text err.txt "没有名为“no-such-scheme”的内置方案"
expect_exit 1 "$KAOHE" scheme check missing.yaml
expect_text err.txt "missing.yaml: 无法打开文件"
expect_exit 2 "$KAOHE" scheme show
expect_exit 2 "$KAOHE" frobnicate
expect_text err.txt "未知的命令“frobnicate”"
expect_exit 0 "$KAOHE" help
expect_text out.txt "scheme check"

finish
