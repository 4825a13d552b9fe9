#!/usr/bin/env python3
"""kaohe's PDF benchmark (issue 9, "Performance"): the time to render one
county's sheet as a PDF document, and its ratio to writing the same sheet
as a workbook, both through the real command on the demo year:

    kaohe report sheet 昌黎县 --format pdf  -o FILE
    kaohe report sheet 昌黎县 --format xlsx -o FILE

Each command is run once to warm the caches (fontconfig's, the page
cache), then --runs times; the figures are the medians of the wall times
of the whole command (opening the database and reading the stored results
are in both). If the XLSX writer is not there yet (the command fails), the
baseline is the CSV sheet, and if that fails too, `kaohe explain 昌黎县
--json` (the same sheet's figures as JSON); the output says which.

    python3 bench/pdf.py ./kaohe [--runs 9] [--unit 昌黎县]

Nothing is asserted: the machines are shared and noisy.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd, runs):
    """Median wall time of cmd in seconds, after one run to warm up;
    None if the command fails."""
    if subprocess.run(cmd, capture_output=True).returncode != 0:
        return None
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t)
        if r.returncode != 0:
            return None
    return statistics.median(times)


def pages(path):
    """The page count of a PDF (pdfinfo), or '?'."""
    if not shutil.which("pdfinfo"):
        return "?"
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return line.split()[1]
    return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kaohe")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--unit", default="昌黎县")
    a = ap.parse_args()
    kaohe = os.path.abspath(a.kaohe)
    tmp = tempfile.mkdtemp(prefix="kaohe-pdf-bench-")
    try:
        db = os.path.join(tmp, "demo.db")
        subprocess.run([kaohe, "demo", db], check=True, capture_output=True)
        base = [kaohe, "-d", db, "report", "sheet", a.unit]
        pdf = os.path.join(tmp, "sheet.pdf")
        t_pdf = timed(base + ["--format", "pdf", "-o", pdf], a.runs)
        if t_pdf is None:
            sys.exit("kaohe report sheet --format pdf failed")
        baselines = [
            ("XLSX", base + ["--format", "xlsx", "-o", os.path.join(tmp, "sheet.xlsx")]),
            ("CSV (the XLSX writer failed: a stub?)", base + ["--format", "csv", "-o", os.path.join(tmp, "sheet.csv")]),
            ("explain --json (the XLSX and CSV writers failed: stubs?)",
             [kaohe, "-d", db, "explain", a.unit, "--json"]),
        ]
        for name, cmd in baselines:
            t_base = timed(cmd, a.runs)
            if t_base is not None:
                break
        else:
            sys.exit("no baseline command worked")
        print("PDF sheet of %s: %d runs, medians" % (a.unit, a.runs))
        print("  PDF   %8.1f ms  (%s pages, %d bytes)" % (t_pdf * 1000, pages(pdf), os.path.getsize(pdf)))
        print("  %-5s %8.1f ms  baseline: %s" % (name.split()[0], t_base * 1000, name))
        print("  ratio PDF / baseline: %.2f" % (t_pdf / t_base))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
