#!/bin/sh
# A document that cannot be written is said in Chinese, naming the file
# asked for (issue 10, point 7: "SQLite's and the C library's English text
# is appended to Chinese messages (map them …)"). The chart writers
# (cairo: PNG, PDF; SVG) and the scoring template (libxlsxwriter) once
# answered "无法写入 nodir/c.png.1234.tmp：error while writing to output
# stream" and "Error creating output xlsx file. Usually a permissions
# error." Every refusal exits 1, leaves no file, and its message is
# "kaohe: 无法写入 FILE：<Chinese>" with no ASCII word in the reason.
. "$(dirname "$0")/lib.sh"
k() { "$KAOHE" "$@"; }

k demo d.db >/dev/null || fail "demo"
k -d d.db compute >/dev/null || fail "compute"
mkdir ro && chmod 555 ro

# refused FILE REASON CMD...: exit 1, the message, nothing left.
refused() {
	file=$1 why=$2
	shift 2
	expect_exit 1 "$@"
	expect_line err.txt "kaohe: 无法写入 $file：$why"
	LC_ALL=C grep -q 'tmp\|[A-Za-z][a-z][a-z]* [a-z]' err.txt && { fail "English or a temporary name: $*"; cat err.txt; }
	[ ! -e nodir ] && [ -z "$(ls -A ro)" ] || fail "left a file: $*"
}

for ext in svg png pdf; do
	refused nodir/c.$ext 文件不存在 k -d d.db report chart totals -o nodir/c.$ext
done
refused nodir/t.xlsx 文件不存在 k -d d.db template xlsx -o nodir/t.xlsx
# as root a 0555 directory is writable: only where permissions hold
if [ "$(id -u)" != 0 ]; then
	refused ro/c.png 没有访问权限 k -d d.db report chart totals -o ro/c.png
	refused ro/t.xlsx 没有访问权限 k -d d.db template xlsx -o ro/t.xlsx
fi

# and where they can be written, they are
expect_exit 0 k -d d.db report chart totals -o c.png
expect_exit 0 k -d d.db template xlsx -o t.xlsx
[ -s c.png ] && [ -s t.xlsx ] || fail "documents not written"
finish
