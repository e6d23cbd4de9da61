#!/usr/bin/python3
"""Regenerate src/test/resources/expected/<file>.json with the independent Python decoder
airbus-cert/etl-parser (not part of this repository: pass the path of a checkout).

Usage: [ETL_PARSER_COMMIT=sha] /usr/bin/python3 regen_expected.py ETL_PARSER_DIR OUT_DIR FILE.etl [FILE.etl ...]
Needs Debian's python3-construct. etl-parser reads uncompressed files only; for compressed
files see ../resources/expected/README.md (figures taken from the *.summary.txt files).

Figures written (keys use the same spelling as org.handlelens.etw.EventCounts.byKey):
  header     fields etl-parser decodes correctly (those before the time-zone block)
  buffers    number of buffers
  events     total and per key: "kernel 0xHHHH" (HookId), "classic <guid> type<N>",
             "provider <guid> id<N>", "message"
  firstTimestampRaw / lastTimestampRaw / headerTimestampRaw  raw clock values
  processes  process events (group 3, opcodes 1-4, 39) decoded by etl-parser's MOF classes
  images     distinct [pid, base, size, fileName, count] of image events
  threads    distinct [pid, tid, version, count] of thread events (group 5, opcodes 1-4) etl-parser decodes
  mofErrors  events etl-parser's MOF classes could not decode, per key
  extStacks  (only when present) EVENT_HEADER records with a stack-trace extended item (ExtType 5 STACK_TRACE32,
             6 STACK_TRACE64): [key, pid, tid, extType, matchId, [address hex ...], userData hex]
"""
import json
import os
import sys
import uuid
from collections import Counter


def guid_str(g):
    i = g.inner
    b = i.data1.to_bytes(4, 'little') + i.data2.to_bytes(2, 'little') + i.data3.to_bytes(2, 'little') + bytes(i.data4)
    return str(uuid.UUID(bytes_le=b))


