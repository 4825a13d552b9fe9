#!/usr/bin/env python3
"""kaohe's web benchmark (issue 8): wrk against a running `kaohe serve` on
the demo year, each measure as a ratio to a baseline run in the same
command (the machines are shared and noisy; nothing absolute is asserted).

    web.py KAOHE [--seconds N] [--runs N]

(a) a signed-in GET of a county's full sheet, against a minimal
    libmicrohttpd server returning the same bytes (bench/mhd_baseline.c).
    Target: at least 0.5 of the baseline's requests per second.
(b) saving one finding (a POST with its CSRF token, committed durably with
    its audit record) with 64 connections, against one program committing
    one row per transaction to an SQLite file with synchronous=FULL
    (bench/sqlite_baseline.c). Target: at least 0.8 of the baseline.
Requests per second and p99 latency are the medians of the runs.
"""
import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTY = "昌黎县"
PASSWORD = "bench-pass-123"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_up(url):
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:
            time.sleep(0.05)
    sys.exit("server did not start: " + url)


def wrk(url, seconds, connections, script=None, env=None):
    """Runs wrk; returns (requests/s, p99 ms)."""
    cmd = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, env=env).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit("wrk saw %s failed responses:\n%s" % (errors.group(1), out))
    return rps, p99


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaohe")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    kaohe = os.path.abspath(a.kaohe)
    tmp = tempfile.mkdtemp(prefix="kaohe-web-bench-")
    procs = []
    try:
        db = os.path.join(tmp, "demo.db")
        env = dict(os.environ, KAOHE_DB=db, KAOHE_USER="bench")
        subprocess.run([kaohe, "demo", db], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([kaohe, "user", "add", "办公室", "--role", "office", "--password-stdin"], env=env,
                       input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
        # the baselines, built here
        cc = os.environ.get("CC", "cc")
        subprocess.run([cc, "-O2", "-o", os.path.join(tmp, "mhd_baseline"), os.path.join(HERE, "mhd_baseline.c"),
                        "-lmicrohttpd"], check=True)
        subprocess.run([cc, "-O2", "-o", os.path.join(tmp, "sqlite_baseline"),
                        os.path.join(HERE, "sqlite_baseline.c"), "-lsqlite3"], check=True)
        threads = str(max(4, os.cpu_count() or 1))
        port = free_port()
        base = "http://127.0.0.1:%d" % port
        procs.append(subprocess.Popen([kaohe, "serve", "--listen", "127.0.0.1:%d" % port, "--quiet"],
                                      env=env, stdout=subprocess.DEVNULL))
        wait_up(base + "/login")
        # sign in as a browser does
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/login").read().decode()
        token = re.search(r'name="_csrf" value="([0-9a-f]+)"', page).group(1)
        opener.open(base + "/login", urllib.parse.urlencode(
            {"_csrf": token, "name": "办公室", "password": PASSWORD, "next": "/"}).encode())
        cookie = "; ".join("%s=%s" % (c.name, c.value) for c in jar if c.name == "kaohe_session")
        home = opener.open(base + "/").read().decode()
        csrf = re.search(r'data-csrf="([0-9a-f]+)"', home).group(1)
        sheet_url = base + "/sheet/" + urllib.parse.quote(COUNTY)
        sheet = opener.open(sheet_url).read()
        page_file = os.path.join(tmp, "sheet.html")
        with open(page_file, "wb") as f:
            f.write(sheet)
        bport = free_port()
        procs.append(subprocess.Popen([os.path.join(tmp, "mhd_baseline"), str(bport), page_file, threads]))
        wait_up("http://127.0.0.1:%d/" % bport)

        get_lua = os.path.join(tmp, "get.lua")
        with open(get_lua, "w") as f:
            f.write('wrk.headers["Cookie"] = "%s"\n' % cookie)
        post_lua = os.path.join(tmp, "post.lua")
        with open(post_lua, "w") as f:
            # every save changes the value (1, 2, 1, …), so each one writes
            f.write('wrk.method = "POST"\n'
                    'wrk.headers["Cookie"] = "%s"\n'
                    'wrk.headers["X-CSRF-Token"] = "%s"\n'
                    'wrk.headers["Accept"] = "application/json"\n'
                    'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                    'local n = 0\n'
                    'request = function()\n'
                    '  n = n + 1\n'
                    '  return wrk.format(nil, nil, nil, "code=1.1.4&count=" .. (n %% 2 + 1))\n'
                    'end\n' % (cookie, csrf))
        ours_get, base_get, ours_post, base_post = [], [], [], []
        for _ in range(a.runs):
            ours_get.append(wrk(sheet_url, a.seconds, 16, get_lua))
            base_get.append(wrk("http://127.0.0.1:%d/" % bport, a.seconds, 16))
            ours_post.append(wrk(sheet_url + "/finding", a.seconds, 64, post_lua))
            out = subprocess.run([os.path.join(tmp, "sqlite_baseline"), os.path.join(tmp, "base.db"),
                                  str(a.seconds)], capture_output=True, text=True, check=True).stdout
            base_post.append(float(out))

        def med(xs, i):
            return statistics.median(x[i] for x in xs)

        def verdict(ok):
            return "达标 met" if ok else "未达标 missed"

        g_ratio = med(ours_get, 0) / med(base_get, 0)
        p_ratio = med(ours_post, 0) / statistics.median(base_post)
        print()
        print("%-46s %12s %10s" % ("测量 / measure", "请求/秒 req/s", "p99 ms"))
        print("%-46s %12.0f %10.2f" % ("(a) GET sheet of %s (%d bytes), 16 conn." % (COUNTY, len(sheet)),
                                        med(ours_get, 0), med(ours_get, 1)))
        print("%-46s %12.0f %10.2f" % ("    baseline: fixed page, libmicrohttpd", med(base_get, 0), med(base_get, 1)))
        print("%-46s %12.2f    %s" % ("    ratio (target >= 0.5)", g_ratio, verdict(g_ratio >= 0.5)))
        print("%-46s %12.0f %10.2f" % ("(b) POST one finding, 64 connections", med(ours_post, 0), med(ours_post, 1)))
        print("%-46s %12.0f" % ("    baseline: one row per commit, sync=FULL", statistics.median(base_post)))
        print("%-46s %12.2f    %s" % ("    ratio (target >= 0.8)", p_ratio, verdict(p_ratio >= 0.8)))
        print("\n%d 次运行的中位数，每次 %d 秒 / medians of %d runs of %d s" % (a.runs, a.seconds, a.runs, a.seconds))
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
