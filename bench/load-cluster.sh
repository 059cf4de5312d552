#!/usr/bin/env bash
# Two-node load run (issue 8): two `baton demo` nodes on one fresh PostgreSQL database (127.0.0.1:5432, baton_load,
# recreated) sharing live events over Redis (127.0.0.1:6379), customers on node A and agents on node B, so every
# handoff reaches the agents through Redis. Stops both nodes on exit. See docs/benchmarks.md, "Scale-out (issue 8)".
# Usage: bench/load-cluster.sh [more load tool options, e.g. --repeat-texts]   (from the project root, JAVA_HOME set)
# Settings (environment): CUSTOMERS=200 AGENTS=5 RATE=20 DURATION=30s RAMP=10s HANDOFF_SHARE=0.05
#   OUT=target/load/cluster.json (report), REDIS_URL=redis://127.0.0.1:6379, PORT_A=18090 PORT_B=18091,
#   WARMUP=1 (0 skips the unreported warm-up), WARMUP_DURATION=60s, SERVER_JVM (default -Xmx1g, each node), SKIP_BUILD=1 when target/test-classes and target/bench-classpath.txt are current
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/load-server.sh
CUSTOMERS="${CUSTOMERS:-200}"
AGENTS="${AGENTS:-5}"
RATE="${RATE:-20}"
DURATION="${DURATION:-30s}"
RAMP="${RAMP:-10s}"
HANDOFF_SHARE="${HANDOFF_SHARE:-0.05}"
OUT="${OUT:-target/load/cluster.json}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
trap stop_baton EXIT
# One node at a time: both run the migrations and the demo seeding, which the second finds done.
start_baton postgres "${PORT_A:-18090}" --redis-url "$REDIS_URL"
url_a="$BATON_URL" pid_a="$BATON_PID" log_a="$BATON_LOG"
start_baton postgres-shared "${PORT_B:-18091}" --redis-url "$REDIS_URL"
url_b="$BATON_URL" log_b="$BATON_LOG"
for log in "$log_a" "$log_b"; do
  if ! grep -q "live events shared through Redis" "$log"; then
    echo "no Redis event bus in $log: the nodes would not see each other's events" >&2
    exit 1
  fi
done
echo "cluster: customers on $url_a, agents on $url_b, events over $REDIS_URL" >&2
# Warm both nodes' JIT the same way (not reported): the compiler takes about a minute of the two cores.
[ "${WARMUP:-1}" = 0 ] || run_load_tool --label warmup --url "$url_a" --customer-urls "$url_a" --agent-url "$url_b" \
  --customers 500 --agents 2 --rate 40 --ramp 5s --duration "${WARMUP_DURATION:-60s}" --report "${OUT%.json}-warmup.json" >/dev/null
LOAD_COMMAND="CUSTOMERS=$CUSTOMERS AGENTS=$AGENTS RATE=$RATE DURATION=$DURATION RAMP=$RAMP bench/load-cluster.sh $*" \
  run_load_tool --label cluster --url "$url_a" --server-pid "$pid_a" --customer-urls "$url_a" --agent-url "$url_b" \
  --customers "$CUSTOMERS" --agents "$AGENTS" --rate "$RATE" --ramp "$RAMP" --duration "$DURATION" --handoff-share "$HANDOFF_SHARE" \
  --report "$OUT" "$@"
