#!/usr/bin/env python3
"""matrix.py: the web application's authorisation matrix (issue 8).

Every route of src/web/routes.c is walked with every role, and each must
get exactly what the permission rules allow: src/service/auth.c's table
(the roles of each operation and their scope) and README.md "Accounts
and roles". The roles are those of tests/web/lib.sh on the demo year:

  O office 办公室        L leader 组长, M member 组员 of 县区考核组 (the
  I industry 消防评分    counties 山海关区 北戴河区 抚宁区 昌黎县 卢龙县
  E enforcement 执法评分  北戴河新区; 部门考核组 has the departments)
  U unit 昌黎 (昌黎县)   V viewer 组织部

What is checked:
- every route has a case below (a route added without one fails here);
- every case x role: allowed gets 200/303 (the case may name other
  statuses), refused gets 403; a refused POST changes neither the
  database (sqlite3 .dump) nor the stored files; a page a role may get
  but only in part (its own result, its team's units) does not show
  what the case names as hidden from it;
- an allowed POST does what it says (the database changes, unless the
  case says it only reads) on a fresh copy of the year for each role;
- without a session: a GET goes to /login (303), a POST gets 401, and
  nothing changes;
- every POST without the CSRF token, with a wrong one, and with another
  session's token, sent as the office (who may), gets 403 and changes
  nothing; the sign-in form's own token likewise.
Cases marked with a state run on a copy of the year that is approved and
consented to ("approved") or also published with an objection period
open and objections filed by 昌黎县, 卢龙县 and 安监局 ("published").
Every POST of the open year is also sent in the published one: the roles
it refuses must still get 403 (not be told the year is approved), those
it allows 303 or 409.

Usage: python3 tests/web/matrix.py KAOHE (tests/web/test_matrix.sh)."""

import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import zipfile
import io

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "secret-pass-1"
ROLES = ["office", "leader", "member", "industry", "enforcement", "unit", "viewer"]
LETTER = dict(zip("OLMIEUV", ROLES))
ACCOUNT = {"office": "办公室", "leader": "组长", "member": "组员", "industry": "消防评分",
           "enforcement": "执法评分", "unit": "昌黎", "viewer": "组织部"}
ALL = "OLMIEUV"
CSV_UNITS = "名称,类型,上级,行业,顺序,状态\n昌黎县新设镇,town,昌黎县,,,assessed\n".encode()
CSV_SCORES = "单位,编号,次数,备注\n昌黎县,1.1.4,1,常委会少听取1次\n".encode()


