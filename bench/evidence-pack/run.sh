#!/bin/sh
# Evidence pack benchmark (not part of the test command): seeds 10,000 keys (20,000 versions) and
# 100,000 hash-chained ledger entries into embedded PostgreSQL, then builds and streams a pack for
# the whole of 2026 in a JVM limited to 256 MiB of heap, twice. Prints the figures as "BENCH ..."
# lines. Usage, from the project root: bench/evidence-pack/run.sh [number of keys]
set -eu
cd "$(dirname "$0")/../.."
./mvnw -B -q -Pbench test-compile
exec java -Xmx256m -Dbench.keys="${1:-10000}" \
  -cp "target/bench-classes:target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.keyflow.bench.EvidencePackBenchmark
