#!/bin/sh
# make bench: builds kaohe (release) and runs the benchmarks.
# BENCH_UNITS, BENCH_ROWS and BENCH_RUNS make a quicker run.
set -eu
cd "$(dirname "$0")/.."
exec python3 bench/bench.py ./kaohe --units "${BENCH_UNITS:-20000}" \
	--rows "${BENCH_ROWS:-5000000}" --runs "${BENCH_RUNS:-3}"