def main():
    parser_dir, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    sys.path.insert(0, parser_dir)
    from etl.etl import EtlLogFile, ChunkParser
    from etl.system import System
    from etl.perf import PerfInfo
    from etl.parsers.kernel.core import build_mof  # noqa: F401 (registers MOF classes)
    import etl.parsers.kernel  # noqa: F401

    commit = (os.environ.get('ETL_PARSER_COMMIT')
              or os.popen('git -C "%s" rev-parse HEAD 2>/dev/null' % parser_dir).read().strip() or 'unknown')
    for path in files:
        with open(path, 'rb') as f:
            data = f.read()
        chunks = EtlLogFile.parse(data)
        keys = Counter()
        mof_errors = Counter()
        processes = []
        images = Counter()
        threads = Counter()
        ext_stacks = []
        first = None
        last = None
        header = None
        header_ts = None
        for ci, chunk in enumerate(chunks):
            for ev in ChunkParser.parse(chunk.payload):
                t, v = ev.type, ev.value
                ts = None
                mof_src = None
                if t == 'SystemTraceRecord':
                    h = v.system_header
                    group, op, ver = int(h.header.group), int(h.header.type), int(h.marker.version)
                    key = 'kernel 0x%04x' % (group << 8 | op)
                    ts = int(h.system_time)
                    mof_src = System(v)
                    pid = int(h.process_id)
                elif t == 'PerfInfoTraceRecord':
                    group, op, ver = int(v.header.group), int(v.header.type), int(v.marker.version) & 0xFF
                    key = 'kernel 0x%04x' % (group << 8 | op)
                    ts = int(v.timestamp)
                    mof_src = PerfInfo(v)
                    pid = -1
                elif t == 'EventRecord':
                    eh = v.event_header
                    key = 'provider %s id%d' % (guid_str(eh.provider_id), int(eh.event_descriptor.Id))
                    ts = int(eh.timestamp)
                    for item in (v.extended_data or []):
                        et = int(item.ext_type)
                        if et in (5, 6):
                            d = bytes(item.data_item)
                            w = 4 if et == 5 else 8
                            addrs = ['0x%x' % int.from_bytes(d[i:i + w], 'little') for i in range(8, len(d) - w + 1, w)]
                            ext_stacks.append([key, int(eh.process_id), int(eh.thread_id), et,
                                               int.from_bytes(d[0:8], 'little'), addrs, bytes(v.user_data).hex()])
                elif t == 'TraceRecord':
                    eh = v.event_header
                    key = 'classic %s type%d' % (guid_str(eh.guid), int(eh['class'].type))
                    ts = int(eh.timestamp)
                else:
                    key = 'message'
                keys[key] += 1
                if ts is not None:
                    first = ts if first is None else min(first, ts)
                    last = ts if last is None else max(last, ts)
                if mof_src is None:
                    continue
                if ci == 0 and key == 'kernel 0x0000' and header is None:
                    mof = mof_src.get_mof()
                    s = mof.source
                    header = {
                        'bufferSize': int(s.BufferSize),
                        'osMajor': int(s.Version) & 0xFF,
                        'osMinor': (int(s.Version) >> 8) & 0xFF,
                        'osBuild': int(s.ProviderVersion),
                        'numberOfProcessors': int(s.NumberOfProcessors),
                        'endTimeFileTime': int(s.EndTime),
                        'logFileMode': int(s.LogFileMode),
                        'buffersWritten': int(s.BuffersWritten),
                        'pointerSize': int(s.PointerSize),
                        'eventsLost': int(s.EventsLost),
                        'cpuSpeedMHz': int(s.CPUSpeed),
                    }
                    header_ts = ts
                    continue
                is_process = group == 0x03 and op in (1, 2, 3, 4, 39)
                is_image = (group == 0x03 and op == 10) or (group == 0x14 and op in (2, 3, 4))
                is_thread = group == 0x05 and op in (1, 2, 3, 4)
                if not (is_process or is_image or is_thread):
                    continue
                try:
                    mof = mof_src.get_mof()
                    s = mof.source
                    if is_thread:
                        threads[(int(s.ProcessId), int(s.ThreadId), ver)] += 1
                    elif is_process:
                        processes.append({
                            'opcode': op, 'version': ver, 'pid': int(s.ProcessId), 'parentPid': int(s.ParentId),
                            'sessionId': int(s.SessionId), 'image': mof.get_image_file_name()})
                    else:
                        images[(int(s.ProcessId), int(s.ImageBase), int(s.ImageSize), mof.get_image_filename())] += 1
                except Exception as e:  # etl-parser could not decode this payload
                    mof_errors['%s v%d: %s' % (key, ver, type(e).__name__)] += 1
        out = {
            'file': os.path.basename(path),
            'source': 'airbus-cert/etl-parser@' + commit,
            'header': header,
            'buffers': len(chunks),
            'events': {'total': sum(keys.values()), 'byKey': dict(sorted(keys.items()))},
            'headerTimestampRaw': header_ts,
            'firstTimestampRaw': first,
            'lastTimestampRaw': last,
            'mofErrors': dict(sorted(mof_errors.items())),
        }
        if ext_stacks:
            out['extStacks'] = ext_stacks
        # processes/images: one compact JSON value per line (images as [pid, base, size, fileName, count])
        proc_lines = [json.dumps(p, ensure_ascii=False, separators=(',', ':')) for p in processes]
        img_lines = [json.dumps([k[0], '0x%x' % k[1], '0x%x' % k[2], k[3], c], ensure_ascii=False, separators=(',', ':'))
                     for k, c in sorted(images.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][3]))]
        text = json.dumps(out, indent=1, ensure_ascii=False)[:-2]
        text += ',\n "processes": [' + ('\n  ' + ',\n  '.join(proc_lines) + '\n ' if proc_lines else '') + ']'
        thr_lines = [json.dumps([k[0], k[1], k[2], c], separators=(',', ':')) for k, c in sorted(threads.items())]
        text += ',\n "images": [' + ('\n  ' + ',\n  '.join(img_lines) + '\n ' if img_lines else '') + ']'
        text += ',\n "threads": [' + ('\n  ' + ',\n  '.join(thr_lines) + '\n ' if thr_lines else '') + ']\n}\n'
        name = os.path.basename(path)
        with open(os.path.join(out_dir, name + '.json'), 'w') as f:
            f.write(text)
        print('%s: %d events, %d processes, %d distinct images, mofErrors=%s' % (
            name, out['events']['total'], len(processes), len(images), dict(mof_errors)))


if __name__ == '__main__':
    main()
