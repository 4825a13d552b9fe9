#!/bin/sh
# A score import killed with SIGKILL at any moment leaves the database
# exactly as before the import, and PRAGMA integrity_check passes.
. "$(dirname "$0")/lib.sh"
export KAOHE_DB="$WORK/crash.db"
k() { "$KAOHE" "$@"; }

k init --year 2016 >/dev/null || fail "init"
# 1000 counties, each with 19 per-occurrence items: 19,000 rows.
python3 - <<'PY'
codes = ["1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.8", "1.1.9", "2.1.1.1", "2.1.1.2.1",
         "2.1.1.2.2", "2.1.1.3", "2.1.1.4", "2.1.1.5", "2.1.1.6", "2.1.1.7", "2.1.2.1",
         "2.1.2.2", "2.1.2.3", "2.1.3.1", "2.1.4.1"]
with open("units.csv", "w") as u, open("scores.csv", "w") as s:
    u.write("名称,类型\n")
    s.write("单位,编号,次数\n")
    for i in range(1000):
        u.write(f"县{i:04d},county\n")
        for j, c in enumerate(codes):
            s.write(f"县{i:04d},{c},{(i + j) % 4}\n")
PY
k unit import units.csv >/dev/null || fail "units"
sqlite3 "$KAOHE_DB" .dump > before.sql
landed=0
for delay in 0.02 0.05 0.1 0.15 0.2 0.3 0.4 0.6; do
	"$KAOHE" score import scores.csv >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	# count the kills that hit a running import
	kill -9 "$pid" 2>/dev/null && landed=$((landed + 1))
	wait "$pid" 2>/dev/null
	[ "$(sqlite3 "$KAOHE_DB" 'PRAGMA integrity_check')" = "ok" ] || fail "integrity after kill at ${delay}s"
	sqlite3 "$KAOHE_DB" .dump > after.sql
	if ! cmp -s before.sql after.sql; then
		# The import may have finished before the kill: then it is whole.
		n=$(sqlite3 "$KAOHE_DB" 'SELECT count(*) FROM finding')
		[ "$n" = "19000" ] || fail "partial import after kill at ${delay}s: $n rows"
		break
	fi
done
[ "$landed" -ge 1 ] || fail "no kill landed while the import was running"
expect_exit 0 k score import scores.csv
[ "$(sqlite3 "$KAOHE_DB" 'SELECT count(*) FROM finding')" = "19000" ] || fail "full import"
expect_exit 0 k audit --verify
finish
