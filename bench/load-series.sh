#!/usr/bin/env bash
# Stepped load series (issue 8): for each database a fresh `baton demo`, a short unmeasured warm-up, then one
# load run per rate against that server; reports in target/load/series/, chart in docs/load-p99.svg.
# Usage: bench/load-series.sh [h2] [postgres]   (default: both; from the project root, JAVA_HOME set)
# Settings (environment): RATES="50 100 200 300" CUSTOMERS=1000 AGENTS=5 RAMP=10s DURATION=20s HANDOFF_SHARE=0.05
#   WARMUP=1 (0 skips the warm-up run), WARMUP_DURATION=60s (the JIT compiler needs about a minute on two cores), OUT=target/load/series (reports), SVG=docs/load-p99.svg (chart),
#   LOAD_ARGS="--repeat-texts" (more load tool options for every measured run), SKIP_BUILD=1 when target/test-classes and target/bench-classpath.txt are current
# Measure only on a quiet machine (load average < 2): client and server share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/load-server.sh
RATES="${RATES:-50 100 200 300}"
CUSTOMERS="${CUSTOMERS:-1000}"
AGENTS="${AGENTS:-5}"
RAMP="${RAMP:-10s}"
DURATION="${DURATION:-20s}"
HANDOFF_SHARE="${HANDOFF_SHARE:-0.05}"
out="${OUT:-target/load/series}"
mkdir -p "$out"
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
trap stop_baton EXIT
for database in "${@:-h2 postgres}"; do
  for one in $database; do
    start_baton "$one"
    # Warm the server's JIT and pools so the first step does not pay for them; not reported.
    [ "${WARMUP:-1}" = 0 ] || run_load_tool --url "$BATON_URL" --server-pid "$BATON_PID" --label warmup --customers 500 --agents 2 --rate 50 --ramp 5s \
      --duration "${WARMUP_DURATION:-60s}" --report "$out/warmup-$one.json" >/dev/null
    for rate in $RATES; do
      echo "== $one, $rate msg/s, $CUSTOMERS customers, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
      LOAD_COMMAND="RATES=$rate CUSTOMERS=$CUSTOMERS AGENTS=$AGENTS RAMP=$RAMP DURATION=$DURATION LOAD_ARGS='${LOAD_ARGS:-}' bench/load-series.sh $one" \
        run_load_tool --url "$BATON_URL" --server-pid "$BATON_PID" --label "$one" --customers "$CUSTOMERS" --agents "$AGENTS" \
        --rate "$rate" --ramp "$RAMP" --duration "$DURATION" --handoff-share "$HANDOFF_SHARE" --report "$out/$one-$rate.json" ${LOAD_ARGS:-}
    done
    stop_baton
  done
done
python3 bench/load-chart.py --svg "${SVG:-docs/load-p99.svg}" "$out"/*-[0-9]*.json
