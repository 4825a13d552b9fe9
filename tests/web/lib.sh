# lib.sh: helpers for the web tests. Each test script gets its own copy of
# the demo year with one account per role, runs the real `kaohe serve` on
# a free port, and drives it with curl. Source it after setting KAOHE="$1".
#
#   login ROLE            signs in as the role's account (cookie jar per role)
#   get ROLE PATH         GET; body in out.html, status in $status
#   post ROLE PATH ARGS…  POST with the session's CSRF token (curl -d/-F args)
#   post_json ROLE PATH ARGS…  the same, as the page's script sends it
#   expect_status N, expect_body TEXT, expect_no_body TEXT
set -u
KAOHE=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"
failures=0
export KAOHE_DB="$WORK/web.db"
PASSWORD=secret-pass-1
# The accounts of the demo year, one per role: 部门考核组 assesses the
# city departments, 县区考核组 the counties.
ROLES="office leader member industry enforcement unit viewer"

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

account_of() {
	case $1 in
	office) echo 办公室 ;; leader) echo 组长 ;; member) echo 组员 ;; industry) echo 消防评分 ;;
	enforcement) echo 执法评分 ;; unit) echo 昌黎 ;; viewer) echo 组织部 ;; *) echo "$1" ;;
	esac
}

setup_year() {
	"$KAOHE" demo "$KAOHE_DB" >/dev/null || fail "demo"
	k() { "$KAOHE" "$@"; }
	echo $PASSWORD | k user add 办公室 --role office --password-stdin >/dev/null
	echo $PASSWORD | k user add 组长 --role leader --team 县区考核组 --password-stdin >/dev/null
	echo $PASSWORD | k user add 组员 --role member --team 县区考核组 --password-stdin >/dev/null
	echo $PASSWORD | k user add 消防评分 --role industry --industry 消防 --password-stdin >/dev/null
	echo $PASSWORD | k user add 执法评分 --role enforcement --password-stdin >/dev/null
	echo $PASSWORD | k user add 昌黎 --role unit --unit 昌黎县 --password-stdin >/dev/null
	echo $PASSWORD | k user add 组织部 --role viewer --password-stdin >/dev/null
}

# start_server: serves the year on a free port ($BASE).
start_server() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	BASE="http://127.0.0.1:$port"
	"$KAOHE" serve --listen "127.0.0.1:$port" --quiet >"$WORK/serve.out" 2>"$WORK/serve.err" &
	SERVER_PID=$!
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "$BASE/login" && return 0
		sleep 0.1
	done
	fail "server did not start: $(cat "$WORK/serve.err")"
	return 1
}

# The URL-encoded form of a path with Chinese in it.
url() {
	python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/?=&"))' "$1"
}

login() {
	role=$1
	jar="$WORK/jar.$role"
	rm -f "$jar"
	token=$(curl -s -c "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p')
	status=$(curl -s -o "$WORK/out.html" -w '%{http_code}' -b "$jar" -c "$jar" \
		--data-urlencode "_csrf=$token" --data-urlencode "name=$(account_of "$role")" \
		--data-urlencode "password=$PASSWORD" "$BASE/login")
	[ "$status" = 303 ] || fail "login as $role: $status"
	csrf_of "$role"
}

# csrf_of ROLE: the session's CSRF token, from the start page.
csrf_of() {
	curl -s -b "$WORK/jar.$1" "$BASE/" | sed -n 's/.*data-csrf="\([0-9a-f]*\)".*/\1/p' > "$WORK/csrf.$1"
}

get() {
	role=$1
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$role" "$BASE$(url "$2")")
}

post() {
	role=$1
	path=$2
	shift 2
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$role" -c "$WORK/jar.$role" \
		--data-urlencode "_csrf=$(cat "$WORK/csrf.$role")" "$@" "$BASE$(url "$path")")
}

post_json() {
	role=$1
	path=$2
	shift 2
	status=$(curl -s -o out.html -w '%{http_code}' -b "$WORK/jar.$role" -H 'Accept: application/json' \
		-H "X-CSRF-Token: $(cat "$WORK/csrf.$role")" "$@" "$BASE$(url "$path")")
}

expect_status() {
	[ "$status" = "$1" ] || { fail "status $status, want $1 ($2)"; head -c 600 out.html; echo; }
}

expect_body() {
	grep -qF -- "$1" out.html || { fail "no \"$1\" in the page"; head -c 800 out.html; echo; }
}

expect_no_body() {
	grep -qF -- "$1" out.html && fail "\"$1\" should not be in the page"
	return 0
}

# stop_server: SIGTERM; the server must stop cleanly (exit 0) and leave no
# sanitizer report (ASan's leak check runs at exit).
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	kill -TERM "$SERVER_PID"
	rc=0
	wait "$SERVER_PID" || rc=$?
	SERVER_PID=""
	[ "$rc" -eq 0 ] || fail "the server exited with $rc after SIGTERM"
	if grep -q "Sanitizer\|runtime error" "$WORK/serve.err"; then
		fail "the server's sanitizer report"
		head -60 "$WORK/serve.err"
	fi
}

finish() {
	stop_server
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
