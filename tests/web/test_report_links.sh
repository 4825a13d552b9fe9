#!/bin/sh
# The download buttons of a unit's sheet (issue 9): for those who may read
# the unit's result — the office, and once the results are published the
# unit itself and the Organisation Department — the sheet as PDF, Excel
# and CSV and the unit's totals over the years; each button gives its
# document; a unit has none on another unit's sheet and may not fetch its
# documents by their address.
. "$(dirname "$0")/lib.sh"
setup_year
k() { "$KAOHE" "$@"; }
k approve >/dev/null || fail "approve"
k consent --date 2017-02-10 --ref 秦政函〔2017〕5号 >/dev/null || fail "consent"
k publish >/dev/null || fail "publish"
start_server || finish
for role in office unit viewer member; do login $role; done

# The buttons of 昌黎县's sheet page, and what each gives.
for role in office unit viewer; do
	get $role /sheet/昌黎县
	expect_status 200 "$role: 昌黎县's sheet"
	sed -n 's/.*<p class="downloads">\(.*\)<\/p>.*/\1/p' out.html | grep -o 'href="[^"]*"' |
		sed 's/^href="//; s/"$//; s/&amp;/\&/g' > links.$role
	[ "$(wc -l < links.$role)" -eq 4 ] || { fail "$role: the sheet's buttons"; cat links.$role; }
	grep -q '^/reports/chart/years?format=png&unit=' links.$role || fail "$role: no button for the years chart"
	while read -r link; do
		status=$(curl -s -o doc.bin -w '%{http_code}' -b "$WORK/jar.$role" "$BASE$link")
		[ "$status" = 200 ] || { fail "$role: $link gave $status"; continue; }
		case $link in
		*format=pdf*) [ "$(head -c 5 doc.bin)" = "%PDF-" ] || fail "$role: $link is not a PDF" ;;
		*format=xlsx*) [ "$(head -c 2 doc.bin)" = "PK" ] || fail "$role: $link is not a workbook" ;;
		*format=png*) head -c 8 doc.bin | grep -q PNG || fail "$role: $link is not a PNG" ;;
		*format=csv*) grep -q "1.1.4" doc.bin || fail "$role: $link is not the sheet's CSV" ;;
		esac
	done < links.$role
done

# The years chart of 昌黎县 says whose it is (its SVG, the same drawing).
get unit "/reports/chart/years?format=svg&unit=昌黎县"
expect_status 200 "the unit's years chart"
expect_body "昌黎县"

# A unit: no buttons on another unit's sheet (it may not open it), nor
# its documents by their address.
get unit /sheet/卢龙县
expect_status 403 "another unit's sheet"
expect_no_body "/reports/"
get unit "/reports/chart/years?format=png&unit=卢龙县"
expect_status 403 "another unit's years chart"
get unit "/reports/sheet/卢龙县?format=pdf"
expect_status 403 "another unit's sheet as PDF"
# A team member enters the sheet but does not read its result: no buttons.
get member /sheet/昌黎县
expect_status 200 "the team's county"
expect_no_body '<p class="downloads">'

finish
