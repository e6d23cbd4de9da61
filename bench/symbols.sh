#!/usr/bin/env bash
# Symbols benchmarks, on demand (not part of ./mvnw verify), all in one run:
#   1. builds a large real PE + PDB pair (N generated noinline C functions; clang-19 + lld-link-19, the recipe of
#      ../shared/docs/build.md "Real PE + PDB files for tests") in a temp dir
#   2. loads its publics in-process (PdbFile.open + publics(), warm-up then median of runs) and times
#      `llvm-pdbutil-19 dump -publics FILE > /dev/null` on the same file (hyperfine when installed, else a loop):
#      prints ours/llvm-pdbutil (goal <= 1.0)
#   3. loads every module's C13 line table (PdbFile.open + lineTable(m) for all modules) and times
#      `llvm-pdbutil-19 dump -l FILE > /dev/null` the same way
#   4. resolves 1 M random addresses inside the module through SymbolService.frameResolver with the module's
#      symbols already cached (goal >= 1 M frames/s)
# Usage: bench/symbols.sh [functions=30000] [runs=15]
# Needs: clang-19 lld-19 llvm-19 (apt-get install -y clang-19 lld-19 llvm-19), optional hyperfine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
functions="${1:-30000}"; runs="${2:-15}"
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
for t in clang-19 lld-link-19 llvm-pdbutil-19; do
  command -v "$t" > /dev/null || { echo "symbols.sh: $t not found (apt-get install -y clang-19 lld-19 llvm-19)" >&2; exit 1; }
done
# Fresh classes from the current sources (the CLI's jars may predate them).
out="$here/target/symbols-classes"
rm -rf "$out"; mkdir -p "$out"
"$jdk/bin/javac" --release 21 -nowarn -d "$out" $(find "$root/bundles/org.handlelens.model/src/main/java" \
  "$root/bundles/org.handlelens.symbols/src/main/java" "$here/symbols-src" -name '*.java')

# HL_SYMBENCH_KEEP=DIR keeps (and on later runs reuses) the generated pair in DIR; else a temp dir, removed at exit.
if [[ -n "${HL_SYMBENCH_KEEP:-}" ]]; then
  work="$HL_SYMBENCH_KEEP"; mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/hl-symbench.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
# A call chain of noinline functions with long names (every one a public and an S_GPROC32).
{
  echo '__declspec(noinline) int handlelens_bench_function_00000(int x) { return x * 3 + 1; }'
  for ((i = 1; i < functions; i++)); do
    printf '__declspec(noinline) int handlelens_bench_function_%05d(int x) { int y = handlelens_bench_function_%05d(x + %d); for (int k = 0; k < (x & %d); k++) y ^= k * %d; return y; }\n' \
      "$i" "$((i - 1))" "$i" "$((i % 7 + 1))" "$i"
  done
  printf 'int entry(void) { return handlelens_bench_function_%05d(7); }\n' "$((functions - 1))"
} > "$work/big.c"
t0=$(date +%s)
[[ -f "$work/big.pdb" && -f "$work/big.exe" && "$(cat "$work/functions" 2>/dev/null)" == "$functions" ]] || \
(cd "$work" && clang-19 --target=x86_64-pc-windows-msvc -O1 -g -gcodeview -fno-stack-protector -c big.c -o big.obj \
  && lld-link-19 /DEBUG /PDB:big.pdb /OUT:big.exe /ENTRY:entry /SUBSYSTEM:CONSOLE /NODEFAULTLIB /OPT:NOREF \
     /MACHINE:X64 big.obj > /dev/null)
echo "$functions" > "$work/functions"
pdb="$work/big.pdb"
echo "built           $functions functions in $(( $(date +%s) - t0 )) s: big.exe $(stat -c %s "$work/big.exe") B, big.pdb $(stat -c %s "$pdb") B"

# --- publics: ours vs llvm-pdbutil on the same file, page cache warm ---
llvm_count=$(llvm-pdbutil-19 dump -publics "$pdb" | grep -c 'S_PUB32')
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/hf.json" "llvm-pdbutil-19 dump -publics $pdb" \
    --output=null > /dev/null
  llvm_ms=$(python3 -c "import json,statistics;r=json.load(open('$work/hf.json'))['results'][0]['times'];print('%.3f'%(statistics.median(r)*1e3))")
  how="hyperfine -N --warmup 3 --runs $runs, median"
