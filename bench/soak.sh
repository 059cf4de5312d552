#!/usr/bin/env bash
# Soak run (issue 8): a fresh `baton demo`, a warm-up, then a long load run at a steady rate while a sampler
# records every SAMPLE_EVERY seconds what would show a leak: heap live after the last GC, heap in use, RSS,
# open file descriptors and live threads. Prints the samples (CSV) and first / last / max per column.
# Usage: bench/soak.sh [h2|postgres]   settings: RATE=60 CUSTOMERS=1000 AGENTS=5 DURATION=600s SAMPLE_EVERY=30
#   OUT=target/load/soak (report JSON and samples CSV). From the project root, JAVA_HOME set, quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/load-server.sh
database="${1:-h2}"
out="${OUT:-target/load/soak}"
mkdir -p "$out"
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
trap stop_baton EXIT
start_baton "$database"
run_load_tool --url "$BATON_URL" --server-pid "$BATON_PID" --label warmup --customers 500 --agents 2 --rate 50 --ramp 5s \
  --duration "${WARMUP_DURATION:-60s}" --report "$out/warmup.json" >/dev/null
samples="$out/samples.csv"
echo "seconds,heap_live_after_gc_mib,heap_used_mib,rss_mib,open_fds,threads" > "$samples"
sample() {
  local start=$SECONDS
  while kill -0 "$BATON_PID" 2>/dev/null; do
    local metrics live used rss fds threads
    metrics="$(curl -sf "$BATON_URL/metrics" || true)"
    live="$(awk '/^jvm_gc_live_data_size_bytes/ {printf "%.1f", $2/1048576}' <<<"$metrics")"
    used="$(awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {s+=$NF} END {printf "%.1f", s/1048576}' <<<"$metrics")"
    threads="$(awk '/^jvm_threads_live_threads / {print $2}' <<<"$metrics")"
    rss="$(awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$BATON_PID/status" 2>/dev/null || echo "")"
    fds="$(ls "/proc/$BATON_PID/fd" 2>/dev/null | wc -l)"
    echo "$((SECONDS - start)),$live,$used,$rss,$fds,$threads" >> "$samples"
    sleep "${SAMPLE_EVERY:-30}"
  done
}
sample &
sampler=$!
LOAD_COMMAND="RATE=${RATE:-60} DURATION=${DURATION:-600s} bench/soak.sh $database" \
  run_load_tool --url "$BATON_URL" --server-pid "$BATON_PID" --label "soak-$database" --customers "${CUSTOMERS:-1000}" \
  --agents "${AGENTS:-5}" --rate "${RATE:-60}" --ramp 10s --duration "${DURATION:-600s}" --report "$out/soak-$database.json"
kill "$sampler" 2>/dev/null || true
cat "$samples"
python3 - "$samples" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if all(r.values())]
for column in list(rows[0].keys())[1:]:
    values = [float(r[column]) for r in rows]
    half = len(values) // 2
    print(f"{column}: first {values[0]:g}, last {values[-1]:g}, max {max(values):g}, "
          f"mean of first half {sum(values[:half]) / max(half, 1):.1f}, of second half {sum(values[half:]) / max(len(values) - half, 1):.1f}")
PY
