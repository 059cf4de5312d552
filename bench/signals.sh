#!/usr/bin/env bash
# JMH: a full bot turn with every signal and the demo's rules, against retrieval + calibration alone.
# Usage: bench/signals.sh   (from the project root; JAVA_HOME must point at a JDK 21+)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
JVM="--enable-native-access=ALL-UNNAMED -Xmx1g -Dlogback.configurationFile=bench/logback-quiet.xml"
"$JAVA_HOME/bin/java" $JVM -cp "$CP" org.openjdk.jmh.Main 'baton.escalation.SignalsBenchmark' \
  -f 1 -wi 3 -w 5s -i 5 -r 5s -jvmArgs "$JVM" -rf json -rff target/signals.json
