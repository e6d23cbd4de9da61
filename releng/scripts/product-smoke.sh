#!/usr/bin/env bash
# Starts the Linux product archive under Xvfb with a file to open, waits, takes a screenshot
# of the screen and checks the workbench log for errors. Usage:
#   releng/scripts/product-smoke.sh [FILE] [OUT.png]
# Needs: a built archive (./mvnw verify), xvfb, imagemagick (import).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
file="${1:-$root/samples/handle-examples-docs.txt}"
out="${2:-$root/target/product-smoke.png}"
archive="$(ls "$root"/releng/org.handlelens.product/target/products/handlelens-*-linux.gtk.x86_64.tar.gz | head -1)"
work="$(mktemp -d)"
trap 'kill "$app" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
display=":$(( 90 + RANDOM % 50 ))"
Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
. "$root/.mvn/find-jdk.sh"; hl_find_jdk
export JAVA_HOME
DISPLAY="$display" HANDLELENS_WORKSPACE="$work/ws" "$work/handlelens/handlelens" "$file" > "$work/app.log" 2>&1 &
app=$!
for i in $(seq 1 60); do
  sleep 1
  if ! kill -0 "$app" 2>/dev/null; then echo "product-smoke: the workbench exited early:"; cat "$work/app.log"; exit 1; fi
  if [ -f "$work/ws/.metadata/.plugins/org.eclipse.e4.workbench/workbench.xmi" ] || [ "$i" -ge 25 ]; then break; fi
done
sleep 8
mkdir -p "$(dirname "$out")"
DISPLAY="$display" import -window root "$out"
echo "product-smoke: screenshot $out"
if [ -f "$work/ws/.metadata/.log" ]; then
  echo "product-smoke: workbench log:"; cat "$work/ws/.metadata/.log"
fi
