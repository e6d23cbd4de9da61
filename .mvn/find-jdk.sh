# Sourced by mvnw, handlelens and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if it is >= 21, else the newest /usr/lib/jvm (or macOS) JDK >= 21.
# Major version from the JDK's release file (no JVM started: ~50 ms a call), else from `java -version`.
hl_java_major() {
  local m
  m="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)"
  [ -n "$m" ] || m="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  echo "$m"
}
hl_find_jdk() {
  local cand major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major="$(hl_java_major "$JAVA_HOME")"
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
  fi
  for cand in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major="$(hl_java_major "$cand")"
    if [ "${major:-0}" -ge 21 ] && [ "${major:-0}" -gt "$best_major" ]; then best="$cand"; best_major="$major"; fi
  done
  if [ -z "$best" ]; then
    echo "HandleLens needs a JDK 21 or newer: set JAVA_HOME to one (none found under /usr/lib/jvm)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