def xlsx_scores():
    """A filled scoring workbook (as `kaohe template xlsx` lays it out) with
    one row: 昌黎县 1.1.4, 1 次."""
    m = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    p = "http://schemas.openxmlformats.org/package/2006/relationships"
    def row(n, values):
        return '<row r="%d">%s</row>' % (n, "".join(
            '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i), n, v) for i, v in enumerate(values)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="评分" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>' % (m, r))
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/'
                   'worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % (p, r))
        z.writestr("xl/worksheets/sheet1.xml", '<worksheet xmlns="%s"><sheetData>%s%s</sheetData></worksheet>' % (
            m, row(1, ["单位", "编号", "规则", "次数"]), row(2, ["昌黎县", "1.1.4", "每次扣5分", "1"])))
    return out.getvalue()


class Case:
    """One request and the roles it allows (letters of ALL)."""

    def __init__(self, method, path, allowed, form=None, files=None, state="base", ok=(200, 303),
                 changes=None, shared=False, special=None, hide=None, probe=False, note=""):
        self.method, self.path, self.state = method, path, state
        self.allowed = {LETTER[c] for c in allowed}
        self.form = form or []              # [(name, value)], or a function of the role
        self.files = files or []            # [(field, filename, bytes)]: sent as multipart
        self.ok = ok                        # the statuses an allowed role may get
        # whether an allowed POST must change the database or the files
        self.changes = method == "POST" and (200 in ok or 303 in ok) if changes is None else changes
        # allowed roles run with the refusals, on one copy (nothing checked but the status)
        self.probe = probe
        self.shared = shared                # allowed roles may run one after another on one copy
        self.special = special              # "login": the sign-in form, checked on its own
        self.note = note
        # what a role may get the page but not see: {letters: [text]}
        self.hide = {LETTER[c]: texts for letters, texts in (hide or {}).items() for c in letters}
        self.route = None

    def fields(self, role):
        return self.form(role) if callable(self.form) else list(self.form)

    def label(self):
        return "%s %s" % (self.method, self.path)

    def shown(self, role=None):
        """The path, the state and the first fields, to tell cases apart."""
        s = self.path + (" (%s)" % self.state if self.state != "base" else "")
        f = " ".join("%s=%s" % kv for kv in self.fields(role or "office")[:2])
        return s + (" " + f[:40] if f else "")


def cases(ids):
    """The table, and each POST of the open year again in the approved and
    published one: the roles it refuses are refused (403) as before, not
    told the year's state; those it allows get 303, or 409 for what an
    approved year refuses."""
    table = open_year(ids)
    again = []
    for c in table:
        if c.method == "POST" and c.state == "base" and not c.special and not c.shared:
            letters = "".join(k for k, r in LETTER.items() if r in c.allowed)
            again.append(Case(c.method, c.path, letters, c.form, c.files, state="published", ok=(200, 303, 409),
                              probe=True, note="the approved year"))
    return table + again


def open_year(ids):
    """The table: each route with concrete requests from the demo year."""
    mcl, mdep, obj = ids["material_changli"], ids["material_anjian"], ids["objection"]
    accident = [("unit", "卢龙县"), ("date", "2016-07-14"), ("deaths", "3"), ("injuries", "2"),
                ("loss", "4200000"), ("industry", "建筑施工"), ("note", "核实后更正的说明"),
                ("reason", "核实后更正")]
    C = Case
    return [
        # signing in and out, one's own password, the year, static files
        C("GET", "/login", ALL, ok=(303,), note="signed in: on to the start page"),
        C("POST", "/login", ALL, special="login"),
        C("POST", "/logout", ALL, changes=False, shared=True),
        C("GET", "/password", ALL),
        C("POST", "/password", ALL, [("old", PASSWORD), ("password", "changed-pass-3"),
                                     ("again", "changed-pass-3")], shared=True),
        C("GET", "/static/app.css", ALL),
        C("GET", "/static/app.js", ALL),
        C("GET", "/", ALL),
        C("GET", "/", ALL, state="published"),
        C("POST", "/year", ALL, [("year", "2016")], changes=False, shared=True),
        # sheets and findings
        C("GET", "/sheets", "OLMIE", hide={"LMIE": ["安监局"]}),
        C("GET", "/sheets", "OLMIE", state="published"),
        C("GET", "/sheet/昌黎县", "OLM"),
        C("GET", "/sheet/安监局", "O", note="部门考核组's department"),
        C("GET", "/sheet/昌黎县交通运输局", "OLM", note="a sampled county department"),
        C("GET", "/sheet/昌黎县", "OLM", state="approved"),
        C("GET", "/sheet/昌黎县", "OLMUV", state="published"),
        C("GET", "/sheet/卢龙县", "OLMV", state="published"),
        C("GET", "/sheet/安监局", "OV", state="published"),
        C("GET", "/sheet/昌黎县/rows", "OLM"),
        C("GET", "/sheet/昌黎县/rows", "OLMUV", state="published"),
        C("GET", "/sheet/卢龙县/rows", "OLMV", state="published"),
        C("POST", "/sheet/昌黎县/finding", "OLM", [("code", "1.1.4"), ("count", "1")]),
        C("POST", "/sheet/安监局/finding", "O", [("code", "1.1.4"), ("count", "1")]),
        C("POST", "/sheet/昌黎县/finding", "OI", [("code", "4.15"), ("score", "85")],
          note="消防: the industry scorer's own score"),
        C("POST", "/sheet/昌黎县/finding", "OE", [("code", "3"), ("score", "90")],
          note="行政执法: the enforcement scorer's"),
        C("POST", "/sheet/昌黎县交通运输局/finding", "OLM", [("code", "2.2.1.3"), ("count", "1")]),
        C("POST", "/sheet/昌黎县/clear", "OLM", [("code", "1.1.8")]),
        C("POST", "/sheet/安监局/clear", "O", [("code", "1.3.5")]),
        C("POST", "/sheet/昌黎县/clear", "OE", [("code", "3")], note="行政执法: the enforcement scorer's"),
        C("POST", "/sheet/卢龙县/clear", "OI", [("code", "4.15")], note="消防: the industry scorer's"),
        C("POST", "/sheet/昌黎县/preview", "OLM", [("code", "1.1.4"), ("count", "2")], changes=False),
        C("POST", "/sheet/安监局/preview", "O", [("code", "1.1.4"), ("count", "2")], changes=False),
        C("POST", "/set-many", "OLM", [("code", "1.1.4"), ("count", "1"), ("unit", "昌黎县"),
                                       ("unit", "抚宁区")]),
        C("POST", "/set-many", "O", [("code", "1.1.4"), ("count", "1"), ("unit", "安监局"),
                                     ("unit", "公安局")], note="units outside the team's scope"),
        C("GET", "/template.xlsx", "OLMIE", note="the scoring workbook of what the role enters"),
        C("GET", "/template.xlsx?team=部门考核组", "O", note="another team's scope"),
        C("POST", "/sheets/import", "OLM", files=[("file", "评分.csv", CSV_SCORES)]),
        C("POST", "/sheets/import", "OLM", files=[("file", "评分.xlsx", xlsx_scores())], note="a filled workbook"),
        # results, decisions, history
        C("GET", "/results", "O"),
        C("GET", "/results", "O", state="approved"),
        C("GET", "/results", "OUV", state="published", hide={"U": ["卢龙县", "安监局"]}),
        C("GET", "/results/chart/county.svg", "O"),
        C("GET", "/results/chart/county-parts.svg", "OUV", state="published", hide={"U": ["卢龙县"]}),
        C("GET", "/results/chart/department.svg", "OUV", state="published", hide={"U": ["安监局"]},
          note="the unit is a county: an empty chart"),
        # documents (the service decides who reads what; a unit only its own)
        C("GET", "/reports/results?format=pdf", "O"),
        C("GET", "/reports/results?format=pdf", "OUV", state="published"),
        C("GET", "/reports/sheet/安监局?format=pdf", "O", note="部门考核组's department"),
        C("GET", "/reports/sheet/昌黎县?format=pdf", "OUV", state="published",
          note="a sheet as a document carries the result: for those who may read it"),
        C("GET", "/reports/sheet/卢龙县?format=pdf", "OV", state="published", note="not the unit's own"),
        C("GET", "/reports/results?format=xlsx", "OUV", state="published"),
        C("GET", "/reports/sheet/昌黎县?format=xlsx", "O"),
        C("GET", "/reports/sheet/昌黎县?format=csv", "OUV", state="published"),
        C("GET", "/reports/sheets", "O"),
        C("GET", "/reports/chart/totals?format=png", "O"),
        C("GET", "/reports/chart/parts?format=svg", "OUV", state="published",
          hide={"U": ["卢龙县", "安监局"]}, note="a unit: its own bar only"),
        C("GET", "/reports/chart/years?format=svg&unit=昌黎县", "OUV", state="published"),
        C("GET", "/reports/chart/years?format=pdf&unit=卢龙县", "OV", state="published",
          note="not the unit's own"),
        C("GET", "/reports/sheets", "OUV", state="published", note="a unit: its own sheet only"),
        C("POST", "/results/compute", "O"),
        C("POST", "/results/grade", "O", [("unit", "昌黎县"), ("grade", "优秀")]),
        C("POST", "/results/approve", "O"),
        C("POST", "/results/consent", "O", [("date", "2017-02-11"), ("ref", "秦政字〔2017〕6号")],
          state="approved"),
        C("POST", "/results/publish", "O", state="approved"),
        C("POST", "/results/reopen", "O", [("reason", "复核后修改评分")], state="published"),
        C("GET", "/history", "OLM", note="a team member chooses one of the team's units"),
        C("GET", "/history?unit=昌黎县", "OLM"),
        C("GET", "/history?unit=安监局", "O"),
        C("GET", "/history?unit=昌黎县交通运输局", "OLM"),
        C("POST", "/history/verify", "O", changes=False),
        # samples, industry scores, accidents, the daily assessment
        C("GET", "/samples", "OLM"),
        C("GET", "/samples/卢龙县", "OLM"),
        C("POST", "/samples/卢龙县/draw", "OLM", [("seed", "7"), ("town", "-1")]),
        C("POST", "/samples/卢龙县/set", "OLM", [("unit", "卢龙县第二示例镇")]),
        C("GET", "/samples/海港区", "OLM", note="reading samples is not limited to the scope"),
        C("POST", "/samples/海港区/draw", "O", [("seed", "7"), ("town", "1")], note="outside the team's scope"),
        C("POST", "/samples/海港区/set", "O", [("unit", "海港区示例镇")]),
        C("GET", "/industry", "OIE"),
        C("POST", "/industry", "OI", [("unit", "昌黎县"), ("code", "4.15"), ("score", "85")]),
        C("POST", "/industry", "OE", [("unit", "卢龙县"), ("code", "3"), ("score", "91")]),
        C("POST", "/industry", "O", [("unit", "卢龙县"), ("code", "4.14"), ("score", "80")],
          note="another industry's score"),
        C("GET", "/accidents", "OLM"),
        C("GET", "/accidents/1", "OLM"),
        C("POST", "/accidents", "O", [("unit", "昌黎县"), ("date", "2016-05-05"), ("deaths", "0"),
                                      ("injuries", "1"), ("loss", "1000")]),
        C("POST", "/accidents/1/edit", "O", accident),
        C("POST", "/accidents/1/remove", "O", [("remove_reason", "误录")]),
        C("GET", "/daily", "OLM"),
        C("GET", "/daily/1", "OLM"),
        C("POST", "/daily", "O", [("title", "专题会议"), ("target", "county"), ("kind", "meeting"),
                                  ("due", "2016-03-01")]),
        C("POST", "/daily/rule", "O", [("target", "county"), ("outcome", "absent"), ("deduct", "3")]),
        C("POST", "/daily/1/record", "O", [("rows", "1"), ("unit0", "昌黎县"), ("outcome0", "absent")]),
        C("POST", "/daily/1/record", "O", [("rows", "1"), ("unit0", "昌黎县"), ("outcome0", "attended")],
          changes=False, note="the outcome as it stands: nothing to record"),
        # verification, objections, materials
        C("GET", "/review", "OLM", hide={"LM": ["安监局"]}),
        C("POST", "/review/昌黎县/submit", "OL"),
        C("POST", "/review/安监局/submit", "O"),
        C("POST", "/review/卢龙县/verify", "O", note="submitted when the year was set up"),
        C("POST", "/review/卢龙县/return", "O", [("remark", "请补充抽查记录")]),
        C("GET", "/objections", "OLMU"),
        C("GET", "/objections", "OLMU", state="published",
          hide={"LM": ["安监局来函异议"], "U": ["卢龙县来函异议", "安监局来函异议"]}),
        C("POST", "/objections", "OU", [("unit", "昌黎县"), ("code", "2.1.2"), ("text", "扣分有误"),
                                        ("evidence", "会议纪要")],
          [("file", "纪要.txt", "会议纪要\n".encode())], state="published"),
        C("POST", "/objections", "O", [("unit", "卢龙县"), ("text", "对结果有异议"), ("evidence", "来函")],
          state="published", note="another unit's result"),
        C("POST", "/objections/period", "O", [("from", "2017-03-01"), ("to", "2017-03-31")]),
        C("POST", "/objections/%d/evidence" % obj, "OU", files=[("file", "补充.txt", "补充证据\n".encode())],
          state="published"),
        C("POST", "/objections/%d/answer" % obj, "O", [("outcome", "upheld"), ("answer", "经核实，维持原评分")],
          state="published"),
        C("GET", "/materials", "OLMU", hide={"LM": ["安监局"], "U": ["卢龙县", "安监局"]}),
        C("GET", "/materials/昌黎县", "OLMU"),
        C("GET", "/materials/卢龙县", "OLM"),
        C("GET", "/materials/安监局", "O"),
        C("GET", "/materials/file/%d" % mcl, "OLMU"),
        C("GET", "/materials/file/%d" % mdep, "O"),
        C("GET", "/materials/昌黎县/zip", "OLMU"),
        C("GET", "/materials/安监局/zip", "O"),
        C("POST", "/materials/昌黎县/upload", "OLMU", [("code", "1.1.4")],
          [("file", "检查表.txt", "检查表\n".encode())]),
        C("POST", "/materials/卢龙县/upload", "OLM", files=[("file", "检查表.txt", "检查表\n".encode())],
          note="another county: not the unit's"),
        C("POST", "/materials/安监局/upload", "O", files=[("file", "部门.txt", "部门资料\n".encode())]),
        C("POST", "/materials/昌黎县/link", "OLMU", [("code", "1.1.5"), ("title", "调研记录"),
                                                    ("url", "http://oa.example/doc/1")]),
        C("POST", "/materials/昌黎县/remove", "OLMU", [("id", str(mcl))]),
        C("POST", "/materials/安监局/remove", "O", [("id", str(mdep))]),
        C("POST", "/materials/昌黎县/remove", "O", [("id", str(mdep))],
          note="安监局's material under 昌黎县's path"),
        # the year, accounts, units and teams
        C("GET", "/admin", "O"),
        C("GET", "/admin/user?name=组长", "O"),
        C("POST", "/admin/year/carry", "O", [("year", "2017"), ("from", "2016")]),
        C("POST", "/admin/year/template", "O", [("year", "2017"), ("template", "qhd-2016")]),
        C("POST", "/admin/users", "O", [("name", "新账号"), ("role", "viewer"),
                                        ("password", "another-pass-2"), ("again", "another-pass-2")]),
        C("POST", "/admin/user/disable", "O", [("name", "组织部"), ("reason", "离岗")]),
        C("POST", "/admin/user/password", "O", [("name", "组长"), ("password", "another-pass-2"),
                                                ("again", "another-pass-2")]),
        C("POST", "/admin/user/password", "",
          lambda role: [("name", ACCOUNT[role]), ("password", "another-pass-2"), ("again", "another-pass-2")],
          note="one's own, without the old password"),
        C("GET", "/units", ALL),
        C("GET", "/units/edit?unit=昌黎县", ALL, note="read only but for the office"),
        C("POST", "/units", "O", [("name", "新县"), ("kind", "county")]),
        C("POST", "/units/import", "O", files=[("file", "units.csv", CSV_UNITS)]),
        C("POST", "/units/edit", "O", [("unit", "误登记镇"), ("name", "昌黎县新设乡")]),
        C("POST", "/units/remove", "O", [("unit", "误登记镇"), ("reason", "误登记")]),
        C("GET", "/teams", "OLM"),
        C("POST", "/teams", "O", [("name", "第三考核组")]),
        C("POST", "/teams/member", "O", [("team", "县区考核组"), ("name", "张三"), ("role", "member")]),
        C("POST", "/teams/assign", "O", [("team", "县区考核组"), ("unit", "海港区")]),
    ]


# ---- the route table ----------------------------------------------------------

def read_routes():
    text = open(os.path.join(TOP, "src/web/routes.c"), encoding="utf-8").read()
    routes = []
    for m in re.finditer(r'\{"(GET|POST)", "([^"]+)", (\w+), ([^,]+), "([^"]*)"\}', text):
        routes.append({"method": m.group(1), "pattern": m.group(2), "handler": m.group(3),
                       "public": "ROUTE_PUBLIC" in m.group(4), "title": m.group(5)})
    return routes


def matches(pattern, path):
    """As routes.c's match: '*' is one non-empty path segment."""
    rx = "^" + "/".join("[^/]+" if seg == "*" else re.escape(seg) for seg in pattern.split("/")) + "$"
    return re.match(rx, path) is not None


def route_of(routes, method, path):
    path = path.split("?")[0]
    for r in routes:
        if r["method"] == method and matches(r["pattern"], path):
            return r
    return None


# ---- HTTP ------------------------------------------------------------------------

class Jar:
    """One browser: its cookies and its session's CSRF token."""

    def __init__(self):
        self.cookies = {}
        self.csrf = None

    def header(self):
        return "; ".join("%s=%s" % kv for kv in self.cookies.items())

    def take(self, resp):
        for k, v in resp.getheaders():
            if k.lower() != "set-cookie":
                continue
            name, _, rest = v.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in v:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value


def multipart(fields, files):
    boundary = "kaohe-matrix-" + os.urandom(8).hex()
    out = b""
    for k, v in fields:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, k, v)).encode()
    for k, name, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                'Content-Type: application/octet-stream\r\n\r\n' % (boundary, k, name)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary


