#!/bin/sh
# Bad input gets a clear message saying where and what, and leaves the
# database exactly as it was (compared by a full dump before and after).
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/bad.db"
k() { "$KAOHE" "$@"; }
snap() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }

k init --year 2016 >/dev/null || fail "init"
k unit add 甲县 --kind county >/dev/null || fail "unit"
k unit add 甲县交通局 --kind county-department --parent 甲县 --industry 交通 >/dev/null || fail "unit"
k unit add 丙局 --kind department >/dev/null || fail "unit"
k score set 甲县 1.1.4 --count 1 >/dev/null || fail "score"
before=$(snap)

# refused KIND MESSAGE CMD...: exit 1, MESSAGE on stderr, database unchanged.
refused() {
	msg=$1
	shift
	expect_exit 1 "$@"
	expect_text err.txt "$msg"
	[ "$(snap)" = "$before" ] || fail "database changed by: $*"
}

refused "没有名为“丁县”的单位" k score set 丁县 1.1.4 --count 1
refused "未知的考核项编号“9.9”" k score set 甲县 9.9 --count 1
refused "1.1.1 的规则是「未落实扣10分」，应录入情形编号，而不是次数" \
	k score set 甲县 1.1.1 --count 1
refused "1.1.4 的次数 -1 不能为负数" k score set 甲县 1.1.4 --count -1
refused "1.1.1 没有情形 2（只有 1 种情形）" k score set 甲县 1.1.1 --conditions 2
refused "3 的得分 101 超出范围（0 到 100 分）" k score set 甲县 3 --score 101
refused "1.1.3 的扣分 20.5 超出范围（0 到 20 分）" k score set 丙局 1.1.3 --deduct 20.5
refused "属于抽查单位评分表" k score set 甲县 2.2.1.1 --conditions 1
refused "不是甲县的抽查单位" k score set 甲县交通局 2.2.1.1 --conditions 1
refused "由日常考核记录计算" k score set 甲县 5.1 --deduct 2
refused "不是 2016 年内的有效日期" k accident add --unit 甲县 --date 2017-01-02 --deaths 1 --injuries 0 --loss 0
refused "不是 2016 年内的有效日期" k accident add --unit 甲县 --date 2016-02-30 --deaths 1 --injuries 0 --loss 0
refused "不能为负数" k accident add --unit 甲县 --date 2016-05-01 --deaths -1 --injuries 0 --loss 0
refused "没有对应的监管部门" k accident add --unit 甲县 --date 2016-05-01 --deaths 1 --injuries 0 --loss 0 --industry 外星采矿
refused "否决理由不能为空" k veto add 甲县 --cause falsified
refused "已经存在" k unit add 甲县 --kind county
refused "县区部门的上级须是县区" k unit add 丙局科室 --kind county-department --parent 丙局
refused "单位名称“甲/乙”不能含有 / 或" k unit add 甲/乙 --kind county

# Malformed CSV files, each rejected whole with the row (and column).
csv_refused() {
	msg=$1
	file=$2
	refused "$msg" k score import "$file"
	expect_text err.txt "导入失败"
}
printf '单位,编号,次数\n甲县,1.1.5,"2\n' > quote.csv
csv_refused "quote.csv:第2行第3列：引号没有闭合" quote.csv
printf '单位,编号,次数\n甲县,1.1.5,2,9\n' > cols.csv
csv_refused "cols.csv:第2行：有 4 列，表头有 3 列" cols.csv
: > empty.csv
csv_refused "empty.csv：文件为空" empty.csv
printf '单位,编号,次数\n甲县,1.1.5,2\n甲县,1.1.2,1\n甲县,1.1.5,3\n' > dup.csv
csv_refused "dup.csv:第4行：与第2行重复（1.1.5）" dup.csv
printf '\357\273\277单位,编号,次数\n甲县,1.1.5,\377\376\n' > badutf8.csv
csv_refused "badutf8.csv:第2行：文件以 UTF-8 标记开头，但含有无效的 UTF-8 字节" badutf8.csv
printf '\265\245\316\273,\261\340\272\305\n\201\040\n' > badgbk.csv
csv_refused "既不是有效的 UTF-8，也不是有效的 GBK 编码" badgbk.csv
# One good row and two bad ones: all three rows rejected, both problems named.
printf '单位,编号,次数,得分\n甲县,1.1.5,2,\n甲县,1.1.6,x,\n丁县,1.1.7,1,\n' > mixed.csv
csv_refused "mixed.csv:第3行第3列：次数“x”格式不对" mixed.csv
expect_text err.txt "mixed.csv:第4行第1列"
printf '单位,编号,次数,得分\n甲县,1.1.5,2,90\n' > twoforms.csv
csv_refused "须在 次数、情形、扣分、得分、不适用 中恰好填写一项（填了 2 项）" twoforms.csv

