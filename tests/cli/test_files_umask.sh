#!/bin/sh
# Permissions whatever the umask (issue 10, point 8: "create them 0600
# (0700 for an export directory), whatever the umask"): under umask 022
# and under umask 000, the database, its -wal and -shm (while a server
# holds it open), a backup, an export and its files, a report, a chart, a
# template and a signing key are the owner's alone.
. "$(dirname "$0")/lib.sh"

# mode FILE WANT: FILE's permission bits are WANT.
mode() {
	[ "$(stat -c %a "$1")" = "$2" ] || fail "umask $u: $1 is $(stat -c %a "$1"), want $2"
}

for u in 022 000; do
	mkdir "u$u"
	(
	cd "u$u" || exit 1
	umask $u
	k() { "$KAOHE" -d d.db "$@" >/dev/null 2>>err.txt; }
	"$KAOHE" demo d.db >/dev/null 2>err.txt || echo "demo failed" >> err.txt
	k compute
	k backup b.db
	k export ex
	k report results -o r.pdf
	k report chart totals -o c.svg
	k template xlsx -o t.xlsx
	k key new -o k.key
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	"$KAOHE" -d d.db serve --listen "127.0.0.1:$port" --quiet >/dev/null 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 50 ] && ! curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; i=$((i + 1)); done
	ls d.db-wal d.db-shm > held.txt 2>&1
	stat -c '%a %n' d.db-wal d.db-shm >> held.txt 2>&1
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	)
	[ -s "u$u/err.txt" ] && { fail "umask $u: a command failed"; cat "u$u/err.txt"; }
	for f in d.db b.db ex/results.csv ex/sheets.csv ex/stamp.txt r.pdf c.svg t.xlsx k.key; do
		mode "u$u/$f" 600
	done
	mode "u$u/ex" 700
	grep -qx "600 d.db-wal" "u$u/held.txt" && grep -qx "600 d.db-shm" "u$u/held.txt" ||
		{ fail "umask $u: -wal/-shm while served"; cat "u$u/held.txt"; }
done
finish
