#!/usr/bin/env bash
# Handoff-to-agent-notification latency on one node, H2 then PostgreSQL (127.0.0.1:5432, database test):
# customer POST "agent please" -> bot hands off -> auto-assignment -> the agent's socket gets the event.
# Usage: bench/handoff-notification.sh [iterations=500] [warm-up=100] [stored past handoffs=0]   (from the project root; JAVA_HOME: JDK 21+)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" ${BENCH_JVM_OPTS:-} --enable-native-access=ALL-UNNAMED -Xmx1g -Dlogback.configurationFile=bench/logback-quiet.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" baton.agent.HandoffNotificationBenchmark "$@"
