#!/usr/bin/env bash
# Regenerates src/test/resources/expected/*.json with airbus-cert/etl-parser (independent decoder).
# Usage: src/test/scripts/regen-expected.sh ETL_PARSER_CHECKOUT [SHARED_DIR]
#   ETL_PARSER_CHECKOUT: a work tree of github.com/airbus-cert/etl-parser (read-only, not part of this repo)
#   SHARED_DIR: defaults to ../shared next to the repository root
# Needs Debian's python3-construct (/usr/bin/python3). Zipped test files are unzipped into a temp dir.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
parser="$1"
shared="${2:-$here/../../../../../../shared}"
out="$here/../resources/expected"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
unzip -q -o "$shared/testdata/etl/gcevents.etl.zip" -d "$tmp"
commit="${ETL_PARSER_COMMIT:-$(git -C "$parser" rev-parse HEAD 2>/dev/null || echo unknown)}"
# Compressed files (SelfDescribingSingleEvent.etl, net.4.5.2.x64.etl) are not listed: etl-parser
# silently stops after buffer 0 on them (see ../resources/expected/README.md).
ETL_PARSER_COMMIT="$commit" /usr/bin/python3 "$here/regen_expected.py" "$parser" "$out" \
  "$shared/testdata/etl/AMSITrace.etl" "$shared/testdata/etl/lxcore_kernel.etl" \
  "$shared/testdata/etl/primitive-types.etl" "$shared/testdata/etl/ShutdownPerfDiagLogger.etl" \
  "$tmp/gcevents/PerfViewData.etl"
