#!/usr/bin/env bash
# Decode and model-build benchmark on one ETL file, all in one run:
#   1. cat FILE > /dev/null            warm (page cache hot: warm-up once, then timed) and cold (the file dropped
#                                      from the page cache first: dd iflag=nocache count=0, no root needed)
#   2. our reader's decode pass         (EtlReader over every event, no model), with the defaults warm and cold
#                                      (the file dropped from the page cache right before the JVM starts), then warm
#                                      with the defaults (no decode
#      threads, buffers loaded ahead on one helper thread when the JVM has >= 2 processors), again with the
#      sequential read loading each buffer itself (no helper thread), and with 1 decode thread (EtlReader.read(..., 1))
#   3. the model build                  (EtlModelSource.load, as `handlelens` imports)
#   4. the model build again with live-heap checkpoints (full GC at 25/50/75/99 % of the file)
# Every step after the cold ones runs warm (the file is read once more first).
# prints the ratios decode/cat (warm to warm, cold to cold) and build/cat, wall and CPU (calling thread, and the whole process
# during the pass: decode threads, GC and JIT included), peak RSS (/usr/bin/time -v) of steps 2-4
# and the peak live heap per million handle events.
# Usage: bench/etl-decode.sh FILE.etl [-Xmx2g]
#   HL_BENCH_CLASSES=DIR bench/etl-decode.sh ...  measures the classes in DIR (e.g. another commit's, compiled the way
#   bench/build.sh does) instead of building the current sources
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
file="$1"; xmx="${2:--Xmx2g}"
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp="${HL_BENCH_CLASSES:-$("$here/build.sh")}"
size=$(stat -c %s "$file")
now() { date +%s.%N; }
drop() { dd if="$file" iflag=nocache count=0 status=none; } # evicts the file's pages from the page cache
cached() { # percent of the file in the page cache, if fincore (util-linux) is there
  command -v fincore > /dev/null && fincore -nb -o RES "$file" | awk -v s="$size" '{printf "%.0f%%", 100 * $1 / s}' || echo "?"
}
timecat() { # -> "wall cpu"
  local t0 t1 c; t0=$(now); c=$( { /usr/bin/time -f "%U %S" cat "$file" > /dev/null; } 2>&1 | awk '{print $1 + $2}'); t1=$(now)
  echo "$(echo "$t1 - $t0" | bc -l) $c"
}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
drop; cold_cached=$(cached); read -r catc_s catc_cpu <<< "$(timecat)"
cat "$file" > /dev/null
read -r cat_s cat_cpu <<< "$(timecat)"
run() { # mode [decodeThreads [passes [loadAhead]]] -> "key=value ... rssKB=N"
  local log; log=$(mktemp)
  /usr/bin/time -v "$jdk/bin/java" "$xmx" -XX:+UseParallelGC -cp "$cp" DecodeBench "$1" "$file" "${@:2}" 2> "$log" | tr -d '\n'
  echo " rssKB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
  rm -f "$log"
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }
drop; decc=$(run decode); cat "$file" > /dev/null
dec=$(run decode); dec0=$(run decode 0 1 false); dec1=$(run decode 1); bld=$(run build); mes=$(run build-measured)
dec_s=$(field "$dec" seconds); dec0_s=$(field "$dec0" seconds); bld_s=$(field "$bld" seconds); dec1_s=$(field "$dec1" seconds)
dec_c=$(field "$dec" cpuSeconds); dec0_c=$(field "$dec0" cpuSeconds); bld_c=$(field "$bld" cpuSeconds); dec1_c=$(field "$dec1" cpuSeconds)
printf 'file            %s (%.1f MB), classes %s\n' "$file" "$(echo "$size / 1000000" | bc -l)" "$cp"
printf 'JDK             %s, %s cores, heap %s\n' "$("$jdk/bin/java" -version 2>&1 | head -1)" "$(nproc)" "$xmx"
printf 'load average    %s at the start, %s at the end\n' "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'cat (cold)                   %8.3f s  %8.1f MB/s  (cpu %.3f s; %s of the file cached before)\n' "$catc_s" \
  "$(echo "$size / 1000000 / $catc_s" | bc -l)" "$catc_cpu" "$cold_cached"
printf 'decode, defaults (cold)      %8.3f s  %8.1f MB/s  ratio to cat (cold) %.3f  (cpu %.3f s calling thread, %.3f s process)\n' \
  "$(field "$decc" seconds)" "$(field "$decc" mbPerSecond)" "$(echo "$catc_s / $(field "$decc" seconds)" | bc -l)" \
  "$(field "$decc" cpuSeconds)" "$(field "$decc" processCpuSeconds)"
printf 'cat (warm)                   %8.3f s  %8.1f MB/s  (cpu %.3f s)\n' "$cat_s" "$(echo "$size / 1000000 / $cat_s" | bc -l)" "$cat_cpu"
printf 'decode (%s thr, ahead %-5s)  %8.3f s  %8.1f MB/s  ratio to cat %.3f  (cpu %.3f s calling thread, %.3f s process)  peak RSS %d MB\n' \
  "$(field "$dec" decodeThreads)" "$(field "$dec" loadAhead)" "$dec_s" "$(field "$dec" mbPerSecond)" "$(echo "$cat_s / $dec_s" | bc -l)" "$dec_c" \
  "$(field "$dec" processCpuSeconds)" "$(( $(field "$dec" rssKB) / 1024 ))"
printf 'decode (%s thr, ahead %-5s)  %8.3f s  %8.1f MB/s  ratio to cat %.3f  (cpu %.3f s calling thread, %.3f s process)  peak RSS %d MB\n' \
  "$(field "$dec0" decodeThreads)" "$(field "$dec0" loadAhead)" "$dec0_s" "$(field "$dec0" mbPerSecond)" "$(echo "$cat_s / $dec0_s" | bc -l)" "$dec0_c" \
  "$(field "$dec0" processCpuSeconds)" "$(( $(field "$dec0" rssKB) / 1024 ))"
printf 'decode (%s thr)               %8.3f s  %8.1f MB/s  ratio to cat %.3f  (cpu %.3f s calling thread, %.3f s process)  peak RSS %d MB\n' \
  "$(field "$dec1" decodeThreads)" "$dec1_s" "$(field "$dec1" mbPerSecond)" "$(echo "$cat_s / $dec1_s" | bc -l)" "$dec1_c" \
  "$(field "$dec1" processCpuSeconds)" "$(( $(field "$dec1" rssKB) / 1024 ))"
printf 'model build                  %8.3f s  %8.1f MB/s  ratio to cat %.3f  (cpu %.3f s calling thread, %.3f s process)  build/decode %.2f  peak RSS %d MB\n' \
  "$bld_s" "$(field "$bld" mbPerSecond)" "$(echo "$cat_s / $bld_s" | bc -l)" "$bld_c" "$(field "$bld" processCpuSeconds)" \
  "$(echo "$bld_s / $dec_s" | bc -l)" "$(( $(field "$bld" rssKB) / 1024 ))"
printf 'events          %s (handle %s), rows %s, stacks %s\n' "$(field "$bld" events)" "$(field "$bld" handleEvents)" \
  "$(field "$bld" rows)" "$(field "$bld" stacks)"
printf 'live heap       peak %s MB, model %s MB (%s B/row): %s MB per million handle events (peak RSS %d MB)\n' \
  "$(field "$mes" liveHeapPeakMB)" "$(field "$mes" modelHeapMB)" "$(field "$mes" modelBytesPerRow)" \
  "$(field "$mes" peakMBPerMillionHandleEvents)" "$(( $(field "$mes" rssKB) / 1024 ))"
