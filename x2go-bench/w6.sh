#!/usr/bin/env bash
# Workload W6, the scale benchmark (issue 17): one client JVM per (transport, N) connects N profiles to
# an in-process fake X2Go server (MINA SSHD) that delays every command by 20 ms, registers its 10 sessions
# in every profile, and runs the guardian at a 5 s interval; prints live threads, heap per connection,
# CPU per refresh round, tick wall time p50/p99, the slowest profile's lag and the time to connect all N
# (16 at a time) as a markdown table.
#
# usage: x2go-bench/w6.sh [--build] [--smoke] [W6Scale options]
#   --build   rebuild x2go-bench/target/benchmarks.jar first (it is built anyway when missing)
#   --smoke   N = 10, 2 rounds at a 1 s interval, every transport present (~30 s): what scripts/test runs
#   W6Scale options: --n 10,100,1000  --transports JSCH,SSHJ,MINA  --rounds 5  --interval 5  --delay-ms 20
#                    --sessions 10  --connect-concurrency 16  --refresh-concurrency 16  --out DIR
# Exit status 1 when a cell fails its checks (a profile not connected, a round that missed a profile).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
build=""
args=()
for a in "$@"; do
  case "$a" in
    --build) build=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) args+=("$a") ;;
  esac
done
if [ -n "$build" ] || [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -B -q -pl x2go-bench -am package -DskipTests)
fi
cd "$root"
exec "$java" -cp "$jar" org.x2go.bench.W6Scale ${args[@]+"${args[@]}"}
