#!/usr/bin/env python3
"""kaohe benchmarks: medians of repeated runs, as ratios against a baseline
measured in the same command on the same data (the machines are shared
and noisy, so no absolute time is asserted anywhere).

    bench.py KAOHE [--units N] [--rows N] [--runs N]

1. compute: `kaohe compute` on a generated year of N counties with
   findings for every item, against the sqlite3 shell merely reading the
   same findings (SELECT unit_id, count(*), sum(value) … GROUP BY unit_id).
   Targets: ratio <= 2, peak memory <= 256 MB.
2. import: `kaohe score import` of a CSV of ROWS rows, against the sqlite3
   shell's `.import` of the same file into an empty table.
   Target: at least half the shell's speed (ratio <= 2).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, env=None):
    """Runs cmd; returns (wall seconds, peak RSS in MB)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode()
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024


def median(xs):
    return statistics.median(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaohe")
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    kaohe = os.path.abspath(a.kaohe)
    tmp = tempfile.mkdtemp(prefix="kaohe-bench-")
    try:
        gen = [sys.executable, os.path.join(HERE, "gen.py"), kaohe]
        db = os.path.join(tmp, "year.db")
        print(f"生成数据 / generating: {a.units} 个县区，每个考核项都有评分 …", flush=True)
        subprocess.run(gen + [db, str(a.units)], check=True)
        env = dict(os.environ, KAOHE_DB=db, KAOHE_USER="bench")
        ours, mem, base = [], [], []
        for _ in range(a.runs):
            w, m = run([kaohe, "compute"], env)
            ours.append(w)
            mem.append(m)
            w, _ = run(["sqlite3", db, "SELECT unit_id, count(*), sum(value) FROM finding GROUP BY unit_id"])
            base.append(w)
        c_ratio = median(ours) / median(base)
        c_mem = max(mem)

        print(f"生成导入文件 / generating: {a.rows} 行 CSV …", flush=True)
        empty = os.path.join(tmp, "empty.db")
        csv = os.path.join(tmp, "findings.csv")
        counties = a.rows // 80 + 2
        subprocess.run(gen + [empty, str(counties), csv, str(a.rows)], check=True)
        imp, shell = [], []
        for _ in range(a.runs):
            target = os.path.join(tmp, "import.db")
            for s in ("", "-wal", "-shm"):
                if os.path.exists(target + s):
                    os.remove(target + s)
            shutil.copy(empty, target)
            w, _ = run([kaohe, "-d", target, "score", "import", csv], dict(env, KAOHE_DB=target))
            imp.append(w)
            plain = os.path.join(tmp, "shell.db")
            if os.path.exists(plain):
                os.remove(plain)
            w, _ = run(["sqlite3", plain, f".import --csv {csv} t"])
            shell.append(w)
        i_ratio = median(imp) / median(shell)

        def verdict(ok):
            return "达标 met" if ok else "未达标 missed"

        print()
        print(f"{'测量 / measure':34} {'中位数 / median':>16}")
        print(f"{'kaohe compute':34} {median(ours):13.3f} s")
        print(f"{'sqlite3 GROUP BY (baseline)':34} {median(base):13.3f} s")
        print(f"{'ratio (target <= 2)':34} {c_ratio:13.2f}    {verdict(c_ratio <= 2)}")
        print(f"{'peak memory (target <= 256 MB)':34} {c_mem:11.1f} MB    {verdict(c_mem <= 256)}")
        print(f"{'kaohe score import':34} {median(imp):13.3f} s   ({a.rows / median(imp):,.0f} 行/s)")
        print(f"{'sqlite3 .import (baseline)':34} {median(shell):13.3f} s   ({a.rows / median(shell):,.0f} 行/s)")
        print(f"{'ratio (target <= 2: half speed)':34} {i_ratio:13.2f}    {verdict(i_ratio <= 2)}")
        print(f"\n{a.runs} 次运行的中位数 / medians of {a.runs} runs; "
              f"compute: {a.units} 个县区（含抽查单位共 {a.units * 5} 个单位）")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