def request(port, method, path, jar=None, fields=(), files=(), csrf=None):
    """One request; returns (status, location, body). csrf: the token to send, or None."""
    fields = list(fields)
    if method == "POST" and csrf is not None:
        fields = [("_csrf", csrf)] + fields
    headers = {}
    body = None
    if jar and jar.cookies:
        headers["Cookie"] = jar.header()
    if method == "POST":
        if files:
            body, headers["Content-Type"] = multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        c.request(method, urllib.parse.quote(path, safe="/?=&"), body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        if jar:
            jar.take(r)
        return r.status, r.getheader("Location") or "", data
    finally:
        c.close()


class Server:
    """`kaohe serve` on a free port over one database file."""

    def __init__(self, kaohe, db, work):
        self.db = db
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.err = os.path.join(work, "serve.err")
        env = dict(os.environ, KAOHE_DB=db)
        self.proc = subprocess.Popen([kaohe, "serve", "--listen", "127.0.0.1:%d" % self.port, "--quiet"],
                                     env=env, stdout=subprocess.DEVNULL, stderr=open(self.err, "wb"))
        for _ in range(300):
            try:
                request(self.port, "GET", "/login")
                break
            except OSError:
                time.sleep(0.02)
        else:
            raise RuntimeError("the server did not start: " + open(self.err, encoding="utf-8", errors="replace").read())
        self.jars = {}

    def login(self, role):
        jar = Jar()
        status, _, body = request(self.port, "GET", "/login", jar)
        token = re.search(rb'name="_csrf" value="([0-9a-f]+)"', body).group(1).decode()
        status, _, _ = request(self.port, "POST", "/login", jar, [("name", ACCOUNT[role]), ("password", PASSWORD)],
                               csrf=token)
        if status != 303:
            raise RuntimeError("signing in as %s: %d" % (role, status))
        self.refresh(jar)
        self.jars[role] = jar
        return jar

    def refresh(self, jar):
        """The session's CSRF token, from the start page."""
        _, _, body = request(self.port, "GET", "/", jar)
        m = re.search(rb'data-csrf="([0-9a-f]+)"', body)
        jar.csrf = m.group(1).decode() if m else None

    def stop(self):
        """SIGTERM: the server must stop cleanly and leave no sanitizer report."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        problems = []
        if rc != 0:
            problems.append("the server exited with %d after SIGTERM" % rc)
        text = open(self.err, encoding="utf-8", errors="replace").read()
        if "Sanitizer" in text or "runtime error" in text:
            problems.append("sanitizer report:\n" + text[:3000])
        return problems


# ---- the year and its copies ---------------------------------------------------------

def kaohe_cli(kaohe, db, *args, stdin=None):
    r = subprocess.run([kaohe] + list(args), env=dict(os.environ, KAOHE_DB=db), input=stdin,
                       capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("kaohe %s: %s" % (" ".join(args), r.stderr.decode(errors="replace")))
    return r.stdout.decode()


def copy_year(src, dst):
    """A copy of a database no server has open, with its stored files."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.unlink(dst + suffix)
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dst + suffix)
    if os.path.exists(dst + ".files"):
        shutil.rmtree(dst + ".files")
    if os.path.exists(src + ".files"):
        shutil.copytree(src + ".files", dst + ".files")


