#!/bin/sh
# layers.sh: the layers point one way (doc/architecture.md):
#   cli -> web -> report -> service -> storage -> core, and render -> core.
# Fails naming any include that points the wrong way, and any SQLite
# outside storage.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top/src"
bad=0
# layer: the layers it may include
check() {
	layer=$1
	shift
	for f in "$layer"/*.[ch]; do
		grep -o '#include "\.\./[a-z]*/' "$f" | sed 's/#include "\.\.\///; s/\///' | while read -r dep; do
			ok=0
			for allowed in "$@"; do
				[ "$dep" = "$allowed" ] && ok=1
			done
			[ $ok -eq 1 ] || echo "$f includes ../$dep/ ($layer may use: $*)"
		done
	done
}
out=$( {
	check core
	check storage core
	check service storage core
	check render core
	check report service render core
	check web report service render core
	check cli web report service render core
	grep -l 'sqlite3\.h\|sqlite3_' core/* service/* render/* report/* web/*.[ch] cli/* 2>/dev/null | sed 's/$/ speaks SQLite outside storage/'
} )
if [ -n "$out" ]; then
	echo "$out"
	exit 1
fi
echo "layers: cli -> web -> report -> service -> storage -> core; render -> core"
