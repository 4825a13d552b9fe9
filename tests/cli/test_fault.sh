#!/bin/sh
# Fault injection in the manner of SQLite's own tests (issue 10): each
# write step (score set, score import, compute, approve (unsigned and signed), reopen, unit
# import, backup, export into a new directory and into one that holds an
# earlier export) is run by build/asan/kaohe-fault
# (tests/fault/fault.c) with the Nth I/O call failing (io: every SQLite VFS
# method and kaohe's own open/write/fsync/close/rename/mkstemp/fopen/...),
# the Nth write failing for want of space (full), or the Nth allocation
# failing (alloc: SQLite's and kaohe's own), once ("transient") or from
# the Nth call on ("persistent"), for N = 1, 2, 3 ... until the step
# succeeds without the fault being reached. After every run:
#   - PRAGMA integrity_check says ok and `kaohe audit --verify` exits 0;
#   - exit 0: the step happened whole: the dump of the database is the
#     same, byte for byte, as after the step run without faults (time() is
#     fixed, so the rows are identical), and a backup or export is there
#     and identical to the one made without faults;
#   - exit 1: the step did not happen: the dump is the same as before, no
#     backup file, export directory or temporary file is left (an earlier
#     export is there as it was, or stderr says the files are mixed, when
#     putting them back failed too), and stderr
#     says why in Chinese ("kaohe: ..." with Chinese text, no sanitizer
#     report, no internal error);
#   - any other exit (a crash, an abort, a sanitizer's) fails the test.
#   - exit 1 after a COMMIT whose sync failed: either state, and stderr
#     says kaohe cannot tell which ("无法确认改动是否已经写入").
# audit --verify reads the database through SQL only, so a dump identical
# to one already verified needs no second run: it is run for each
# distinct dump (the starting one and the whole step's).
#
# Stride: a step makes 10-250 I/O calls and 2,000-40,000 allocations,
# and each run of the ASan binary takes 0.1-0.3 s, so the general loops
# run about FAULT_IO_POINTS (5) values of N for io and full and
# FAULT_ALLOC_POINTS (4) for alloc, evenly spaced from an offset that
# depends on the step (the same on every run of the suite: a failure can
# be repeated by hand with the N it names), and then N past the last call,
# where the step must succeed. Two targeted loops run every N whatever
# the stride: every xSync (the COMMIT's among them) and every C library
# call of kaohe's own (KAOHE_FAULT_CALL). FAULT_STRIDE=1 runs every N of
# every loop (about half an hour for io and full, FAULT_CLASSES="io full";
# many hours for alloc). FAULT_ONLY="export into" runs one step.
. "$(dirname "$0")/lib.sh"
FAULT=$(dirname "$KAOHE")/kaohe-fault
[ -x "$FAULT" ] || { echo "no $FAULT (make build/asan/kaohe-fault)"; exit 1; }
export KAOHE_FAULT_TIME=1480000000
ALLOC_POINTS=${FAULT_ALLOC_POINTS:-4}
IO_POINTS=${FAULT_IO_POINTS:-5}
export KAOHE_DB="$WORK/w.db"
k() { "$KAOHE" "$@"; }
runs=0

# restore: the working database is the step's starting point again.
restore() {
	rm -f w.db w.db-wal w.db-shm out.db out.db.tmp-* 2>/dev/null
	rm -rf outdir outdir.tmp-*
	cp start.db w.db
	# an export into a directory that holds an earlier export
	if [ "$kind" = "export into" ]; then
		mkdir outdir
		for f in results.csv sheets.csv stamp.txt; do echo "earlier $f" > "outdir/$f"; done
	fi
}

# same_files DIR: outdir holds exactly the export's three files, as in DIR.
same_files() {
	[ "$(ls -A outdir 2>/dev/null | tr '\n' ' ')" = "results.csv sheets.csv stamp.txt " ] || return 1
	for f in results.csv sheets.csv stamp.txt; do
		cmp -s "outdir/$f" "$1/$f" || return 1
	done
}

