#!/bin/sh
# The materials pages (资料, issue 8): the units each role may see with
# their counts; a unit's checklist from the items' methods; files uploaded
# with curl -F (several at once) and downloaded back byte for byte, always
# as an attachment; links; removal; all of a unit's materials as one ZIP
# with a folder per item. Refusals (another unit, another team's unit, a
# role without materials, a bad item or link, an empty choice, a file over
# the limit, a missing CSRF token) change nothing.
. "$(dirname "$0")/lib.sh"
setup_year
start_server || finish
for r in $ROLES; do login "$r"; done
k() { "$KAOHE" "$@"; }

# The database and the stored files, to compare before and after a refusal.
dump() { { sqlite3 "$KAOHE_DB" .dump; find "$KAOHE_DB.files" -type f 2>/dev/null | sort; } | sha256sum; }
# post_form ROLE PATH ARGS…: a multipart POST (curl -F) with the CSRF token.
post_form() {
	role=$1
	path=$2
	shift 2
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$role" -c "$WORK/jar.$role" \
		-F "_csrf=$(cat "$WORK/csrf.$role")" "$@" "$BASE$(url "$path")")
}
# download ROLE PATH FILE: GET into FILE, headers in headers.txt.
download() {
	status=$(curl -s -D headers.txt -o "$3" -w '%{http_code}' -b "$WORK/jar.$1" "$BASE$(url "$2")")
}
count() { sqlite3 "$KAOHE_DB" "SELECT count(*) FROM material"; }

# ---- who sees which units ----
# 县区考核组 assesses 昌黎县, 卢龙县, 抚宁区, 山海关区, 北戴河区, 北戴河新区 (the
# demo's teams); 部门考核组 the departments; the unit account is 昌黎县's.
for role in office leader member unit; do
	get "$role" /materials
	expect_status 200 "$role lists units"
	expect_body '>昌黎县</a>'
done
get office /materials
expect_body '>安监局</a>'
get member /materials
expect_no_body '>安监局</a>'
get unit /materials
expect_no_body '>卢龙县</a>'
for role in industry enforcement viewer; do
	get "$role" /materials
	expect_status 403 "$role has no materials"
	get "$role" /materials/昌黎县
	expect_status 403 "$role reads no unit's materials"
done
get unit /materials/卢龙县
expect_status 403 "another unit's materials"
get member /materials/安监局
expect_status 403 "a department is 部门考核组's"

# ---- the checklist ----
# 附件2 1.1.4, 考核方式: "由各县（区）、抽查的乡镇（街道）安委办分别负责提供本级党委有关
# 会议记录或其他相关文件，考核组进行检查核实" — the unit is asked for what follows 提供.
get unit /materials/昌黎县
expect_status 200 "own materials"
expect_body '<td>1.1.4</td><td>党委常委会听取安全生产汇报</td><td>本级党委有关会议记录或其他相关文件</td><td class="num"><span class="missing">缺少</span>'
expect_body 'enctype="multipart/form-data"'
expect_body '尚未提供资料'

# ---- uploading ----
printf '会议纪要\n' > 纪要.txt          # 4 characters × 3 bytes + a newline = 13 bytes
head -c 3000 /dev/urandom > 检查表.dat  # 3000 bytes = 2.93 KB, shown as 2.9 KB
: > empty.txt
before=$(dump)
# Without the CSRF token: refused.
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.unit" -F code=1.1.4 -F "file=@纪要.txt" \
	"$BASE$(url /materials/昌黎县/upload)")
expect_status 403 "upload without the CSRF token"
# Another unit, an item the scheme does not have, an empty file, no file at all.
post_form unit /materials/卢龙县/upload -F code=1.1.4 -F "file=@纪要.txt"
expect_status 403 "upload for another unit"
post_form member /materials/安监局/upload -F "file=@纪要.txt"
expect_status 403 "upload for another team's unit"
post_form industry /materials/昌黎县/upload -F "file=@纪要.txt"
expect_status 403 "an industry scorer uploads nothing"
post_form unit /materials/昌黎县/upload -F code=9.9 -F "file=@纪要.txt"
expect_status 422 "unknown item"
expect_body '没有编号为 9.9 的考核项'
post_form unit /materials/昌黎县/upload -F code=1.1.4 -F "file=@empty.txt"
expect_status 422 "empty file"
expect_body '文件“empty.txt”是空的'
post_form unit /materials/昌黎县/upload -F code=1.1.4
expect_status 422 "no file chosen"
# the message sits beside the file field
expect_body 'name="file" multiple required></label><p class="error" role="alert">请选择要上传的文件</p>'
[ "$(dump)" = "$before" ] || fail "a refused upload changed something"

