#!/bin/sh
# UI responsiveness with a generated model (issue #5): opens N rows (default 10,000,000) in the
# HandleLens editor under Xvfb, sorts, pages, groups, charts, selects all and copies, and prints per
# action the longest UI-thread stall, the p99 stall, the number of stalls over 100 ms and the GC time
# (UiResponsivenessBenchTest, JUnit tag "bench", excluded from ./mvnw verify).
#   bench/ui-responsiveness.sh [ROWS] [HEAP]        e.g. bench/ui-responsiveness.sh 10000000 8g
# BENCH_ARGS adds JVM options to the test JVM, e.g. BENCH_ARGS="-Dhandlelens.bench.stalls=true" (prints each stall
# over 50 ms as it ends), "-Dhandlelens.bench.warmup=true" (opens a small model first) or a JFR recording.
# The test JVM gets the product's GC setting (-XX:MaxGCPauseMillis=50, releng/org.handlelens.product/handlelens.product).
# SHRINK=false skips the "outstanding only" step (it took minutes before the table was paged).
# The table is printed at the end and written to bench/target/ui-responsiveness.txt.
set -eu
cd "$(dirname "$0")/.."
rows="${1:-10000000}"
heap="${2:-8g}"
mkdir -p bench/target
out="$(pwd)/bench/target/ui-responsiveness.txt"
rm -f "$out"
uptime
if [ -z "${DISPLAY:-}" ]; then set -- xvfb-run -a -s "-screen 0 1366x768x24"; else set --; fi
"$@" ./mvnw -B clean verify \
  -pl bundles/org.handlelens.model,bundles/org.handlelens.windbg,bundles/org.handlelens.etw,bundles/org.handlelens.symbols,bundles/org.handlelens.report,bundles/org.handlelens.ui,bundles/org.handlelens.rcp,bundles/org.handlelens.help,bundles/org.handlelens.ui.tests \
  -Dtest=UiResponsivenessBenchTest -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false \
  -Dhandlelens.ui.test.excludedGroups=none -Dhandlelens.ui.test.heap="$heap" \
  "-Dhandlelens.test.args=-XX:MaxGCPauseMillis=50 -Dhandlelens.bench.rows=$rows -Dhandlelens.bench.shrink=${SHRINK:-true} -Dhandlelens.bench.out=$out ${BENCH_ARGS:-}" \
  > bench/target/ui-responsiveness.log 2>&1 || {
    echo "build or benchmark failed; see bench/target/ui-responsiveness.log" >&2; tail -40 bench/target/ui-responsiveness.log >&2; exit 1; }
uptime
cat "$out"
