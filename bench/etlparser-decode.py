#!/usr/bin/python3
"""Times airbus-cert/etl-parser (a checkout, not part of this repository; Debian python3-construct)
over one ETL file: every buffer and record parsed, and every kernel (System/PerfInfo) record's
payload decoded with its MOF class, as our `DecodeBench decode` decodes every payload.
Usage: bench/etlparser-decode.py ETL_PARSER_CHECKOUT FILE.etl   -> one key=value line."""
import sys
import time

sys.path.insert(0, sys.argv[1])
from etl.etl import EtlLogFile, ChunkParser  # noqa: E402
from etl.system import System  # noqa: E402
from etl.perf import PerfInfo  # noqa: E402
from etl.parsers.kernel.core import build_mof  # noqa: E402,F401 (registers MOF classes)
import etl.parsers.kernel  # noqa: E402,F401

t0 = time.perf_counter()
with open(sys.argv[2], 'rb') as f:
    data = f.read()
events = decoded = errors = 0
for chunk in EtlLogFile.parse(data):
    for ev in ChunkParser.parse(chunk.payload):
        events += 1
        src = System(ev.value) if ev.type == 'SystemTraceRecord' else \
            PerfInfo(ev.value) if ev.type == 'PerfInfoTraceRecord' else None
        if src is None:
            continue
        try:
            src.get_mof()
            decoded += 1
        except Exception:  # no MOF class or a layout it does not know
            errors += 1
s = time.perf_counter() - t0
print('tool=etl-parser seconds=%.3f events=%d decoded=%d undecoded=%d mbPerSecond=%.2f'
      % (s, events, decoded, errors, len(data) / 1e6 / s))