# The not-applicable rule, against stored findings and within one file.
k score set 甲县 4.1 --na >/dev/null || fail "na"
before=$(snap)
refused "4.1 已标为不适用，其下的 4.1.1 不能再录入" k score set 甲县 4.1.1 --score 80
printf '单位,编号,得分,不适用\n甲县,4.1.1,80,\n' > under_na.csv
csv_refused "under_na.csv:第2行：4.1 已标为不适用，其下的 4.1.1 不能再录入" under_na.csv
# Within one file, both orders, for a unit with nothing stored under 4.1
# (4.1 非煤矿山 is a group with na: rescale; 4.1.1 lies under it):
# marked not applicable first, then a score below it …
k unit add 戊县 --kind county >/dev/null || fail "unit"
before=$(snap)
printf '单位,编号,得分,不适用\n戊县,4.1,,是\n戊县,4.1.1,80,\n' > in_file.csv
csv_refused "in_file.csv:第3行：4.1 已在第2行标为不适用，其下的 4.1.1 不能再录入" in_file.csv
# … and a score first, then the mark over it.
printf '单位,编号,得分,不适用\n戊县,4.1.1,80,\n戊县,4.1,,是\n' > in_file2.csv
csv_refused "in_file2.csv:第3行：4.1 下已在第2行录入 4.1.1，不能标为不适用" in_file2.csv
k score set 甲县 4.1.1 --score 80 2>/dev/null
k score clear 甲县 4.1 >/dev/null || fail "clear"
k score set 甲县 4.1.1 --score 80 >/dev/null || fail "score 4.1.1"
before=$(snap)
refused "4.1 下已有 4.1.1 的评分，不能标为不适用" k score set 甲县 4.1 --na

# Unknown columns, and accident files that would lose a veto silently.
printf '单位,编号,次数,分数\n甲县,1.1.5,2,\n' > unknown.csv
csv_refused "unknown.csv:第1行第4列：未知的列“分数”" unknown.csv
printf '县区,日期,死亡人数,重伤,损失\n甲县,2016-05-01,5,0,0\n' > acc1.csv
refused "acc1.csv:第1行第3列：未知的列“死亡人数”" k accident import acc1.csv
printf '县区,日期,重伤,损失\n甲县,2016-05-01,0,0\n' > acc2.csv
refused "表头缺少“死亡”列" k accident import acc2.csv
printf '县区,日期,死亡,重伤,损失,瞒报\n甲县,2016-05-01,1,0,0,对\n甲县,2016-05-02,,0,0,\n' > acc3.csv
refused "acc3.csv:第2行第6列：瞒报“对”须是 是 或 否" k accident import acc3.csv
expect_text err.txt "acc3.csv:第3行第3列：死亡“”须是 0 到 100000 的整数"
refused "死亡、重伤人数不能超过 100000" k accident add --unit 甲县 --date 2016-05-01 --deaths 200000 --injuries 0 --loss 0
expect_exit 2 k accident add --unit 甲县 --date 2016-05-01 --deaths 1 --injuries 0 --loss 99999999999999999999
expect_exit 2 k accident add --unit 甲县 --date 2016-05-01 --deaths 1 --loss 0
expect_text err.txt "须写明 --injuries"
refused "不是 2016 年内的有效日期" k accident add --unit 甲县 --date "2016- 7- 1" --deaths 1 --injuries 0 --loss 0

