#!/bin/sh
# Installs the Debian 12 packages kaohe needs, if any is missing.
# Usage: scripts/deps.sh [build|check|bench|fuzz]   (default: build)
# Runs apt-get only when something is missing, so it is cheap to call
# from every make target.
set -eu

need="${1:-build}"

# Debian package : how to tell it is there (pkg-config module or command)
build_pkgs="
gcc:cmd:cc
make:cmd:make
pkg-config:cmd:pkg-config
libyaml-dev:pc:yaml-0.1
libcjson-dev:pc:libcjson
libsqlite3-dev:pc:sqlite3
libsodium-dev:pc:libsodium
libmicrohttpd-dev:pc:libmicrohttpd
libzip-dev:pc:libzip
libexpat1-dev:pc:expat
libxlsxwriter-dev:pc:xlsxwriter
libcairo2-dev:pc:cairo
libpango1.0-dev:pc:pangocairo
fonts-noto-cjk:file:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"
check_pkgs="
sqlite3:cmd:sqlite3
python3:cmd:python3
libcmocka-dev:pc:cmocka
valgrind:cmd:valgrind
curl:cmd:curl
chromium:cmd:chromium
npm:cmd:npm
poppler-utils:cmd:pdftotext
libreoffice-calc-nogui:cmd:soffice
tzdata:file:/usr/share/zoneinfo/Asia/Shanghai
"
bench_pkgs="
wrk:cmd:wrk
time:file:/usr/bin/time
"
fuzz_pkgs="
clang:cmd:clang
libclang-rt-14-dev:file:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
"

list="$build_pkgs"
case "$need" in
check) list="$build_pkgs $check_pkgs" ;;
bench) list="$build_pkgs $check_pkgs $bench_pkgs" ;;
fuzz) list="$build_pkgs $check_pkgs $fuzz_pkgs" ;;
esac

missing=""
for entry in $list; do
	pkg=${entry%%:*}
	rest=${entry#*:}
	kind=${rest%%:*}
	what=${rest#*:}
	case "$kind" in
	cmd) command -v "$what" >/dev/null 2>&1 && continue ;;
	pc) pkg-config --exists "$what" 2>/dev/null && continue ;;
	file) [ -e "$what" ] && continue ;;
	esac
	missing="$missing $pkg"
done

[ -z "$missing" ] && exit 0

echo "kaohe: 正在安装缺少的 Debian 软件包：$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "kaohe: 需要 root 权限安装：$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
