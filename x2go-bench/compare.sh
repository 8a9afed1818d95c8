#!/usr/bin/env bash
# Runs python-x2go's baseline harness (when /usr/bin/python3 can import x2go), x2go-java's CPU-time
# harness and the x2go-java JMH suite one after the other on this machine, then prints one table:
# workload, N, python ops/s, java ops/s, ratio (and the ratio of CPU time per op); plus the guardian
# tick CPU time and the retained heap per session.
#
# usage: x2go-bench/compare.sh [--build] [--quick] [--skip-python] [--python-dir DIR] [--out DIR]
#   --build        rebuild x2go-bench/target/benchmarks.jar first (it is built anyway when missing)
#   --quick        python --quick (~10 s) and the CPU-time harness on its smaller sizes; JMH runs all sizes
#   --skip-python  Java only
#   --python-dir   where run.py lives (default: ../shared/bench/python beside the repository,
#                  or $X2GO_BENCH_PYTHON_DIR)
#   --out          where the raw results go (default: x2go-bench/target/compare/<UTC time>)
# Extra JMH options can be given in $JMH_OPTS (e.g. JMH_OPTS="-f 2").
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
quick=""
skip_python=""
build=""
pydir="${X2GO_BENCH_PYTHON_DIR:-$root/../shared/bench/python}"
out="$here/target/compare/$(date -u +%Y%m%dT%H%M%SZ)"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=1 ;;
    --quick) quick="--quick" ;;
    --skip-python) skip_python=1 ;;
    --python-dir) pydir="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"
jar="$here/target/benchmarks.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# the table printer needs only the standard library of any Python 3
py3="$(command -v python3 || echo /usr/bin/python3)"

if [ -n "$build" ] || [ ! -f "$jar" ]; then
  echo "# building $jar"
  (cd "$root" && ./mvnw -q -B -pl x2go-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi

echo "# $(date -u +%FT%TZ) on $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# the machine may be shared: figures are noisy when the load is above 0; both sides run in this same sitting"

py_json=""
if [ -z "$skip_python" ]; then
  if [ -f "$pydir/run.py" ] && /usr/bin/python3 -c 'import x2go' >/dev/null 2>&1; then
    echo "# python-x2go harness ($pydir/run.py ${quick:-full}) ..."
    /usr/bin/python3 "$pydir/run.py" $quick --json "$out/python.json" > "$out/python.txt"
    py_json="$out/python.json"
    grep -E '^# (python-x2go|self-check|total)' "$out/python.txt" || true
  else
    echo "# python harness skipped: $pydir/run.py missing or /usr/bin/python3 cannot import x2go"
  fi
fi

echo "# x2go-java in python's loop shape, wall and CPU time (org.x2go.bench.CpuTimes ${quick:+quick}) ..."
"$java" -cp "$jar" org.x2go.bench.CpuTimes "$out/java-cpu.json" ${quick:+quick} > "$out/java-cpu.txt"

echo "# x2go-java JMH suite (short mode: 1 fork; see README for the per-benchmark iterations) ..."
# shellcheck disable=SC2086
"$java" -jar "$jar" 'org\.x2go\.bench\.(W1|W2|W3|W4|W5|GuardianTick)Bench\.' -f 1 ${JMH_OPTS:-} \
  -rf json -rff "$out/jmh.json" > "$out/jmh.txt" 2>&1 || { tail -40 "$out/jmh.txt"; exit 1; }
grep -E '^# Run complete' "$out/jmh.txt" || true

echo "# probes: guardian tick CPU time, retained heap per session ..."
"$java" -cp "$jar" org.x2go.bench.Probes tick 300 > "$out/probes.txt"
"$java" -XX:+UseSerialGC -Xms1g -Xmx1g -cp "$jar" org.x2go.bench.Probes memory 100000 >> "$out/probes.txt"
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg); raw results in $out"
echo

"$py3" "$here/compare.py" --jmh "$out/jmh.json" ${py_json:+--python "$py_json"} --java-cpu "$out/java-cpu.json" \
  --probes "$out/probes.txt" \
  --java-json "$out/java.json" | tee "$out/table.md"
