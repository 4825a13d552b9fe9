#!/bin/sh
# The SIGKILL loop of test_crash.sh for the other write steps: unit import,
# compute, approve and reopen. Each is killed with SIGKILL at several
# moments across its run; after every kill PRAGMA integrity_check passes,
# `kaohe audit --verify` exits 0, and the step either did not happen (the
# dump is exactly as before) or happened whole (every table has as many
# rows as the same step run to the end on a copy, and the year's
# approved/published flags are the same as there).
. "$(dirname "$0")/lib.sh"
k() { "$KAOHE" "$@"; }

# shape DB: row counts of every table, and the year's state flags.
shape() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		echo "$t $(sqlite3 "$1" "SELECT count(*) FROM \"$t\"")"
	done
	sqlite3 "$1" 'SELECT year, approved, published FROM year ORDER BY year'
}

now_ms() { date +%s%3N; }

# crash_step NAME KAOHE ARGS...: the kill loop for one step on $KAOHE_DB
# (the binary itself, not a shell function: the kill must hit kaohe). The step
# is left done at the end (run to the end if no kill let it finish).
crash_step() {
	name=$1
	shift
	sqlite3 "$KAOHE_DB" .dump > before.sql
	# The whole step, on a copy: its shape and how long it takes.
	rm -f ref.db ref.db-wal ref.db-shm
	sqlite3 "$KAOHE_DB" ".backup ref.db"
	t0=$(now_ms)
	KAOHE_DB=$WORK/ref.db "$@" >/dev/null 2>err.txt || { fail "$name on a copy"; cat err.txt; }
	t1=$(now_ms)
	shape ref.db > whole.shape
	# Kill at 1 ms, then at tenths of the step's time and a little beyond.
	delays=$(awk -v ms=$((t1 - t0)) 'BEGIN {
		printf "0.001"
		for (f = 0.05; f < 1.2; f += 0.1) printf " %.3f", ms * f / 1000
	}')
	landed=0
	finished=no
	for delay in $delays; do
		"$@" >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		hit=missed
		kill -9 "$pid" 2>/dev/null && { landed=$((landed + 1)); hit=landed; }
		wait "$pid" 2>/dev/null
		[ "$(sqlite3 "$KAOHE_DB" 'PRAGMA integrity_check')" = "ok" ] ||
			fail "$name: integrity after kill at ${delay}s"
		k audit --verify >/dev/null 2>err.txt ||
			{ fail "$name: audit --verify after kill at ${delay}s"; cat err.txt; }
		sqlite3 "$KAOHE_DB" .dump > after.sql
		if cmp -s before.sql after.sql; then
			echo "  $name: kill at ${delay}s $hit, nothing done"
			continue
		fi
		echo "  $name: kill at ${delay}s $hit, done whole"
		# Something changed: the step must have happened whole.
		shape "$KAOHE_DB" > now.shape
		cmp -s whole.shape now.shape ||
			{ fail "$name: partly done after kill at ${delay}s"; diff whole.shape now.shape; }
		finished=yes
		break
	done
	echo "$name: $((t1 - t0)) ms, $landed kill(s) landed, done by the loop: $finished"
	# A kill lands when the process is still running; a step that ends
	# before the first kill is too fast to test here: say so, do not fail.
	[ "$landed" -ge 1 ] || echo "NOTE: $name ran too fast for any kill to land"
	if [ "$finished" = no ]; then
		expect_exit 0 "$@"
		shape "$KAOHE_DB" > now.shape
		cmp -s whole.shape now.shape || { fail "$name after the kills"; diff whole.shape now.shape; }
	fi
	expect_exit 0 k audit --verify
}

# A year with 1000 counties and 19,000 findings: unit import and compute.
export KAOHE_DB="$WORK/steps.db"
k init --year 2016 >/dev/null || fail "init"
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
with open("enterprises.csv", "w") as e:
    e.write("名称,类型,上级\n")
    for i in range(2000):
        e.write(f"企业{i:05d},enterprise,昌黎县\n")
PY
crash_step "unit import" "$KAOHE" unit import units.csv
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM unit WHERE kind = 'county'")" = 1000 ] || fail "units"
expect_exit 0 k score import scores.csv
crash_step "compute" "$KAOHE" compute
[ "$(sqlite3 "$KAOHE_DB" 'SELECT count(*) FROM result_unit')" -ge 1000 ] || fail "results"

# The demo year, which can be approved, with 2000 enterprises more (a
# longer audit chain for approve to check): approve and reopen.
export KAOHE_DB="$WORK/demo.db"
k demo "$KAOHE_DB" >/dev/null || fail "demo"
expect_exit 0 k unit import enterprises.csv
expect_exit 0 k compute
crash_step "approve" "$KAOHE" approve
[ "$(sqlite3 "$KAOHE_DB" 'SELECT approved FROM year')" = 1 ] || fail "approved"
crash_step "reopen" "$KAOHE" reopen --reason 重新核实
[ "$(sqlite3 "$KAOHE_DB" 'SELECT approved FROM year')" = 0 ] || fail "reopened"
# signed: the approval, its signature and the signed head are one commit
expect_exit 0 k key new -o office.key
crash_step "approve signed" "$KAOHE" approve --key office.key
[ "$(sqlite3 "$KAOHE_DB" 'SELECT approved, length(signature) FROM year')" = "1|128" ] || fail "approved and signed"
expect_exit 0 k audit --verify
finish