else
  for i in 1 2 3; do llvm-pdbutil-19 dump -publics "$pdb" > /dev/null; done
  ts=()
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N); llvm-pdbutil-19 dump -publics "$pdb" > /dev/null; e=$(date +%s%N); ts+=($(( e - s )))
  done
  llvm_ms=$(printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.3f", m / 1e6}')
  how="bash loop (date +%s%N), 3 warm-up + $runs runs, median"
fi
ours=$("$jdk/bin/java" -Xmx1g -cp "$out" SymbolsBench publics "$pdb" 10 "$runs")
# The same one-shot, like the CLI: a fresh JVM per run (JVM start included), timed like llvm-pdbutil.
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/hf2.json" \
    "$jdk/bin/java -Xshare:auto -XX:TieredStopAtLevel=1 -cp $out SymbolsBench publics $pdb 0 1" --output=null > /dev/null
  cold_ms=$(python3 -c "import json,statistics;r=json.load(open('$work/hf2.json'))['results'][0]['times'];print('%.3f'%(statistics.median(r)*1e3))")
else
  ts=()
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N); "$jdk/bin/java" -XX:TieredStopAtLevel=1 -cp "$out" SymbolsBench publics "$pdb" 0 1 > /dev/null
    e=$(date +%s%N); ts+=($(( e - s )))
  done
  cold_ms=$(printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.3f", m / 1e6}')
fi
field() { echo "$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }
ours_ms=$(field "$ours" publicsMedianMs)
printf 'JDK             %s, %s cores, load average %s\n' "$("$jdk/bin/java" -version 2>&1 | head -1)" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'publics         %s (llvm-pdbutil: %s S_PUB32)\n' "$(field "$ours" publics)" "$llvm_count"
printf 'llvm-pdbutil    %10.3f ms  (dump -publics > /dev/null; %s; process start included)\n' "$llvm_ms" "$how"
printf 'ours            %10.3f ms  (PdbFile.open + publics() + close, in-process after 10 warm-ups, median of %s; min %s ms)\n' \
  "$ours_ms" "$runs" "$(field "$ours" publicsMinMs)"
printf 'ratio           %10.3f      ours / llvm-pdbutil (goal <= 1.0)\n' "$(echo "$ours_ms / $llvm_ms" | bc -l)"
printf 'ours, fresh JVM %10.3f ms  (whole java process per run, -XX:TieredStopAtLevel=1, same timing as llvm-pdbutil)\n' "$cold_ms"
printf 'ratio, fresh JVM%10.3f      ours / llvm-pdbutil, both including process start\n' "$(echo "$cold_ms / $llvm_ms" | bc -l)"

# --- line tables: ours vs llvm-pdbutil dump -l on the same file ---
llvm_line_blocks=$(llvm-pdbutil-19 dump -l "$pdb" | grep -c 'line/addr entries' || true)
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/hf3.json" "llvm-pdbutil-19 dump -l $pdb" \
    --output=null > /dev/null
  llvm_lines_ms=$(python3 -c "import json,statistics;r=json.load(open('$work/hf3.json'))['results'][0]['times'];print('%.3f'%(statistics.median(r)*1e3))")
else
  for i in 1 2 3; do llvm-pdbutil-19 dump -l "$pdb" > /dev/null; done
  ts=()
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N); llvm-pdbutil-19 dump -l "$pdb" > /dev/null; e=$(date +%s%N); ts+=($(( e - s )))
  done
  llvm_lines_ms=$(printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.3f", m / 1e6}')
fi
lines=$("$jdk/bin/java" -Xmx1g -cp "$out" SymbolsBench lines "$pdb" 10 "$runs")
printf 'line tables     %s entries (ours, gap markers included); llvm-pdbutil: %s line blocks\n' \
  "$(field "$lines" lineEntries)" "$llvm_line_blocks"
printf 'llvm-pdbutil    %10.3f ms  (dump -l > /dev/null; %s; process start included)\n' "$llvm_lines_ms" "$how"
printf 'ours            %10.3f ms  (PdbFile.open + lineTable(m) of every module + close, in-process after 10 warm-ups, median of %s; min %s ms)\n' \
  "$(field "$lines" linesMedianMs)" "$runs" "$(field "$lines" linesMinMs)"
printf 'ratio           %10.3f      ours / llvm-pdbutil\n' "$(echo "$(field "$lines" linesMedianMs) / $llvm_lines_ms" | bc -l)"

# --- frames/s from a warm cache: the build dir is a flat symbol folder (big.pdb next to big.exe) ---
res=$("$jdk/bin/java" -Xmx1g -cp "$out" SymbolsBench resolve "$work/big.exe" "$work" 1000000 7)
printf 'resolve         %s frames/s  (%s random addresses inside big.exe, %s named; FrameResolver via SymbolService, symbols cached; median of 7 after 3 warm-ups; goal >= 1,000,000)\n' \
  "$(field "$res" framesPerSecond)" "$(field "$res" frames)" "$(field "$res" namedFrames)"
printf 'resolve + text  %s frames/s  (the same plus ResolvedFrame.display(), module!function+0xNN)\n' \
  "$(field "$res" framesPerSecondWithText)"
printf 'resolve + source %s frames/s  (FrameResolver.resolveWithSource: also file:line from the line tables; %s with a line)\n' \
  "$(field "$res" framesPerSecondWithSource)" "$(field "$res" sourcedFrames)"
printf 'symbol table    %s entries; first load through the symbol path %s ms\n' "$(field "$res" symbols)" \
  "$(field "$res" firstLoadMs)"
echo "reproduce       bench/symbols.sh $functions $runs   (see bench/README.md, results in docs/benchmarks.md)"
