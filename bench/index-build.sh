#!/usr/bin/env bash
# Index build for 10,000 sections (cold, then after one article changed) and the heap it holds.
# Usage: bench/index-build.sh   (from the project root; JAVA_HOME must point at a JDK 21+)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  baton.knowledge.IndexBuildBenchmark
