#!/usr/bin/env bash
# Compiles the core bundles (model, etw) from the current sources plus bench/src into
# bench/target/classes; prints the classpath. The CLI's jars are not used on purpose: they may
# predate the sources being measured.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$here/target/classes"
rm -rf "$out"; mkdir -p "$out"
srcs=$(find "$root/bundles/org.handlelens.model/src/main/java" "$root/bundles/org.handlelens.etw/src/main/java" \
  "$here/src" -name '*.java')
"$jdk/bin/javac" --release 21 -nowarn -d "$out" $srcs
res="$root/bundles/org.handlelens.etw/src/main/resources"
[[ -d "$res" ]] && cp -r "$res/." "$out/"
echo "$out"
