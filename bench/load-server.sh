# Sourced by bench/load.sh, bench/load-series.sh and bench/load-cluster.sh: start and stop `baton demo` nodes for a load run.
# start_baton h2|postgres|postgres-shared [PORT [SERVER ARGS...]]
#   h2: embedded database in the node's data folder; postgres: PostgreSQL 127.0.0.1:5432, database baton_load,
#   recreated; postgres-shared: the same database as it is (a further node of a cluster). PORT defaults to
#   LOAD_PORT (18090); SERVER ARGS go to `baton demo` as they are (e.g. --redis-url redis://127.0.0.1:6379).
#   Sets BATON_URL, BATON_PID and BATON_LOG of the node just started; the data folder and log are fresh every time.
# stop_baton stops every node started. SERVER_JVM (default -Xmx1g) sets the servers' JVM flags.
BATON_PIDS=()

start_baton() {
  local database="$1"
  local port="${2:-${LOAD_PORT:-18090}}"
  local extra=("${@:3}")
  local data
  data="$(mktemp -d /tmp/baton-load.XXXXXX)"
  local db=()
  case "$database" in
    h2) ;;
    postgres)
      psql -q -h 127.0.0.1 -U postgres -c 'drop database if exists baton_load' -c 'create database baton_load'
      db=(--db-url jdbc:postgresql://127.0.0.1:5432/baton_load --db-user postgres) ;;
    postgres-shared)
      db=(--db-url jdbc:postgresql://127.0.0.1:5432/baton_load --db-user postgres) ;;
    *) echo "start h2, postgres or postgres-shared, not '$database'" >&2; return 2 ;;
  esac
  [ -f target/baton.jar ] || ./mvnw -q -o package -DskipTests
  # All load comes from one address: the per-address limits that protect a public server are off.
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${SERVER_JVM:--Xmx1g} -jar target/baton.jar demo --host 127.0.0.1 --port "$port" --data-dir "$data" "${db[@]}" \
    --rate-limit-address off --rate-limit-starts off --rate-limit-conversation off --rate-limit-socket-frames off \
    --rate-limit-logins off --rate-limit-failed-logins off "${extra[@]}" \
    >"$data/server.log" 2>&1 &
  BATON_PID=$!
  BATON_PIDS+=("$BATON_PID")
  BATON_URL="http://127.0.0.1:$port"
  BATON_LOG="$data/server.log"
  echo "baton demo on $database: pid $BATON_PID, $BATON_URL, log $BATON_LOG" >&2
  until curl -sf "$BATON_URL/health" >/dev/null; do
    if ! kill -0 "$BATON_PID" 2>/dev/null; then
      echo "the server died; see $BATON_LOG" >&2
      tail -20 "$BATON_LOG" >&2
      return 1
    fi
    sleep 0.5
  done
}

stop_baton() {
  local pid
  for pid in "${BATON_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  BATON_PIDS=()
  BATON_PID=""
}

# The client shares the machine with the server: a small heap, the serial collector and C1 only keep it cheap.
run_load_tool() {
  "$JAVA_HOME/bin/java" -Xmx768m --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlogback.configurationFile=bench/logback-quiet.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" baton.bench.LoadTool "$@"
}