# A refused init leaves no file behind.
expect_exit 1 "$KAOHE" -d fresh.db init --year 2017 --template nosuch
expect_text err.txt "未知的模板“nosuch”"
[ -e fresh.db ] && fail "a refused init created fresh.db"

# A semicolon-separated file gets a hint, not a list of unknown columns.
printf '单位;编号;次数\n甲县;1.1.5;1\n' > semi.csv
csv_refused "semi.csv:第1行：表头只有一列，文件似乎用分号或制表符分隔" semi.csv

# A problem in the header row, two columns for one field, a header alone:
# refused, nothing written.
printf '"单位"x,编号,次数\n甲县,1.1.5,1\n' > hq.csv
csv_refused "hq.csv:第1行第1列：引号后面不能紧跟其他字符" hq.csv
printf '单位,编号,次数,count\n甲县,1.1.5,1,2\n' > twice.csv
csv_refused "twice.csv:第1行第4列：列“count”与第3列“次数”重复" twice.csv
printf '单位,编号,次数\n' > header.csv
csv_refused "header.csv：只有表头，没有数据行" header.csv
# A row refused under the not-applicable rule does not count for later rows.
printf '单位,编号,得分,不适用\n甲县,4.1,,是\n甲县,4.1.1,80,\n' > na2.csv
csv_refused "na2.csv:第2行：4.1 下已有 4.1.1 的评分，不能标为不适用" na2.csv
grep -q "第3行" err.txt && fail "row 3 blamed on a refused row"

# Old Mac files end lines with a lone CR.
printf '单位,编号,次数,备注\r甲县,1.1.6,1,mac\r' > mac.csv
expect_exit 1 k score import mac.csv
expect_text err.txt "mac.csv:第2行第3列：1.1.6 的规则是"
printf '单位,编号,次数,备注\r甲县,1.1.5,1,mac\r' > mac.csv
expect_exit 0 k score import mac.csv

# Excel's empty trailing columns are ignored.
printf '单位,编号,次数,,\r\n甲县,1.1.5,1,,\r\n' > excel.csv
expect_exit 0 k score import excel.csv

# GBK, as Excel writes it on Chinese Windows, is accepted.
printf '单位,编号,次数,备注\n甲县,1.1.5,2,GBK 文件\n' | iconv -f UTF-8 -t GBK > gbk.csv
expect_exit 0 k score import gbk.csv
expect_text out.txt "GBK 编码"
expect_exit 0 k explain 甲县
expect_text out.txt "GBK 文件"

# Usage errors exit 2 and write nothing.
before=$(snap)
expect_exit 2 k score set 甲县 1.1.5
expect_exit 2 k score set 甲县 1.1.5 --count 1 --deduct 2
expect_exit 2 k score set 甲县 1.1.5 --count abc
expect_exit 2 k unit add 戊县
[ "$(snap)" = "$before" ] || fail "usage error changed the database"

# A file that is not a kaohe database, and one from a newer kaohe.
echo "not a database" > junk.db
expect_exit 1 "$KAOHE" -d junk.db results
expect_text err.txt "不是 kaohe 数据库"
cp "$KAOHE_DB" newer.db
sqlite3 newer.db "PRAGMA user_version = 99"
h=$(sha256sum < newer.db)
expect_exit 1 "$KAOHE" -d newer.db results
expect_text err.txt "由更新版本的 kaohe 创建（结构版本 99"
[ "$(sha256sum < newer.db)" = "$h" ] || fail "a newer database was modified"
expect_exit 1 "$KAOHE" -d missing.db results
expect_text err.txt "须先新建考核年度）（kaohe init --year 年度）"
[ -e missing.db ] && fail "opening a missing database created it"
finish
