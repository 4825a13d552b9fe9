#!/bin/sh
# Trustworthy files (issue 10): a file is kaohe's only if it says so, and
# anything else is left byte-identical; backup and export write whole
# files or nothing; texts and numbers from the command line are checked
# and echoed as typed; what kaohe creates is the owner's alone.
. "$(dirname "$0")/lib.sh"
k() { "$KAOHE" "$@"; }
# same FILE HASH: FILE still has the sha256 HASH.
same() {
	[ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ] || fail "$1 was changed"
}
hash() { sha256sum "$1" | cut -d' ' -f1; }
umask 022

# --- A file is kaohe's only if it says so -------------------------------
k -d own.db init --year 2016 >/dev/null || fail "init"
[ "$(sqlite3 own.db 'PRAGMA application_id')" = 1262571336 ] || fail "application_id not set"

sqlite3 foreign.db "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
h=$(hash foreign.db)
expect_exit 1 k -d foreign.db status
expect_text err.txt "不是 kaohe 数据库（是其他程序的 SQLite 文件）；文件未作任何改动"
same foreign.db "$h"
expect_exit 1 k -d foreign.db init --year 2016
same foreign.db "$h"
[ -e foreign.db-wal ] && fail "foreign.db-wal left behind"

# a foreign file that claims a kaohe schema version (once SIGABRT)
sqlite3 claims.db "CREATE TABLE t (x); PRAGMA user_version = 1;"
h=$(hash claims.db)
expect_exit 1 k -d claims.db unit list
expect_text err.txt "不是 kaohe 数据库"
same claims.db "$h"

# a foreign file with another application id
sqlite3 other.db "CREATE TABLE year (x); PRAGMA application_id = 42; PRAGMA user_version = 2;"
h=$(hash other.db)
expect_exit 1 k -d other.db status
expect_text err.txt "不是 kaohe 数据库"
same other.db "$h"

# not an SQLite file at all
printf 'hello, this is text\n' > text.db
h=$(hash text.db)
expect_exit 1 k -d text.db status
expect_text err.txt "不是 SQLite 数据库文件"
same text.db "$h"

# an empty file: refused by every command but init and demo
: > empty.db
expect_exit 1 k -d empty.db status
expect_text err.txt "是空文件，不是 kaohe 数据库（只有新建考核年度时可以在空文件中新建数据库）"
expect_text err.txt "文件未作任何改动（kaohe init --year 年度）"
[ -s empty.db ] && fail "empty.db was written"
expect_exit 0 k -d empty.db init --year 2016
[ "$(sqlite3 empty.db 'PRAGMA application_id')" = 1262571336 ] || fail "init in an empty file"

# a kaohe database from before the application id still opens, and is marked
cp own.db legacy.db
sqlite3 legacy.db "PRAGMA application_id = 0"
expect_exit 0 k -d legacy.db status
[ "$(sqlite3 legacy.db 'PRAGMA application_id')" = 1262571336 ] || fail "legacy file not marked"

# a directory, a missing file, a name too long
mkdir dir.db
expect_exit 1 k -d dir.db status
expect_text err.txt "无法打开数据库 dir.db：这是一个目录，不是数据库文件"
expect_exit 1 k -d missing.db status
expect_text err.txt "文件不存在（须先新建考核年度）（kaohe init --year 年度）"
[ -e missing.db ] && fail "missing.db created by status"
long=$(printf '%0300d' 0)
expect_exit 1 k -d "$long.db" status
expect_text err.txt "文件名过长"
expect_exit 1 k -d nodir/x.db init --year 2016
expect_text err.txt "无法创建数据库 nodir/x.db：目录不存在"

# --- Permissions, whatever the umask -------------------------------------
[ "$(stat -c %a own.db)" = 600 ] || fail "own.db is $(stat -c %a own.db), want 600"

