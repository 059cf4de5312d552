# Sourced by bench/load.sh and bench/load-series.sh: start and stop a `baton demo` for a load run.
# start_baton h2|postgres  sets BATON_URL and BATON_PID; the data folder and log are fresh every time.
# SERVER_JVM (default -Xmx1g) sets the server's JVM flags, LOAD_PORT (default 18090) its port.

start_baton() {
  local database="$1"
  local port="${LOAD_PORT:-18090}"
  local data
  data="$(mktemp -d /tmp/baton-load.XXXXXX)"
  local db=()
  case "$database" in
    h2) ;;
    postgres)
      psql -q -h 127.0.0.1 -U postgres -c 'drop database if exists baton_load' -c 'create database baton_load'
      db=(--db-url jdbc:postgresql://127.0.0.1:5432/baton_load --db-user postgres) ;;
    *) echo "start h2 or postgres, not '$database'" >&2; return 2 ;;
  esac
  [ -f target/baton.jar ] || ./mvnw -q -o package -DskipTests
  # All load comes from one address: the per-address limits that protect a public server are off.
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${SERVER_JVM:--Xmx1g} -jar target/baton.jar demo --host 127.0.0.1 --port "$port" --data-dir "$data" "${db[@]}" \
    --rate-limit-address off --rate-limit-starts off --rate-limit-conversation off --rate-limit-socket-frames off \
    --rate-limit-logins off --rate-limit-failed-logins off \
    >"$data/server.log" 2>&1 &
  BATON_PID=$!
  BATON_URL="http://127.0.0.1:$port"
  echo "baton demo on $database: pid $BATON_PID, $BATON_URL, log $data/server.log" >&2
  until curl -sf "$BATON_URL/health" >/dev/null; do
    if ! kill -0 "$BATON_PID" 2>/dev/null; then
      echo "the server died; see $data/server.log" >&2
      tail -20 "$data/server.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

stop_baton() {
  if [ -n "${BATON_PID:-}" ] && kill -0 "$BATON_PID" 2>/dev/null; then
    kill "$BATON_PID"
    wait "$BATON_PID" 2>/dev/null || true
  fi
  BATON_PID=""
}

# The client shares the machine with the server: a small heap, the serial collector and C1 only keep it cheap.
run_load_tool() {
  "$JAVA_HOME/bin/java" -Xmx768m --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlogback.configurationFile=bench/logback-quiet.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" baton.bench.LoadTool "$@"
}