# verify_once: integrity, and audit --verify once per distinct dump.
verify_once() {
	[ "$(sqlite3 w.db 'PRAGMA integrity_check')" = ok ] || fail "$label: integrity_check"
	h=$(sha256sum < now.sql | cut -c1-16)
	if ! grep -qx "$h" verified.txt 2>/dev/null; then
		if k audit --verify >/dev/null 2>verr.txt; then
			echo "$h" >> verified.txt
		else
			fail "$label: audit --verify"
			cat verr.txt
		fi
	fi
}

# leftovers: files a failed step must not leave.
leftovers() {
	ls -d out.db out.db.tmp-* outdir outdir.tmp-* .*.tmp-* 2>/dev/null
}

# check_run STATUS: the three conditions after one run of the step.
check_run() {
	st=$1
	sqlite3 w.db .dump > now.sql
	verify_once
	case $st in
	0)
		cmp -s now.sql whole.sql || { fail "$label: exit 0 but not the whole step";
			diff whole.sql now.sql | head -10; }
		if [ "$kind" = backup ]; then
			[ -f out.db ] && sqlite3 out.db .dump | cmp -s - whole.sql ||
				fail "$label: exit 0 but the backup is not whole"
		fi
		case $kind in export*) same_files ref ||
			{ fail "$label: exit 0 but outdir is not the whole export"; ls -A outdir; } ;; esac
		case $kind in backup | export*) ;; *) [ -z "$(leftovers)" ] ||
			fail "$label: left $(leftovers)" ;; esac
		[ "$kind" = backup ] && [ -n "$(ls -d out.db.tmp-* 2>/dev/null)" ] &&
			fail "$label: left $(ls -d out.db.tmp-*)"
		[ "$kind" = export ] && [ -n "$(ls -d outdir.tmp-* 2>/dev/null)" ] &&
			fail "$label: left $(ls -d outdir.tmp-*)"
		;;
	1)
		# A COMMIT that fails in its sync may still be found whole by the
		# next opening of the file (SQLite's own tests allow either); kaohe
		# must then say it cannot tell.
		if ! cmp -s now.sql before.sql && ! { cmp -s now.sql whole.sql &&
			grep -q '无法确认改动是否已经写入' err.txt; }; then
			fail "$label: exit 1 but the database changed"
			diff before.sql now.sql | head -10
		fi
		if [ "$kind" = "export into" ]; then
			# the earlier export as it was, or (the putting back failed
			# too) a message that says the files are mixed
			same_files earlier || grep -q '新旧混杂' err.txt ||
				{ fail "$label: exit 1 but outdir changed"; ls -A outdir; }
			[ -z "$(ls -d outdir.tmp-* 2>/dev/null)" ] || fail "$label: left outdir.tmp-*"
		else
			[ -z "$(leftovers)" ] || fail "$label: exit 1 but left $(leftovers)"
		fi
		grep -q '^kaohe: ' err.txt && LC_ALL=C grep -q "$(printf '[\344-\351]')" err.txt || { fail "$label: no Chinese message"; cat err.txt; }
		if grep -qE 'Sanitizer|runtime error|内部错误' err.txt; then
			fail "$label: sanitizer report or internal error"
			head -30 err.txt
		fi
		;;
	*)
		fail "$label: exit $st"
		head -30 err.txt
		;;
	esac
}