def setup(kaohe, work):
    """The demo year with lib.sh's accounts, a material of 昌黎县 and one of
    安监局, 卢龙县's sheet submitted, a unit without records, a town of
    海港区 (a county outside 县区考核组's scope) to sample, computed; then
    the approved copy and the published one, with objections of 昌黎县,
    卢龙县 and 安监局."""
    base = os.path.join(work, "base.db")
    k = lambda *a, **kw: kaohe_cli(kaohe, base, *a, **kw)
    k("demo", base)
    for name, args in [("办公室", ["--role", "office"]),
                       ("组长", ["--role", "leader", "--team", "县区考核组"]),
                       ("组员", ["--role", "member", "--team", "县区考核组"]),
                       ("消防评分", ["--role", "industry", "--industry", "消防"]),
                       ("执法评分", ["--role", "enforcement"]),
                       ("昌黎", ["--role", "unit", "--unit", "昌黎县"]),
                       ("组织部", ["--role", "viewer"])]:
        k("user", "add", name, *args, "--password-stdin", stdin=(PASSWORD + "\n").encode())
    note = os.path.join(work, "纪要.txt")
    with open(note, "w", encoding="utf-8") as f:
        f.write("会议纪要\n")
    ids = {}
    ids["material_changli"] = int(re.search(r"资料 (\d+)", k("material", "add", "昌黎县", note, "--item", "1.1.4")).group(1))
    ids["material_anjian"] = int(re.search(r"资料 (\d+)", k("material", "add", "安监局", note, "--item", "1.1.1")).group(1))
    k("review", "submit", "卢龙县")
    k("unit", "add", "误登记镇", "--kind", "town", "--parent", "昌黎县")
    k("unit", "add", "海港区示例镇", "--kind", "town", "--parent", "海港区")
    k("compute")
    approved = os.path.join(work, "approved.db")
    copy_year(base, approved)
    kaohe_cli(kaohe, approved, "approve")
    kaohe_cli(kaohe, approved, "consent", "--date", "2017-02-10", "--ref", "秦政字〔2017〕5号")
    published = os.path.join(work, "published.db")
    copy_year(approved, published)
    kp = lambda *a: kaohe_cli(kaohe, published, *a)
    kp("publish")
    kp("objection", "period", "2000-01-01", "2999-12-31")
    out = kp("objection", "file", "昌黎县", "--text", "会议纪要已提供，不应扣分", "--evidence",
             "2016年第3次常委会会议纪要", "--item", "2.1.1")
    ids["objection"] = int(re.search(r"编号 (\d+)", out).group(1))
    kp("objection", "file", "卢龙县", "--text", "卢龙县来函异议", "--evidence", "来函")
    kp("objection", "file", "安监局", "--text", "安监局来函异议", "--evidence", "来函")
    return {"base": base, "approved": approved, "published": published}, ids


