#!/bin/sh
# make bench: builds kaohe (release) and runs the benchmarks: the year's
# computation and imports (bench.py), the web application (web.py), the
# all-units workbook (xlsx.py) and a county's sheet as PDF (pdf.py).
# BENCH_UNITS, BENCH_ROWS, BENCH_RUNS and BENCH_SECONDS make a quicker run.
set -eu
cd "$(dirname "$0")/.."
python3 bench/bench.py ./kaohe --units "${BENCH_UNITS:-20000}" \
	--rows "${BENCH_ROWS:-5000000}" --runs "${BENCH_RUNS:-3}"
python3 bench/web.py ./kaohe --seconds "${BENCH_SECONDS:-10}" --runs "${BENCH_RUNS:-3}"
python3 bench/xlsx.py ./kaohe --units "${BENCH_UNITS:-20000}" --runs "${BENCH_RUNS:-3}"
python3 bench/pdf.py ./kaohe --runs "$(( ${BENCH_RUNS:-3} * 3 ))"
