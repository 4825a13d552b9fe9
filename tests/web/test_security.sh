#!/bin/sh
# The server's security list (issue 8), tested: the headers every answer
# carries; the session cookie (128 random bits, HttpOnly, SameSite=Strict),
# renewed at sign-in, ended at sign-out and after 30 idle minutes; sign-in
# throttled per account (5 failures in 15 minutes) and per address (20);
# the form, header and per-address connection limits; the days left in the
# assessment window; and SIGTERM while a request is under way: the server
# stops taking connections, answers that request and keeps what it
# answered. The server is build/asan/kaohe-fault, whose clock the test
# moves (KAOHE_FAULT_CLOCK, tests/fault/fault.c); nothing else is faulted.
. "$(dirname "$0")/lib.sh"
FAULT=$(dirname "$KAOHE")/kaohe-fault
[ -x "$FAULT" ] || { echo "no $FAULT (make build/asan/kaohe-fault)"; exit 1; }
KAOHE=$FAULT
export TZ=UTC KAOHE_FAULT_CLOCK="$WORK/clock"
clock() { echo "$1" > "$WORK/clock"; }
# 2017-01-10 00:00:00 UTC, in the demo year's window (2017-01-04 to 01-20)
T0=1484006400
clock $T0
setup_year
start_server || finish
dump() { sqlite3 "$KAOHE_DB" .dump | sha256sum; }

