#!/usr/bin/env bash
# Load harness (issue 8): customers chatting with the demo bot and agents working the handoffs, against a
# running Baton; progress bar while it runs, JSON report at the end. See docs/benchmarks.md, "Scale-out (issue 8)".
# Usage (from the project root; JAVA_HOME must point at a JDK 21+):
#   bench/load.sh --url http://127.0.0.1:8080 [options]   against a demo you started (java -jar target/baton.jar demo with the --rate-limit-* flags set to off: all load comes from one address)
#   bench/load.sh --start h2 [options]                    starts `baton demo` on H2 in a fresh folder, stops it afterwards
#   bench/load.sh --start postgres [options]              the same on PostgreSQL 127.0.0.1:5432 (database baton_load, recreated)
# Options: --customers N --agents M --rate MSGS_PER_S --duration 30s --ramp 10s --handoff-share 0.05 --report FILE
#   (bench/load.sh --help lists them all). SERVER_JVM (default -Xmx1g) sets the started server's JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
export LOAD_COMMAND="bench/load.sh $*"
source bench/load-server.sh
start=""
args=()
while (($#)); do
  case "$1" in
    --start) start="$2"; shift 2 ;;
    --start=*) start="${1#*=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
trap stop_baton EXIT
if [ -n "$start" ]; then
  start_baton "$start"
  args=(--label "$start" "${args[@]}" --url "$BATON_URL" --server-pid "$BATON_PID")
fi
run_load_tool "${args[@]}"
