#!/usr/bin/env python3
"""Generates a national-scale assessment year for the benchmarks.

    gen.py KAOHE DB COUNTIES [CSV ROWS]

Creates DB with `kaohe init`, then writes COUNTIES counties, each with two
sampled county departments and two sampled enterprises, straight into
SQLite (a generator, not the code under test), and findings for every item
the county scheme lets a team enter: the county's own items, the 20
industries, 行政执法, and every item of every sheet. With CSV and ROWS it
instead writes a findings CSV of ROWS rows for `kaohe score import` (and
leaves the database without findings).
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
    csv_rows = []
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
        n = 0
        for c, r in own:
            form, v = value(r, i + n)
            n += 1
            findings.append((county, 0, c, form, v))
            csv_rows.append((f"县{i:06d}", c, form, v))
        for sid, kind, name in subs:
            for c, r in (dept if kind == "county-department" else ent):
                form, v = value(r, i + n)
                n += 1
                findings.append((county, sid, c, form, v))
                csv_rows.append((name, c, form, v))
        if csv_path and len(csv_rows) >= rows_wanted:
            break
    cur.executemany("INSERT INTO unit (id, year_id, name, kind, parent_id, industry, sort_order)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", units)
    cur.executemany("INSERT INTO sample_draw (id, year_id, county_id, method, seed, detail, actor, at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", draws)
    cur.executemany("INSERT INTO sample (county_id, unit_id, draw_id) VALUES (?, ?, ?)", samples)
    if csv_path:
        cols = {"count": 2, "conditions": 3, "deduct": 4, "score": 5}
        with open(csv_path, "w", encoding="utf-8") as f:
            f.write("单位,编号,次数,情形,扣分,得分\n")
            for name, c, form, v in csv_rows[:rows_wanted]:
                cells = ["", "", "", ""]
                if form == "conditions":
                    bits = [str(b + 1) for b in range(64) if v >> b & 1]
                    text = "、".join(bits)
                    if not text:  # no condition found: an empty set is a count of none
                        form, text = "conditions", ""
                else:
                    text = str(v) if form == "count" else f"{v // 100}.{v % 100:02d}"
                cells[cols[form] - 2] = text
                if not any(cells):
                    cells[cols["conditions"] - 2] = "0"
                f.write(f"{name},{c},{','.join(cells)}\n")
    else:
        cur.executemany("INSERT INTO finding (unit_id, sheet_id, code, form, value, actor, at)"
                        " VALUES (?, ?, ?, ?, ?, 'bench', '2017-01-05 00:00:00')", findings)
    con.commit()
    con.close()
    print(f"{counties} counties, {len(units)} units, "
          f"{len(csv_rows[:rows_wanted]) if csv_path else len(findings)} findings")


if __name__ == "__main__":
    main()