def fingerprint(db):
    """The database's content and the stored files, as one hash."""
    r = subprocess.run(["sqlite3", db, ".dump"], capture_output=True, check=True)
    h = hashlib.sha256(r.stdout)
    top = db + ".files"
    for root, dirs, files in os.walk(top):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(root, name)
            h.update(os.path.relpath(p, top).encode())
            with open(p, "rb") as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def why_refused(body):
    """The message of a refusal page, for the report."""
    text = body.decode(errors="replace")
    m = re.search(r'class="error"[^>]*>([^<]*)<', text)
    return m.group(1) if m else " ".join(re.sub(r"<[^>]+>", " ", text).split())[:80]


# ---- the checks -------------------------------------------------------------------------

class Matrix:
    def __init__(self, kaohe, work, states, table, routes):
        self.kaohe, self.work, self.states = kaohe, work, states
        self.table, self.routes = table, routes
        self.failures = []    # (route, request, role, got, want)
        self.checked = 0

    def fail(self, case, role, got, want):
        route = case.route["method"] + " " + case.route["pattern"] if case.route else "?"
        self.failures.append((route, case.shown(role if role in ROLES else None), role, got, want))

    def server(self, state):
        """A server over a fresh copy of the state's year."""
        db = os.path.join(self.work, "run.db")
        copy_year(self.states[state], db)
        return Server(self.kaohe, db, self.work)

    def stopped(self, srv, what):
        for p in srv.stop():
            self.failures.append(("(server)", what, "-", p, "a clean stop"))

    def coverage(self):
        for c in self.table:
            c.route = route_of(self.routes, c.method, c.path)
            if not c.route:
                self.failures.append(("(table)", c.label(), "-", "no route matches", "a route"))
        for r in self.routes:
            if not any(c.route is r for c in self.table):
                self.failures.append(("%s %s" % (r["method"], r["pattern"]), "(no case)", "-",
                                      "not in the matrix", "a case in tests/web/matrix.py"))

    @staticmethod
    def want(case, role):
        return "/".join(map(str, case.ok)) if role in case.allowed else "403"

    def no_session(self):
        """Without a session: every route but the public ones sends a GET to
        /login and answers a POST 401, changing nothing."""
        srv = self.server("base")
        before = fingerprint(srv.db)
        seen = set()
        for c in self.table:
            if c.special or (c.route["pattern"], c.method) in seen:
                continue
            seen.add((c.route["pattern"], c.method))
            status, loc, _ = request(srv.port, c.method, c.path, None, c.fields("office"), c.files)
            self.checked += 1
            if c.route["public"]:
                if status != 200:
                    self.fail(c, "(no session)", str(status), "200")
            elif c.method == "GET":
                if status != 303 or not loc.startswith("/login?next="):
                    self.fail(c, "(no session)", "%d %s" % (status, loc), "303 /login?next=…")
            elif status != 401:
                self.fail(c, "(no session)", str(status), "401")
        if fingerprint(srv.db) != before:
            self.failures.append(("*", "(no session)", "-", "the database changed", "no change"))
        self.stopped(srv, "no session")

    def gets(self, state):
        """Every GET case of the state x every role, on one server; nothing changes."""
        todo = [c for c in self.table if c.method == "GET" and c.state == state]
        if not todo:
            return
        by_path = {c.path: c for c in todo}
        srv = self.server(state)
        for role in ROLES:
            srv.login(role)
        before = fingerprint(srv.db)
        for c in todo:
            for role in ROLES:
                status, loc, body = request(srv.port, "GET", c.path, srv.jars[role])
                self.checked += 1
                good = status in c.ok if role in c.allowed else status == 403
                if not good:
                    self.fail(c, role, str(status) + (" " + loc if loc else ""), self.want(c, role))
                for text in c.hide.get(role, []) if status == 200 else []:
                    if text.encode() in body:
                        self.fail(c, role, "shows " + text, "not shown")
                if status == 200:
                    self.dead_links(c, role, body, by_path)
        if fingerprint(srv.db) != before:
            self.failures.append(("GET *", "(%s)" % state, "-", "the database changed", "no change"))
        self.stopped(srv, "GET " + state)

    def dead_links(self, c, role, body, by_path):
        """A page links only to pages its reader may open: every link to a
        GET case of the table (its path, without query or fragment) is one
        the role is allowed."""
        for href in set(re.findall(rb'href="(/[^"#?]*)', body)):
            path = urllib.parse.unquote(href.decode())
            target = by_path.get(path)
            if target and role not in target.allowed:
                self.fail(c, role, "links to " + path, "no link to a page it may not open")

    def refusals(self, state):
        """Every POST case of the state: each refused role, then the office
        without the CSRF token, with a wrong one and with the leader's; all
        403 and nothing changed. One server while nothing changes. A probe
        case's allowed roles follow on the same server (their statuses as
        the case says; a change starts the next case on a fresh copy)."""
        todo = [c for c in self.table if c.method == "POST" and c.state == state and not c.special]
        srv = None
        for c in todo:
            tries = [(role, role, True) for role in ROLES if role not in c.allowed]
            tries += [("office", "office: no CSRF token", None), ("office", "office: wrong CSRF token", "wrong"),
                      ("office", "office: the leader's CSRF token", "leader")]
            if c.probe:
                tries += [(role, role, True) for role in ROLES if role in c.allowed]
            for role, who, token in tries:
                if srv is None:
                    srv = self.server(state)
                    for r in ROLES:
                        srv.login(r)
                    now = fingerprint(srv.db)
                csrf = {True: srv.jars[role].csrf, None: None, "wrong": "0123456789abcdef0123456789abcdef",
                        "leader": srv.jars["leader"].csrf}[token]
                status, loc, body = request(srv.port, "POST", c.path, srv.jars[role], c.fields(role), c.files,
                                            csrf=csrf)
                self.checked += 1
                after = fingerprint(srv.db)
                allowed = token is True and role in c.allowed
                if allowed:
                    if status not in c.ok:
                        self.fail(c, who, "%d %s" % (status, why_refused(body)), self.want(c, role))
                else:
                    if status != 403:
                        self.fail(c, who, str(status) + (" " + loc if loc else ""), "403")
                    if after != now:
                        self.fail(c, who, "changed the database or the files", "no change")
                if after != now:
                    # start again from the state as it was
                    self.stopped(srv, c.label())
                    srv = None
        if srv is not None:
            self.stopped(srv, "POST refusals " + state)

    def allowed(self):
        """Every POST case x each allowed role, on a fresh copy of its year
        (or one copy for cases whose roles do not meet): 200/303, and the
        database changed when the case changes something."""
        for c in self.table:
            if c.method != "POST" or c.special or c.probe or not c.allowed:
                continue
            roles = [r for r in ROLES if r in c.allowed]
            groups = [roles] if c.shared else [[r] for r in roles]
            for group in groups:
                srv = self.server(c.state)
                for role in group:
                    srv.login(role)
                for role in group:
                    before = fingerprint(srv.db)
                    status, loc, body = request(srv.port, "POST", c.path, srv.jars[role], c.fields(role),
                                                c.files, csrf=srv.jars[role].csrf)
                    self.checked += 1
                    if status not in c.ok:
                        self.fail(c, role, "%d %s" % (status, why_refused(body)), self.want(c, role))
                    elif c.changes and fingerprint(srv.db) == before:
                        self.fail(c, role, "%d but nothing changed" % status, "a change")
                self.stopped(srv, c.label())

    def login_form(self):
        """The sign-in form: its own token (bound to a cookie) is required."""
        c = next(c for c in self.table if c.special == "login")
        srv = self.server("base")
        before = fingerprint(srv.db)
        for role in ROLES:
            fields = [("name", ACCOUNT[role]), ("password", PASSWORD)]
            for who, kind in [(role, "right"), (role + ": no CSRF token", None), (role + ": wrong CSRF token", "wrong"),
                              (role + ": another form's token", "other")]:
                jar, other = Jar(), Jar()
                _, _, body = request(srv.port, "GET", "/login", jar)
                token = re.search(rb'name="_csrf" value="([0-9a-f]+)"', body).group(1).decode()
                _, _, body = request(srv.port, "GET", "/login", other)
                other_token = re.search(rb'name="_csrf" value="([0-9a-f]+)"', body).group(1).decode()
                send = {"right": token, None: None, "wrong": "0123456789abcdef0123456789abcdef",
                        "other": other_token}[kind]
                status, loc, _ = request(srv.port, "POST", "/login", jar, fields, csrf=send)
                self.checked += 1
                want = "303" if kind == "right" else "403"
                if str(status) != want:
                    self.fail(c, who, str(status), want)
                signed_in = "kaohe_session" in jar.cookies
                if signed_in != (kind == "right"):
                    self.fail(c, who, "signed in" if signed_in else "not signed in",
                              "signed in" if kind == "right" else "not signed in")
        if fingerprint(srv.db) != before:
            self.failures.append(("POST /login", "(sign-in)", "-", "the database changed", "no change"))
        self.stopped(srv, "sign-in")

    def report(self):
        if not self.failures:
            print("matrix: %d requests over %d routes and %d cases, all as the rules allow" %
                  (self.checked, len(self.routes), len(self.table)))
            return 0
        head = ("route", "request", "role", "got", "want")
        rows = [head] + [tuple(str(x) for x in f) for f in self.failures]
        width = lambda s: sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
        cols = [min(48, max(width(r[i]) for r in rows)) for i in range(4)]
        for r in rows:
            print("  ".join(r[i] + " " * max(0, cols[i] - width(r[i])) for i in range(4)) + "  " + r[4])
        print("matrix: %d of %d requests not as the rules allow" % (len(self.failures), self.checked))
        return 1


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: matrix.py KAOHE")
    kaohe = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="kaohe-matrix-")
    try:
        t0 = time.time()
        states, ids = setup(kaohe, work)
        m = Matrix(kaohe, work, states, cases(ids), read_routes())
        m.coverage()
        if any(f[0] == "(table)" for f in m.failures):
            return m.report()
        m.no_session()
        for state in states:
            m.gets(state)
        for state in states:
            m.refusals(state)
        m.allowed()
        m.login_form()
        rc = m.report()
        print("matrix: %.0f s" % (time.time() - t0))
        return rc
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
