#!/usr/bin/env bash
# Runs the end-to-end comparison (RTS, a naive Undertow server, Socket.IO 4.8 on Node) and writes the results into
# docs/BENCHMARKS.md. About 10 minutes on 2 cores. Starts and stops its own server processes; installs socket.io into
# rts-bench/socketio/ from the npm registry on first run. Needs Java 17+, Maven and Node on the PATH.
#
#   rts-bench/compare.sh                      # the full comparison, 2 rounds per peer
#   rts-bench/compare.sh --rounds 3           # more rounds
#   rts-bench/compare.sh --peers rts,undertow --scenarios rpc
#   rts-bench/compare.sh --smoke              # tiny counts: checks the harness in a minute
#
# MAVEN_ARGS is passed to Maven (for example -Dmaven.repo.local=...). Server logs go to rts-bench/target/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
mvn -B -ntp -q ${MAVEN_ARGS:-} -pl rts-bench -am package -DskipTests
out=docs/BENCHMARKS.md
for arg in "$@"; do
    if [[ "$arg" == "--smoke" ]]; then out=rts-bench/target/BENCHMARKS-smoke.md; fi
done
exec java -cp "rts-bench/target/classes:$(cat rts-bench/target/classpath.txt)" dev.rts.bench.load.Compare \
    --out "$out" "$@"
