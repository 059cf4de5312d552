#!/usr/bin/env bash
# JMH: one full bot turn on a 1,000-article knowledge base, 1 and 2 threads. Needs ../shared/datasets.
# Usage: bench/bot-turn.sh   (from the project root; JAVA_HOME must point at a JDK 21+)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
JVM="--enable-native-access=ALL-UNNAMED -Xmx1g -DOPT_OUT_TRACKING=true -Doffline=true"
for threads in 1 2; do
  "$JAVA_HOME/bin/java" $JVM -cp "$CP" org.openjdk.jmh.Main 'baton.knowledge.BotTurnBenchmark' \
    -f 1 -wi 3 -w 5s -i 5 -r 10s -t "$threads" -jvmArgs "$JVM" -rf json -rff "target/bot-turn-$threads.json"
done
