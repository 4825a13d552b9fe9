#!/usr/bin/env python3
"""kaohe benchmarks: medians of repeated runs, as ratios against a baseline
measured in the same command on the same data (the machines are shared
and noisy, so no absolute time is asserted anywhere).

    bench.py KAOHE [--units N] [--rows N] [--runs N]

1. compute: `kaohe compute` on a generated year of N counties (findings for
   every item, ten daily tasks with an outcome per county, an accident in
   one county of ten), against the sqlite3 shell merely reading the same
   findings (SELECT unit_id, count(*), sum(value) … GROUP BY unit_id).
   Targets: ratio <= 2, peak memory <= 256 MB. Compute also stores every
   node's score and derivation (about 120 rows a county); a second
   baseline is the shell doing only that storing: replacing the same
   result rows in one transaction (their text already made).
2. growth: compute and `kaohe status` on N/4 and N counties. Linear work
   grows 4× from one to the other; the growth factor printed is
   (time at N / time at N/4) / 4, about 1 when linear, about 4 when
   quadratic. Target: <= 1.5.
3. import: `kaohe score import` of a CSV of ROWS rows, against the sqlite3
   shell's `.import` of the same file into an empty table.
   Targets: at least half the shell's speed (ratio <= 2), peak memory
   <= 256 MB however long the file.
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
    """Runs cmd; returns (wall seconds, peak RSS in MB).

    The peak is /usr/bin/time's (%M), not this process's wait4: Python
    starts a child with vfork, and the kernel counts the parent's memory
    in the child's peak until exec, so every peak would read at least
    Python's own (about 16 MB)."""
    fd, rss_file = tempfile.mkstemp(prefix="kaohe-rss-")
    os.close(fd)
    try:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if p.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr.decode()}")
        with open(rss_file) as f:
            kb = int(f.read().split()[-1])
    finally:
        os.remove(rss_file)
    return wall, kb / 1024


def median(xs):
    return statistics.median(xs)


def verdict(ok):
    return "达标 met" if ok else "未达标 missed"


class Year:
    """A generated year and the medians measured on it."""

    def __init__(self, kaohe, tmp, counties, runs):
        self.counties = counties
        self.db = os.path.join(tmp, f"year-{counties}.db")
        print(f"生成数据 / generating: {counties} 个县区 …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), kaohe, self.db, str(counties)],
                       check=True)
        env = dict(os.environ, KAOHE_DB=self.db, KAOHE_USER="bench")
        compute, mem, base, store, status = [], [], [], [], []
        for _ in range(runs):
            w, m = run([kaohe, "compute"], env)
            compute.append(w)
            mem.append(m)
            w, _ = run(["sqlite3", self.db, "SELECT unit_id, count(*), sum(value) FROM finding GROUP BY unit_id"])
            base.append(w)
            w, _ = run([kaohe, "status"], env)
            status.append(w)
        # The storing baseline works on a copy, made before the clock starts.
        copy = self.db + ".copy"
        shutil.copy(self.db, copy)
        subprocess.run(["sqlite3", copy, "CREATE TABLE kept AS SELECT * FROM result_node"], check=True)
        for _ in range(runs):
            w, _ = run(["sqlite3", copy, "PRAGMA foreign_keys=ON; BEGIN; DELETE FROM result_node WHERE unit_id IN"
                        " (SELECT id FROM unit WHERE year_id = 1); INSERT INTO result_node SELECT * FROM kept;"
                        " COMMIT;"])
            store.append(w)
        os.remove(copy)
        self.compute, self.base, self.status = median(compute), median(base), median(status)
        self.store = median(store)
        self.mem = max(mem)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaohe")
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--rows", type=int, default=5000000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    kaohe = os.path.abspath(a.kaohe)
    tmp = tempfile.mkdtemp(prefix="kaohe-bench-")
    try:
        small = Year(kaohe, tmp, max(a.units // 4, 1), a.runs)
        os.remove(small.db)
        big = Year(kaohe, tmp, a.units, a.runs)
        os.remove(big.db)
        scale = big.counties / small.counties
        c_ratio = big.compute / big.base
        c_growth = (big.compute / small.compute) / scale
        s_growth = (big.status / small.status) / scale

        print(f"生成导入文件 / generating: {a.rows} 行 CSV …", flush=True)
        empty = os.path.join(tmp, "empty.db")
        csv = os.path.join(tmp, "findings.csv")
        counties = a.rows // 80 + 2
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), kaohe, empty, str(counties), csv,
                        str(a.rows)], check=True)
        imp, shell, imem = [], [], []
        for _ in range(a.runs):
            target = os.path.join(tmp, "import.db")
            for s in ("", "-wal", "-shm"):
                if os.path.exists(target + s):
                    os.remove(target + s)
            shutil.copy(empty, target)
            w, m = run([kaohe, "-d", target, "score", "import", csv],
                       dict(os.environ, KAOHE_DB=target, KAOHE_USER="bench"))
            imp.append(w)
            imem.append(m)
            plain = os.path.join(tmp, "shell.db")
            if os.path.exists(plain):
                os.remove(plain)
            w, _ = run(["sqlite3", plain, f".import --csv {csv} t"])
            shell.append(w)
        i_ratio = median(imp) / median(shell)
        i_mem = max(imem)

        print()
        print(f"{'测量 / measure':40} {'中位数 / median':>16}")
        print(f"{'kaohe compute':40} {big.compute:13.3f} s")
        print(f"{'sqlite3 GROUP BY (baseline)':40} {big.base:13.3f} s")
        print(f"{'ratio (target <= 2)':40} {c_ratio:13.2f}    {verdict(c_ratio <= 2)}")
        print(f"{'sqlite3 storing the result rows':40} {big.store:13.3f} s")
        print(f"{'ratio to storing alone':40} {big.compute / big.store:13.2f}")
        print(f"{'peak memory (target <= 256 MB)':40} {big.mem:11.1f} MB    {verdict(big.mem <= 256)}")
        print()
        print(f"{'增长 / growth':40} {small.counties:>7} → {big.counties:<7} 县区")
        print(f"{'kaohe compute':40} {small.compute:7.3f} → {big.compute:7.3f} s   "
              f"growth {c_growth:5.2f}    {verdict(c_growth <= 1.5)}")
        print(f"{'kaohe status':40} {small.status:7.3f} → {big.status:7.3f} s   "
              f"growth {s_growth:5.2f}    {verdict(s_growth <= 1.5)}")
        print(f"{'(growth = time ratio / size ratio: 1 linear, 4 quadratic; target <= 1.5)'}")
        print()
        print(f"{'kaohe score import':40} {median(imp):13.3f} s   ({a.rows / median(imp):,.0f} 行/s)")
        print(f"{'sqlite3 .import (baseline)':40} {median(shell):13.3f} s   ({a.rows / median(shell):,.0f} 行/s)")
        print(f"{'ratio (target <= 2: half speed)':40} {i_ratio:13.2f}    {verdict(i_ratio <= 2)}")
        print(f"{'peak memory (target <= 256 MB)':40} {i_mem:11.1f} MB    {verdict(i_mem <= 256)}")
        print(f"\n{a.runs} 次运行的中位数 / medians of {a.runs} runs; "
              f"每个县区含 4 个抽查单位、10 项日常考核任务，每 10 个县区 1 起事故")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