# Too large: the service takes at most 20 MB (SVC_MATERIAL_MAX = 20 × 1024 × 1024
# = 20971520 bytes); one byte more is refused by it, with its message beside the
# field; a request over 21 MB (the limit plus 1 MB for the form) is refused by
# the server before it is read.
head -c 20971521 /dev/zero > big.bin
post_form unit /materials/昌黎县/upload -F code=1.1.4 -F "file=@big.bin"
expect_status 422 "a file over 20 MB"
expect_body '<p class="error" role="alert">文件“big.bin”超过 20 MB</p>'
head -c 23068672 /dev/zero > huge.bin
post_form unit /materials/昌黎县/upload -F code=1.1.4 -F "file=@huge.bin"
expect_status 413 "a request over the server's limit"
rm -f big.bin huge.bin
[ "$(dump)" = "$before" ] || fail "a too-large upload changed something"

# Two files at once, for 1.1.4.
post_form unit /materials/昌黎县/upload -F code=1.1.4 -F "file=@纪要.txt" -F "file=@检查表.dat"
expect_status 303 "upload two files"
[ "$(count)" = 2 ] || fail "two files not stored: $(count)"
get unit /materials/昌黎县
expect_body '已上传 2 个文件：纪要.txt、检查表.dat'
expect_body '<td>纪要.txt</td><td>13 字节</td><td>昌黎</td>'
expect_body '<td>检查表.dat</td><td>2.9 KB</td>'
expect_body '<td>1.1.4</td><td>党委常委会听取安全生产汇报</td><td>本级党委有关会议记录或其他相关文件</td><td class="num">2 份</td>'
id1=$(sqlite3 "$KAOHE_DB" "SELECT id FROM material WHERE name = '纪要.txt'")
id2=$(sqlite3 "$KAOHE_DB" "SELECT id FROM material WHERE name = '检查表.dat'")

# ---- downloading ----
# The team reads the unit's materials; the bytes come back as they went up,
# as an attachment named by RFC 5987 (UTF-8, percent-encoded), never inline.
download member "/materials/file/$id2" got.dat
expect_status 200 "member downloads"
cmp -s got.dat 检查表.dat || fail "the downloaded file differs from the uploaded one"
download office "/materials/file/$id1" got.txt
cmp -s got.txt 纪要.txt || fail "the downloaded text differs"
enc=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("纪要.txt"))')
tr -d '\r' < headers.txt > h.txt
grep -qx "Content-Disposition: attachment; filename\*=UTF-8''$enc" h.txt || { fail "disposition"; cat h.txt; }
grep -qx 'Content-Type: application/octet-stream' h.txt || fail "content type"
grep -qx 'X-Content-Type-Options: nosniff' h.txt || fail "nosniff"
for role in industry viewer; do
	download "$role" "/materials/file/$id1" x.bin
	expect_status 403 "$role downloads"
done
# A department's file is not 县区考核组's.
printf 'dept\n' > 部门.txt
post_form office /materials/安监局/upload -F "file=@部门.txt"
expect_status 303 "office uploads for a department, in general"
id3=$(sqlite3 "$KAOHE_DB" "SELECT id FROM material WHERE name = '部门.txt'")
download member "/materials/file/$id3" x.bin
expect_status 403 "another team's unit's file"
download unit "/materials/file/$id3" x.bin
expect_status 403 "another unit's file"

# ---- links ----
before=$(dump)
post unit /materials/昌黎县/link --data-urlencode code=1.1.5 --data-urlencode title=调研记录 \
	--data-urlencode 'url=javascript:alert(1)'
