#!/usr/bin/env python3
"""Generates a national-scale assessment year for the benchmarks.

    gen.py KAOHE DB COUNTIES [CSV ROWS]

Creates DB with `kaohe init`, then writes COUNTIES counties, each with two
sampled county departments and two sampled enterprises, straight into
SQLite (a generator, not the code under test), and findings for every item
the county scheme lets a team enter: the county's own items, the 20
industries, 行政执法, and every item of every sheet. The daily assessment
(方案三（一）日常考核) has ten tasks with an outcome for every county, and
one county in ten has a general accident, so compute reads every kind of
record a year holds. With CSV and ROWS it instead writes a findings CSV of
ROWS rows for `kaohe score import`, streamed (the generator's memory stays
flat too), and leaves the database without findings.
"""
import json
import os
import sqlite3
import subprocess
import sys


def leaves(node, out, sheet=None):
    if node.get("scoring") == "sheets":
        sheet = node["sample"]
    if not node["children"] and node["code"]:
        out.append((node["code"], node["rule"], sheet))
    for c in node["children"]:
        leaves(c, out, sheet)


def value(rule, i):
    """A finding of the form the rule takes, varied by i."""
    t = rule["type"]
    if t in ("per", "steps", "earn"):
        return "count", i % 3
    if t in ("conditions", "fixed"):
        n = len(rule.get("conditions", [None]))
        return "conditions", 1 << (i % n) if i % 4 == 0 else 0
    if t == "judged":
        return "deduct", (i % 3) * 50
    return "score", 8000 + (i * 37) % 2000


COLUMNS = {"count": 0, "conditions": 1, "deduct": 2, "score": 3}


def csv_line(name, code, form, v):
    """One row of a findings CSV: the value in its form's column."""
    cells = ["", "", "", ""]
    if form == "conditions":
        text = "、".join(str(b + 1) for b in range(64) if v >> b & 1) or "0"
    elif form == "count":
        text = str(v)
    else:
        text = f"{v // 100}.{v % 100:02d}"
    cells[COLUMNS[form]] = text
    return f"{name},{code},{','.join(cells)}\n"


def main():
    kaohe, db, counties = sys.argv[1], sys.argv[2], int(sys.argv[3])
    csv_path = sys.argv[4] if len(sys.argv) > 4 else None
    rows_wanted = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    env = dict(os.environ, KAOHE_DB=db, KAOHE_USER="bench")
    subprocess.run([kaohe, "init", "--year", "2016"], env=env, check=True, stdout=subprocess.DEVNULL)
    tree = json.loads(subprocess.run([kaohe, "scheme", "show", "qhd-2016-county", "--json"],
                                     check=True, capture_output=True).stdout)
    items = []
    leaves(tree, items)
    daily = {"5.1", "5.2", "5.3", "5.4", "5.5"}
    own = [(c, r) for c, r, s in items if s is None and c not in daily and c != "4.1.2"]
    dept = [(c, r) for c, r, s in items if s == "county-department"]
    ent = [(c, r) for c, r, s in items if s == "enterprise"]

    con = sqlite3.connect(db)
    con.execute("PRAGMA synchronous=OFF")
    year_id = con.execute("SELECT id FROM year").fetchone()[0]
    cur = con.cursor()
    uid = 0
    units, samples, draws, findings = [], [], [], []
    outcomes, accidents = [], []
    written = 0
    out = open(csv_path, "w", encoding="utf-8") if csv_path else None
    if out:
        out.write("单位,编号,次数,情形,扣分,得分\n")
    kinds = ("meeting", "feedback", "report", "summary", "other")
    tasks = [(t + 1, year_id, f"日常任务{t + 1}", "county", kinds[t % 5], f"2016-{t + 2:02d}-15")
             for t in range(0 if csv_path else 10)]
    results = ("attended", "absent") , ("on-time", "late", "missing")
    for i in range(counties):
        uid += 1
        county = uid
        units.append((county, year_id, f"县{i:06d}", "county", None, None, i + 1))
        draws.append((county, year_id, county, "set", None, "bench", "bench", "2017-01-05 00:00:00"))
        subs = []
        for k, (kind, ind) in enumerate((("county-department", "交通"), ("county-department", "教育"),
                                         ("enterprise", "危险化学品"), ("enterprise", "交通运输"))):
            uid += 1
            units.append((uid, year_id, f"县{i:06d}单位{k}", kind, county, ind, k + 1))
            samples.append((county, uid, county))
            subs.append((uid, kind, f"县{i:06d}单位{k}"))
        for t in tasks:
            choices = results[0] if t[4] == "meeting" else results[1]
            o = choices[(i + t[0]) % len(choices)]
            outcomes.append((t[0], county, o, 2 if o == "late" else 0))
        if i % 10 == 0 and not csv_path:
            accidents.append((year_id, county, f"2016-{i % 12 + 1:02d}-10", 1, 0, 500000, "危险化学品"))
        n = 0
        rows = [(county, 0, f"县{i:06d}", c, r) for c, r in own]
        for sid, kind, name in subs:
            rows += [(county, sid, name, c, r) for c, r in (dept if kind == "county-department" else ent)]
        for unit, sheet, name, c, r in rows:
            form, v = value(r, i + n)
            n += 1
            if out:
                if written < rows_wanted:
                    out.write(csv_line(name, c, form, v))
                    written += 1
            else:
                findings.append((unit, sheet, c, form, v))
        if out and written >= rows_wanted:
            break
    cur.executemany("INSERT INTO unit (id, year_id, name, kind, parent_id, industry, sort_order)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", units)
    cur.executemany("INSERT INTO sample_draw (id, year_id, county_id, method, seed, detail, actor, at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", draws)
    cur.executemany("INSERT INTO sample (county_id, unit_id, draw_id) VALUES (?, ?, ?)", samples)
    cur.executemany("INSERT INTO daily_task (id, year_id, title, target, kind, due) VALUES (?, ?, ?, ?, ?, ?)",
                    tasks)
    cur.executemany("INSERT INTO daily_outcome (task_id, unit_id, outcome, days_late) VALUES (?, ?, ?, ?)",
                    outcomes)
    cur.executemany("INSERT INTO accident (year_id, county_id, date, deaths, injuries, loss, industry)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", accidents)
    cur.executemany("INSERT INTO finding (unit_id, sheet_id, code, form, value, actor, at)"
                    " VALUES (?, ?, ?, ?, ?, 'bench', '2017-01-05 00:00:00')", findings)
    if out:
        out.close()
    con.commit()
    con.close()
    print(f"{len(units)} units, {written if csv_path else len(findings)} findings, "
          f"{len(outcomes)} daily outcomes, {len(accidents)} accidents")


if __name__ == "__main__":
    main()
