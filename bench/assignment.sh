#!/usr/bin/env bash
# Routing throughput on PostgreSQL (127.0.0.1:5432, database test): assignNext by 1-50 workers.
# Usage: bench/assignment.sh   (from the project root; JAVA_HOME must point at a JDK 21+)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/logback-quiet.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" baton.conversation.AssignmentBenchmark