# loop CLASS MODE ARGS...: the fault loop over one class of call (over
# the calls named $only if set, then every one of them).
loop() {
	cls=$1 mode=$2
	shift 2
	if [ -n "$only" ]; then
		rm -f only.log
		restore
		KAOHE_FAULT=count KAOHE_FAULT_CALL=$only KAOHE_FAULT_LOG=only.log "$FAULT" "$@" >/dev/null 2>&1
		total=$(sed -n "s/.* $cls=\([0-9]*\).*/\1/p" only.log | tail -1)
		[ "${total:-0}" -gt 0 ] || return 0
		points=100000
	else
		total=$(sed -n "s/.* $cls=\([0-9]*\).*/\1/p" count.log | tail -1)
		points=$IO_POINTS
		[ "$cls" = alloc ] && points=$ALLOC_POINTS
	fi
	stride=$(( (total + points - 1) / points ))
	[ "$stride" -ge 1 ] || stride=1
	[ -n "${FAULT_STRIDE:-}" ] && stride=$FAULT_STRIDE
	# an offset within the stride, different for each step and class
	n=$(( 1 + $(printf '%s' "$kind$cls$mode" | cksum | cut -d' ' -f1) % stride ))
	ok=0 refused=0 done_=no
	while [ "$n" -le $((total + stride + 1)) ] && [ "$n" -le 200000 ]; do
		label="$kind $cls:$n$mode${only:+ of $only}"
		restore
		rm -f fault.log
		KAOHE_FAULT="$cls:$n$mode" KAOHE_FAULT_CALL=$only KAOHE_FAULT_LOG=fault.log "$FAULT" "$@" \
			>out.txt 2>err.txt
		st=$?
		runs=$((runs + 1))
		check_run "$st"
		if ! grep -q '^fired' fault.log 2>/dev/null; then
			[ "$st" = 0 ] || fail "$label: exit $st with no fault"
			done_=yes
			break
		fi
		[ "$st" = 0 ] && ok=$((ok + 1))
		[ "$st" = 1 ] && refused=$((refused + 1))
		n=$((n + stride))
	done
	[ "$done_" = yes ] || fail "$kind $cls$mode: never succeeded (stopped at N=$n)"
	echo "  $kind $cls${mode:-}${only:+ of $only} ($total calls, stride $stride): $refused refused, $ok done despite the fault, success at N=$n"
}

# step KIND ARGS...: every loop over one step, from start.db.
step() {
	kind=$1
	shift
	# FAULT_ONLY="export into": that step alone
	[ -z "${FAULT_ONLY:-}" ] || [ "$FAULT_ONLY" = "$kind" ] || return 0
	restore
	sqlite3 w.db .dump > before.sql
	rm -f verified.txt ref.txt
	# the step without faults: what "whole" is, and how many calls it makes
	rm -f count.log
	KAOHE_FAULT=count KAOHE_FAULT_LOG=count.log "$FAULT" "$@" >/dev/null 2>err.txt ||
		{ fail "$kind without faults"; cat err.txt; return; }
	sqlite3 w.db .dump > whole.sql
	rm -rf ref
	case $kind in export*) mv outdir ref ;; esac
	label="$kind whole"
	cp whole.sql now.sql
	verify_once
	restore
	cp before.sql now.sql
	label="$kind before"
	verify_once
	only=
	for cls in ${FAULT_CLASSES:-io full alloc}; do
		loop "$cls" "" "$@"
		loop "$cls" "+" "$@"
	done
	# every sync (the COMMIT's among them), and every file call of
	# kaohe's own (the CSV read, the backup's and export's files)
	for only in f_sync __wrap_; do
		loop io "" "$@"
		loop io "+" "$@"
	done
	only=
}

# The demo year (18 scored units); a change, so that compute has work.
k demo demo.db >/dev/null || fail "demo"
cp demo.db start.db
printf '单位,编号,次数\n昌黎县,1.1.2,1\n卢龙县,1.1.3,2\n' > scores.csv
printf '名称,类型\n新县甲,county\n新局乙,department\n' > units.csv

step "score set" score set 昌黎县 1.1.2 --count 2
step "score import" score import scores.csv
step "unit import" unit import units.csv
step "backup" backup out.db
k -d start.db score set 昌黎县 1.1.2 --count 2 >/dev/null || fail "score set"
step "compute" compute
k -d start.db compute >/dev/null || fail "compute"
step "export" export outdir
mkdir earlier
for f in results.csv sheets.csv stamp.txt; do echo "earlier $f" > "earlier/$f"; done
step "export into" export outdir
step "approve" approve
# signed: once the year has a public key, approval signs the head
k -d start.db key new -o office.key >/dev/null || fail "key new"
step "approve signed" approve --key office.key
k -d start.db approve --key office.key >/dev/null || fail "approve"
step "reopen" reopen --reason 重新核实
# Out of memory from the first allocation on: status 1 and the message,
# not an abort (SIGABRT, status 134, before the loop found it).
KAOHE_FAULT=alloc:1+ "$FAULT" -d demo.db status >out.txt 2>err.txt
[ $? = 1 ] || fail "out of memory: exit $?, want 1"
expect_line err.txt "kaohe: 内存不足，操作未完成"
echo "$runs runs"
finish
