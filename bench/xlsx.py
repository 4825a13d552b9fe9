#!/usr/bin/env python3
"""The all-units workbook benchmark (issue 9): medians of repeated runs, as
a ratio against a baseline measured in the same command on the same data.

    xlsx.py KAOHE [--units N] [--small N] [--runs N]

1. time: `kaohe report sheets --format xlsx` (every county's sheet with
   its sampled units' sheets, a worksheet each) on a generated year of N
   counties (bench/gen.py, computed), against bench/xlsx_baseline.c: a
   plain libxlsxwriter program writing the same cells (dumped from kaohe's
   workbook: texts, numbers, bordered blanks, merged titles, column widths,
   row heights, the repeated header row and page setup) in constant_memory
   mode. Target: ratio <= 1.5.
2. memory: peak RSS of the same command and of the baseline at N/4 (or
   --small) and N counties. constant_memory and one temporary file for
   every worksheet's rows keep kaohe's own memory flat; what grows with
   the number of worksheets is libxlsxwriter's record of each one, which
   the baseline pays alike. Target: kaohe's memory above the baseline's
   at the larger year within 1.25x that at the smaller.
"""
import argparse
import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench import run  # noqa: E402  (wall seconds and peak RSS of a command)


def verdict(ok):
    return "达标 met" if ok else "未达标 missed"


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", " ")


CELL = re.compile(r'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?(?:/>|>(.*?)</c>)', re.S)
ROW = re.compile(r'<row r="(\d+)"([^>]*)>(.*?)</row>', re.S)


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def dump(xlsx, out):
    """Writes the cells of kaohe's workbook as xlsx_baseline's input."""
    z = zipfile.ZipFile(xlsx)
    wb = z.read("xl/workbook.xml").decode()
    names = [html.unescape(n) for n in re.findall(r'<sheet name="([^"]*)"', wb)]
    with open(out, "w", encoding="utf-8") as f:
        for i, name in enumerate(names):
            x = z.read(f"xl/worksheets/sheet{i + 1}.xml").decode()
            f.write(f"S\t{esc(name)}\n")
            for c in re.finditer(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', x):
                f.write(f"W\t{int(c.group(1)) - 1}\t{float(c.group(2)) - 0.7109375}\n")
            merges = {}
            for m in re.finditer(r'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)\d+"', x):
                merges[(int(m.group(2)) - 1, col_index(m.group(1)))] = col_index(m.group(3))
            f.write("P\t3\n")
            for r in ROW.finditer(x):
                row = int(r.group(1)) - 1
                ht = re.search(r'ht="([\d.]+)"', r.group(2))
                if ht:
                    f.write(f"R\t{row}\t{ht.group(1)}\n")
                skip_to = -1
                for c in CELL.finditer(r.group(3)):
                    col, style, t, body = col_index(c.group(1)), c.group(3) or "0", c.group(4), c.group(5)
                    if col <= skip_to:
                        continue
                    if (row, col) in merges:
                        last = merges[(row, col)]
                        text = html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", body or "", re.S)))
                        f.write(f"M\t{row}\t{col}\t{last}\t{style}\t{esc(text)}\n")
                        skip_to = last
                    elif t == "inlineStr":
                        text = html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", body, re.S)))
                        f.write(f"T\t{row}\t{col}\t{style}\t{esc(text)}\n")
                    elif body:
                        f.write(f"N\t{row}\t{col}\t{style}\t{re.search(r'<v>(.*?)</v>', body).group(1)}\n")
                    else:
                        f.write(f"B\t{row}\t{col}\t{style}\n")
    return len(names)


def build_baseline(tmp):
    exe = os.path.join(tmp, "xlsx_baseline")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xlsxwriter"], check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-std=c17", "-O2", "-Wall", "-Wextra", "-o", exe, os.path.join(HERE, "xlsx_baseline.c"),
                    os.path.join(TOP, "src/report/xlsx_spill.c")] + flags, check=True)
    return exe


def year(kaohe, tmp, counties):
    db = os.path.join(tmp, f"xlsx-{counties}.db")
    print(f"生成数据 / generating: {counties} 个县区 …", flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), kaohe, db, str(counties)], check=True)
    env = dict(os.environ, KAOHE_DB=db, KAOHE_USER="bench")
    run([kaohe, "compute"], env)
    return env


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaohe")
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--small", type=int, default=0)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    kaohe = os.path.abspath(a.kaohe)
    small = a.small or max(1, a.units // 4)
    tmp = tempfile.mkdtemp(prefix="kaohe-xlsx-bench-")
    try:
        baseline = build_baseline(tmp)
        out = os.path.join(tmp, "all.xlsx")
        mem, base_mem = {}, {}
        for n in (small, a.units):
            env = year(kaohe, tmp, n)
            times, rss = [], []
            for _ in range(a.runs):
                w, m = run([kaohe, "report", "sheets", "--format", "xlsx", "-o", out], env)
                times.append(w)
                rss.append(m)
            mem[n] = statistics.median(rss)
            size = os.path.getsize(out) / 1e6
            print(f"  {n} 个县区：全部评分表 / all sheets {statistics.median(times):.2f} s, "
                  f"{size:.0f} MB, 峰值内存 / peak RSS {mem[n]:.1f} MB", flush=True)
            # the baseline writes the same cells at both sizes: what it
            # grows by is libxlsxwriter's own record of each worksheet
            cells = os.path.join(tmp, "cells.txt")
            sheets = dump(out, cells)
            base, base_rss = [], []
            for _ in range(a.runs):
                w, m = run([baseline, cells, os.path.join(tmp, "base.xlsx")])
                base.append(w)
                base_rss.append(m)
            base_mem[n] = statistics.median(base_rss)
            os.remove(env["KAOHE_DB"])
            if n != a.units:
                continue
            t, b = statistics.median(times), statistics.median(base)
            print(f"全部评分表 / all-units workbook ({a.units} 个县区, {sheets} 个工作表): kaohe {t:.2f} s, "
                  f"libxlsxwriter 基准 / baseline {b:.2f} s, "
                  f"比值 / ratio {t / b:.2f} (目标 / target <= 1.5) {verdict(t / b <= 1.5)}")
        grow = mem[a.units] / mem[small]
        print(f"峰值内存 / peak RSS: {small} 个县区 {mem[small]:.1f} MB, {a.units} 个县区 {mem[a.units]:.1f} MB, "
              f"增长 / growth {grow:.2f}x")
        print(f"  基准 / baseline: {base_mem[small]:.1f} MB → {base_mem[a.units]:.1f} MB "
              f"(libxlsxwriter 每个工作表的记录 / its record of each worksheet)")
        own_small, own_large = mem[small] - base_mem[small], mem[a.units] - base_mem[a.units]
        own = own_large / own_small if own_small > 0 else float("inf")
        print(f"  kaohe 自身（超出基准部分）/ kaohe's own (above the baseline): {own_small:.1f} MB → "
              f"{own_large:.1f} MB, 增长 / growth {own:.2f}x (目标 / target <= 1.25, flat) {verdict(own <= 1.25)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
