#!/usr/bin/env bash
# JMH: SecretScanner on a 2,000-character message, without secrets (scan) and with six (redact). about 1 min.
# Usage: bench/secret-scanner.sh   (from the project root; JAVA_HOME must point at a JDK 21+)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
JVM="-Xmx512m"
"$JAVA_HOME/bin/java" $JVM -cp "$CP" org.openjdk.jmh.Main 'baton.compliance.SecretScannerBenchmark' \
  -f 1 -wi 2 -w 3s -i 4 -r 3s -jvmArgs "$JVM" -rf json -rff target/secret-scanner.json