# sign_in NAME PASSWORD: a fresh jar $WORK/jar.NAME; $status, headers in head.txt
sign_in() {
	jar="$WORK/jar.$1"
	rm -f "$jar"
	token=$(curl -s -c "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p')
	status=$(curl -s -D head.txt -o out.html -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" \
		--data-urlencode "name=$1" --data-urlencode "password=$2" "$BASE/login")
	[ "$status" = 303 ] && csrf_of "$1"
	return 0
}
session_of() { sed -n 's/.*kaohe_session[[:space:]]*\([0-9a-f]*\)$/\1/p' "$WORK/jar.$1"; }
# home NAME: the start page with the jar's cookie; $status
home() { status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$1" "$BASE/"); }

# ---- the headers, on a page, a script, a download and a 404 -------------------------
sign_in 办公室 "$PASSWORD"
for path in / /static/app.js /template.xlsx /no-such-page; do
	curl -s -D h.txt -o out.html -b "$WORK/jar.办公室" "$BASE$path"
	grep -qi "^Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'" h.txt ||
		fail "$path: no Content-Security-Policy with script-src 'self' and frame-ancestors 'none'"
	grep -qi "unsafe-inline\|unsafe-eval" h.txt && fail "$path: the policy allows inline code"
	grep -qi '^X-Content-Type-Options: nosniff' h.txt || fail "$path: no nosniff"
	grep -qi '^Referrer-Policy: same-origin' h.txt || fail "$path: no Referrer-Policy"
	[ "$path" = / ] && grep -q '<script>\| on[a-z]*="\| style="' out.html && fail "inline code on the start page"
done

# ---- the session cookie: 32 hex digits (128 bits), HttpOnly, SameSite=Strict ---------
grep -qiE '^Set-Cookie: kaohe_session=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Strict' head.txt ||
	fail "the session cookie: $(grep -i '^Set-Cookie: kaohe_session' head.txt)"
first=$(session_of 办公室)
# Renewed at sign-in: signing in again from the same browser (its session
# cookie sent with the sign-in form) gives a new token and ends the old one.
form=$(curl -s -D form.txt "$BASE/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p')
bound=$(sed -n 's/^[Ss]et-[Cc]ookie: kaohe_login=\([0-9a-f]*\);.*/\1/p' form.txt)
status=$(curl -s -D again.txt -o /dev/null -w '%{http_code}' -b "kaohe_login=$bound; kaohe_session=$first" \
	--data-urlencode "_csrf=$form" --data-urlencode "name=办公室" --data-urlencode "password=$PASSWORD" "$BASE/login")
expect_status 303 "signing in again"
second=$(sed -n 's/^[Ss]et-[Cc]ookie: kaohe_session=\([0-9a-f]*\);.*/\1/p' again.txt)
[ -n "$second" ] && [ "$second" != "$first" ] || fail "signing in again kept the token ($first, $second)"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "kaohe_session=$first" "$BASE/")
expect_status 303 "the token from before signing in again"
status=$(curl -s -o out.html -w '%{http_code}' -b "kaohe_session=$second" "$BASE/")
expect_status 200 "the renewed token"
# Ended at sign-out: the token sent again gets the sign-in page.
csrf=$(sed -n 's/.*data-csrf="\([0-9a-f]*\)".*/\1/p' out.html)
status=$(curl -s -o /dev/null -w '%{http_code}' -b "kaohe_session=$second" -d "_csrf=$csrf" "$BASE/logout")
expect_status 303 "sign-out"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "kaohe_session=$second" "$BASE/")
expect_status 303 "the token after sign-out"

# ---- 30 idle minutes (the clock only moves on from here) ---------------------------------
sign_in 组织部 "$PASSWORD"
clock $((T0 + 29 * 60))
home 组织部
expect_status 200 "29 idle minutes"
clock $((T0 + 58 * 60))
home 组织部
expect_status 200 "29 more minutes after a request: idle 29, not 58"
clock $((T0 + 88 * 60 + 1))
home 组织部
expect_status 303 "30 minutes and a second idle"

# ---- throttling per account: 5 failures, then even the right password waits -----------
T1=$((T0 + 90 * 60))
clock $T1
for i in 1 2 3 4 5; do
	sign_in 组员 wrong-password-$i
	expect_status 401 "failure $i"
done
sign_in 组员 "$PASSWORD"
expect_status 429 "the right password after 5 failures"
expect_body "登录失败次数过多，请 15 分钟后再试"
grep -qi '^Set-Cookie: kaohe_session' head.txt && fail "a throttled sign-in got a session"
sign_in 组长 "$PASSWORD"
expect_status 303 "another account from the same address"
clock $((T1 + 15 * 60 + 1))
sign_in 组员 "$PASSWORD"
expect_status 303 "15 minutes later"

# ---- per address: 20 failures on any names, then no account signs in from it -----------
T2=$((T1 + 20 * 60))
clock $T2
for i in $(seq 1 20); do
	sign_in "无此账号$i" wrong-password
	[ "$status" = 401 ] || fail "failure $i from the address: $status"
done
sign_in 执法评分 "$PASSWORD"
expect_status 429 "an untried account from an address with 20 failures"
clock $((T2 + 15 * 60 + 1))
sign_in 执法评分 "$PASSWORD"
expect_status 303 "the address 15 minutes later"

# ---- limits: a form over 1 MB, a header block over 64 KB, 64 connections per address ----
login member
before=$(dump)
python3 -c 'print("code=1.1.4&count=1&note=" + "a" * (1 << 20), end="")' > big.form
status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.member" -H "X-CSRF-Token: $(cat "$WORK/csrf.member")" \
	-H 'Content-Type: application/x-www-form-urlencoded' --data-binary @big.form "$BASE$(url /sheet/昌黎县/finding)")
expect_status 413 "a form over 1 MB"
[ "$(dump)" = "$before" ] || fail "a form over the limit changed the database"
python3 - "$port" <<'PY' || fail "the header and connection limits"
import http.client, socket, sys, time
port = int(sys.argv[1])
def get():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        c.request("GET", "/login")
        return c.getresponse().status
    except (ConnectionError, http.client.HTTPException):
        return "closed"
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nCookie: a=" + b"b" * (70 << 10) + b"\r\n\r\n")
s.settimeout(10)
head = s.recv(64)
assert head.startswith(b"HTTP/1.1 431"), head
s.close()
# 64 connections kept alive, each after a request answered (so the server
# holds each one)
held = []
for _ in range(64):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/login")
    r = c.getresponse()
    r.read()
    assert r.status == 200 and not r.will_close, "a connection was not kept alive"
    held.append(c)
assert get() == "closed", "a 65th connection from one address was served"
for h in held:
    h.close()
time.sleep(0.5)
assert get() == 200, "served again once the 64 were closed"
PY

# ---- the days left in the assessment window (2017-01-04 to 01-20) ------------------------
# still 2017-01-10 (T0 is its midnight, and the clock has moved on by hours)
login office
get office /
expect_body '距考核结束还有 <strong>10</strong> 天'
clock $((T0 + 10 * 86400))
login office
get office /
expect_body '今天是考核的最后一天'
clock $((T0 + 11 * 86400))
login office
get office /
expect_body '考核时间已结束'

# ---- SIGTERM while an upload is under way ---------------------------------------------------
# The client sends the headers and half the file, the server gets SIGTERM,
# a new connection is refused, the client sends the rest: the answer is
# 303 and the file is stored.
files_before=$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM material")
python3 - "$port" "$(sed -n 's/.*kaohe_session[[:space:]]*\([0-9a-f]*\)$/\1/p' "$WORK/jar.office")" \
	"$(cat "$WORK/csrf.office")" "$WORK/half" > upload.txt 2>&1 <<'PY' &
import socket, sys, time, urllib.parse
port, session, csrf, marker = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
data = b"x" * 200000
body = (b'--kaohe-boundary\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n' + csrf.encode() + b"\r\n"
        b'--kaohe-boundary\r\nContent-Disposition: form-data; name="file"; filename="slow.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n" + data + b"\r\n--kaohe-boundary--\r\n")
path = urllib.parse.quote("/materials/昌黎县/upload")
s = socket.create_connection(("127.0.0.1", port))
s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nCookie: kaohe_session=%s\r\nContent-Type: multipart/form-data; boundary=kaohe-boundary\r\n"
           "Content-Length: %d\r\n\r\n" % (path, session, len(body))).encode())
s.sendall(body[:len(body) // 2])
open(marker, "w").close()
# once the server has the signal, a new connection is refused
for _ in range(100):
    time.sleep(0.1)
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        break
else:
    print("new connections were still taken 10 s after SIGTERM")
s.sendall(body[len(body) // 2:])
s.settimeout(20)
print(s.recv(200).split(b"\r\n")[0].decode())
PY
client=$!
for _ in $(seq 1 100); do [ -e "$WORK/half" ] && break; sleep 0.1; done
[ -e "$WORK/half" ] || fail "the upload did not start"
stop_server
wait $client
grep -q 'new connections were still taken' upload.txt && fail "new connections were taken after SIGTERM"
grep -q '^HTTP/1.1 303' upload.txt || fail "the upload under way was not answered: $(cat upload.txt)"
[ "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM material")" = $((files_before + 1)) ] ||
	fail "the upload answered before the stop is not stored"
finish
