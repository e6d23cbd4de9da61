#!/bin/sh
# The event-loop turn that opens a HandleLens editor (issue #5, "opening never blocks the UI thread for more than
# ~100 ms"), alone and repeated: OpenTurnBenchTest (JUnit tag "bench") opens and closes an editor OPENS times (the
# last FILES on a WinDbg log file, as File > Open does) and prints each opening turn's wall and UI-thread CPU time.
#   bench/open-turn.sh [OPENS=12] [FILES=4]
# BENCH_ARGS adds JVM options to the test JVM, e.g. a JFR recording sampled every millisecond:
#   BENCH_ARGS="-XX:FlightRecorderOptions:stackdepth=2048 -XX:StartFlightRecording=filename=/tmp/open.jfr,settings=profile,jdk.ExecutionSample#period=1ms"
# (stack depth: the workbench's activation nests deeper than JFR's default 64 frames). Serialised with the other
# UI benchmarks through /tmp/hl-bench.lock. Output: the [turn] lines, also in bench/target/open-turn.log.
set -eu
exec 9>/tmp/hl-bench.lock; flock 9
cd "$(dirname "$0")/.."
mkdir -p bench/target
uptime
if [ -z "${DISPLAY:-}" ]; then set -- xvfb-run -a -s "-screen 0 1366x768x24"; else set --; fi
"$@" ./mvnw -B clean verify \
  -pl bundles/org.handlelens.model,bundles/org.handlelens.windbg,bundles/org.handlelens.etw,bundles/org.handlelens.symbols,bundles/org.handlelens.report,bundles/org.handlelens.ui,bundles/org.handlelens.rcp,bundles/org.handlelens.help,bundles/org.handlelens.ui.tests \
  -Dtest=OpenTurnBenchTest -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false \
  -Dhandlelens.ui.test.excludedGroups=none \
  "-Dhandlelens.test.args=-XX:MaxGCPauseMillis=50 -Dhandlelens.bench.opens=${1:-12} -Dhandlelens.bench.files=${2:-4} ${BENCH_ARGS:-}" \
  > bench/target/open-turn.log 2>&1 || {
    echo "build or benchmark failed; see bench/target/open-turn.log" >&2; tail -40 bench/target/open-turn.log >&2; exit 1; }
uptime
grep '^\[turn\]' bench/target/open-turn.log | sed 's/, window .*//'
