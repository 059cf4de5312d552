#!/usr/bin/env bash
# Load harness (issue 8): customers chatting with the demo bot and agents working the handoffs, against a
# running Baton; progress bar while it runs, JSON report at the end. See docs/benchmarks.md, "Scale-out (issue 8)".
# Usage (from the project root; JAVA_HOME must point at a JDK 21+):
#   bench/load.sh --url http://127.0.0.1:8080 [options]   against a demo you started (java -jar target/baton.jar demo)
#   bench/load.sh --start h2 [options]                    starts `baton demo` on H2 in a fresh folder, stops it afterwards
#   bench/load.sh --start postgres [options]              the same on PostgreSQL 127.0.0.1:5432 (database baton_load, recreated)
# Options: --customers N --agents M --rate MSGS_PER_S --duration 30s --ramp 10s --handoff-share 0.05 --report FILE
#   (bench/load.sh --help lists them all). SERVER_JVM (default -Xmx1g) sets the started server's JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
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

server=""
stop_server() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"
    wait "$server" 2>/dev/null || true
  fi
}
trap stop_server EXIT
if [ -n "$start" ]; then
  [ -f target/baton.jar ] || ./mvnw -q -o package -DskipTests
  port="${LOAD_PORT:-18090}"
  data="$(mktemp -d /tmp/baton-load.XXXXXX)"
  db=()
  case "$start" in
    h2) ;;
    postgres)
      psql -q -h 127.0.0.1 -U postgres -c 'drop database if exists baton_load' -c 'create database baton_load'
      db=(--db-url jdbc:postgresql://127.0.0.1:5432/baton_load --db-user postgres) ;;
    *) echo "--start h2 or --start postgres" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${SERVER_JVM:--Xmx1g} -jar target/baton.jar demo --host 127.0.0.1 --port "$port" --data-dir "$data" "${db[@]}" \
    >"$data/server.log" 2>&1 &
  server=$!
  echo "baton demo ($start) pid $server, log $data/server.log" >&2
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$server" 2>/dev/null || { echo "the server died; see $data/server.log" >&2; tail -20 "$data/server.log" >&2; exit 1; }
    sleep 0.5
  done
  args+=(--url "http://127.0.0.1:$port" --server-pid "$server")
fi
# The client shares the machine with the server: a small heap, the serial collector and C1 only keep it cheap.
"$JAVA_HOME/bin/java" -Xmx768m --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlogback.configurationFile=bench/logback-quiet.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" baton.bench.LoadTool "${args[@]}"