expect_status 422 "a link that is not http(s)"
expect_body 'placeholder="https://" value="javascript:alert(1)"></label><p class="error" role="alert">链接须以 http:// 或 https:// 开头</p>'
expect_body 'name="title" maxlength="200" required value="调研记录"'
[ "$(dump)" = "$before" ] || fail "a refused link changed something"
post unit /materials/昌黎县/link --data-urlencode code=1.1.5 --data-urlencode title=调研记录 \
	--data-urlencode 'url=https://example.org/a.pdf'
expect_status 303 "a link"
get member /materials/昌黎县
expect_body '<a href="https://example.org/a.pdf" rel="noopener noreferrer" target="_blank">https://example.org/a.pdf</a>'

# ---- the ZIP ----
# A folder per item named "CODE TITLE", files as "ID-NAME", links listed in 链接.txt.
ls /tmp/kaohe-zip-* 2>/dev/null | sort > tmp.before
download leader /materials/昌黎县/zip 昌黎县.zip
expect_status 200 "the ZIP"
tr -d '\r' < headers.txt > h.txt
zenc=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("昌黎县资料.zip"))')
grep -qx "Content-Disposition: attachment; filename\*=UTF-8''$zenc" h.txt || { fail "zip disposition"; cat h.txt; }
python3 - 昌黎县.zip "$id1" <<'PY' || fail "zip contents"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(z.namelist())
want = "昌黎县/1.1.4 党委常委会听取安全生产汇报/%s-纪要.txt" % sys.argv[2]
assert want in names, names
assert z.read(want) == "会议纪要\n".encode(), z.read(want)
assert "https://example.org/a.pdf" in z.read("昌黎县/链接.txt").decode()
PY
ls /tmp/kaohe-zip-* 2>/dev/null | sort > tmp.after
cmp -s tmp.before tmp.after || fail "the temporary ZIP was left behind"
get unit /materials/卢龙县/zip
expect_status 403 "another unit's ZIP"
get office /materials/卢龙县/zip
expect_status 409 "nothing to pack"

# ---- removing ----
before=$(dump)
post member /materials/安监局/remove --data-urlencode "id=$id3"
expect_status 403 "remove another team's unit's file"
post unit /materials/昌黎县/remove --data-urlencode "id=$id3"
expect_status 403 "remove another unit's file"
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.unit" --data-urlencode "id=$id2" \
	"$BASE$(url /materials/昌黎县/remove)")
expect_status 403 "remove without the CSRF token"
[ "$(dump)" = "$before" ] || fail "a refused removal changed something"
get unit /materials/昌黎县
expect_body 'data-confirm="确定删除资料“检查表.dat”？"'
post unit /materials/昌黎县/remove --data-urlencode "id=$id2"
expect_status 303 "remove own file"
get unit /materials/昌黎县
expect_body "已删除资料 $id2"
expect_no_body '<td>检查表.dat</td>'
expect_body '<td>1.1.4</td><td>党委常委会听取安全生产汇报</td><td>本级党委有关会议记录或其他相关文件</td><td class="num">1 份</td>'

# The counts on the list: 昌黎县 has 纪要.txt and the link (1 file, 1 link).
get office /materials
expect_body '>昌黎县</a></td><td>县区</td><td class="num">2</td><td class="num">1</td><td class="num">1</td>'

# Once the year is approved, materials no longer change.
k compute >/dev/null 2>&1
k approve >/dev/null 2>&1 || fail "approve"
before=$(dump)
get unit /materials/昌黎县
expect_body '本年度已审定，资料不能再上传或删除'
expect_no_body 'action="/materials/%E6%98%8C%E9%BB%8E%E5%8E%BF/upload"'
post_form unit /materials/昌黎县/upload -F "file=@纪要.txt"
expect_status 409 "an upload after approval"
expect_body '<p class="error" role="alert">2016 年度考核结果已审定锁定，不能再修改'
[ "$(dump)" = "$before" ] || fail "an upload after approval changed something"
# The server stops cleanly: no sanitizer report (memory errors, leaks).
kill "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=""
[ "$rc" = 0 ] || fail "the server exited with $rc"
grep -q Sanitizer "$WORK/serve.err" && { fail "the server's sanitizer report:"; head -40 "$WORK/serve.err"; }
finish