# --- backup ---------------------------------------------------------------
expect_exit 0 k -d own.db backup copy.db
[ "$(stat -c %a copy.db)" = 600 ] || fail "backup is $(stat -c %a copy.db), want 600"
[ "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok ] || fail "backup integrity"
h=$(hash copy.db)
expect_exit 1 k -d own.db backup copy.db
expect_text err.txt "copy.db 已存在，未作改动（确要覆盖，加 --force）"
same copy.db "$h"
expect_exit 0 k -d own.db backup copy.db --force
for t in own.db ./own.db "$WORK/own.db" own.db-wal own.db-shm; do
	expect_exit 1 k -d own.db backup "$t" --force
	expect_text err.txt "这是数据库自身的文件"
done
ln -s own.db link.db
ln own.db hard.db
for t in link.db hard.db; do
	expect_exit 1 k -d own.db backup "$t" --force
	expect_text err.txt "这是数据库自身的文件"
done
[ "$(sqlite3 own.db 'PRAGMA integrity_check')" = ok ] || fail "own.db after refused backups"
ls | grep -q 'tmp-' && fail "temporary files left: $(ls | grep tmp-)"

# --- Extra arguments, empty or contradictory options ----------------------
export KAOHE_DB="$WORK/own.db"
k unit add 甲县 --kind county >/dev/null || fail "unit add"
k unit add 安监局 --kind department >/dev/null || fail "unit add"
expect_exit 2 k version extra
expect_text err.txt "多余的参数“extra”"
expect_exit 2 k status extra
expect_text err.txt "多余的参数“extra”"
expect_exit 2 k help unit extra
audit_rows() { sqlite3 "$KAOHE_DB" "SELECT count(*) FROM audit"; }
n=$(audit_rows)
expect_exit 2 k score set 甲县 1.1.1 --conditions ""
expect_exit 1 k unit edit 甲县
expect_text err.txt "没有要修改的内容"
expect_exit 1 k unit edit 甲县 --name ""
expect_text err.txt "单位名称不能为空"
expect_exit 1 k industry set 不存在的行业 安监局
expect_text err.txt "考核方案中没有行业“不存在的行业”"
expect_exit 1 k accident add --unit 甲县 --date 2016-05-01 --deaths 1 --injuries 0 --loss 0 --concealed --omitted
expect_text err.txt "瞒报、谎报、漏报只能选一种"
expect_exit 1 k sample list 无此县
[ "$(audit_rows)" = "$n" ] || fail "a refused command wrote to the audit log"
expect_exit 0 k industry set 消防 安监局
n=$(audit_rows)

# --- Texts: UTF-8, control characters, length stated ----------------------
bad=$(printf '\377\376')
ctl=$(printf 'a\001b')
nl=$(printf 'a\nb')
expect_exit 1 k unit add "$bad" --kind county
expect_text err.txt "单位名称含有无效的文字编码（须是 UTF-8）"
expect_exit 1 k unit add 乙县 --kind county --industry "$ctl"
expect_text err.txt "行业含有控制字符"
expect_exit 1 k unit add "$nl" --kind county
expect_text err.txt "单位名称含有控制字符（不能换行）"
expect_exit 1 k team add "$bad"
expect_text err.txt "考核组名称含有无效的文字编码"
expect_exit 1 k veto add 甲县 --cause falsified --reason "$bad"
expect_text err.txt "否决理由含有无效的文字编码"
expect_exit 1 k daily task "$ctl" --target county --kind meeting --due 2016-05-01
expect_text err.txt "任务名称含有控制字符"
long_note=$(printf '%0600d' 0)
expect_exit 1 k accident add --unit 甲县 --date 2016-05-01 --deaths 1 --injuries 0 --loss 0 --note "$long_note"
expect_text err.txt "备注过长：600 个字，最多 500 个字"
echo pw-long-enough-1 | k user add "$bad" --role viewer --password-stdin >out.txt 2>err.txt
expect_text err.txt "账号含有无效的文字编码"
echo pw-long-enough-1 | k user add 某人 --role industry --industry "$bad" --password-stdin >out.txt 2>err.txt
expect_text err.txt "行业含有无效的文字编码"
[ "$(audit_rows)" = "$n" ] || fail "a refused text was written"

# --- Numbers echoed as typed ----------------------------------------------
expect_exit 2 k sample draw 甲县 --towns -1
expect_text err.txt "不能是 -1"
expect_exit 2 k score set 甲县 1.1.1 --count 99999999999999999999
expect_text err.txt "选项 --count 的值“99999999999999999999”超出范围"
expect_exit 2 k accident remove 99999999999999999999 --reason 录错
expect_text err.txt "编号“99999999999999999999”太大"
grep -q 9223372036854775807 err.txt && fail "a 20-digit number became LLONG_MAX"

# --- Export: whole or nothing, 0700/0600 ----------------------------------
k demo demo.db >/dev/null || fail "demo"
expect_exit 0 k -d demo.db export out
[ "$(stat -c %a out)" = 700 ] || fail "export dir is $(stat -c %a out), want 700"
[ "$(stat -c %a out/results.csv)" = 600 ] || fail "results.csv mode"
[ "$(stat -c %a out/sheets.csv)" = 600 ] || fail "sheets.csv mode"
# the export says what it was made from, to match a filed copy to the database
grep -q "2016 年度 · .* · 计分于 .* · 审计记录 #[0-9]" out/stamp.txt || fail "stamp.txt: $(cat out/stamp.txt)"
[ "$(stat -c %a out/stamp.txt)" = 600 ] || fail "stamp.txt mode"
expect_exit 0 k -d demo.db export out
ls -a out | grep -q tmp- && fail "temporary files left in out"
# a stale export is refused and creates no directory
k -d demo.db unit edit 昌黎县 --order 99 >/dev/null 2>&1 || fail "unit edit"
expect_exit 1 k -d demo.db export stale
expect_text err.txt "结果已过期"
[ -e stale ] && fail "a refused export created its directory"
k -d demo.db compute >/dev/null 2>&1 || fail "compute"
printf 'x' > notdir
expect_exit 1 k -d demo.db export notdir
expect_text err.txt "已存在且不是目录"

# CSV cells that begin with = + - @ are neutralised (OWASP)
k unit add "=HYPERLINK(1)" --kind county >/dev/null || fail "unit =HYPERLINK"
k unit add "@SUM(1)" --kind department >/dev/null || fail "unit @SUM"
k compute >/dev/null 2>&1
expect_exit 0 k export csv
grep -q "^'=HYPERLINK(1)," csv/results.csv || fail "=HYPERLINK not neutralised"
grep -q "^'@SUM(1)," csv/results.csv || fail "@SUM not neutralised"

# --- A full disk (a 64 KiB tmpfs) -----------------------------------------
mkdir small
if mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
	expect_exit 1 k -d demo.db export small/x
	expect_text err.txt "磁盘已满；未留下任何文件"
	[ -z "$(ls -A small)" ] || fail "a failed export left: $(ls -A small)"
	expect_exit 1 k -d demo.db export small
	[ -z "$(ls -A small)" ] || fail "a failed export left: $(ls -A small)"
	expect_exit 1 k -d demo.db backup small/b.db
	expect_text err.txt "备份失败：磁盘已满"
	[ -z "$(ls -A small)" ] || fail "a failed backup left: $(ls -A small)"
	expect_exit 1 k -d small/new.db init --year 2016
	[ -e small/new.db ] && fail "a failed init left small/new.db"
	umount small
	# a read-only file system: refused, named, untouched
	mount -t tmpfs -o size=4m tmpfs small && cp own.db small/ && h=$(hash small/own.db) &&
		mount -o remount,ro small && {
		expect_exit 1 k -d small/own.db status
		expect_text err.txt "文件系统只读"
		same small/own.db "$h"
	}
	umount small
else
	echo "skip: cannot mount a tmpfs (full-disk and read-only cases not run)"
fi

finish
