#!/usr/bin/env bash
# Second open of a trace through its persisted index (issue #4, "< 1 s for any size"): compiles the
# sources fresh (bench/build.sh), then runs IndexReopenBench on TRACE: import + index write, then
# REPEATS warm reopens (fingerprint + index read, the CLI/workbench path) with the first query and a
# `cat INDEX > /dev/null` baseline, for the model as imported and for its rows repeated TILES times.
# Usage: bench/index-reopen.sh TRACE [TILES=8] [REPEATS=5] [JVM options, default -Xmx6g]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
trace="${1:?usage: bench/index-reopen.sh TRACE [TILES] [REPEATS] [JVM options]}"
tiles="${2:-8}"; repeats="${3:-5}"; shift $(( $# < 3 ? $# : 3 ))
jvm=("$@"); [[ ${#jvm[@]} -gt 0 ]] || jvm=(-Xmx6g)
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp="$("$here/build.sh")"
echo "date $(date -u +%FT%TZ); $(nproc) CPUs; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load:$(uptime | sed 's/.*load average://')"
"$jdk/bin/java" "${jvm[@]}" -cp "$cp" IndexReopenBench "$trace" "$tiles" "$repeats"
echo "load after:$(uptime | sed 's/.*load average://')"
