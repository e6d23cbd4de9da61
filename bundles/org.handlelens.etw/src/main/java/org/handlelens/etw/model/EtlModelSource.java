package org.handlelens.etw.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.handlelens.etw.EtlFileInfo;
import org.handlelens.etw.EtlFormatException;
import org.handlelens.etw.EtlReadResult;
import org.handlelens.etw.EtlReader;
import org.handlelens.etw.EventCounts;
import org.handlelens.etw.EventKind;
import org.handlelens.etw.ReadListener;
import org.handlelens.etw.buffer.BufferHeader;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.spi.ModelSource;

/**
 * ETW trace importer (format id {@code "etl"}): processes, image loads with PDB identity, and
 * handle lifetimes with stacks. ETL facts the CLI prints go to {@link SourceInfo}, the event
 * counts per kind to {@link SourceInfo#events()} ({@code other} includes the header and image-id
 * events; the image-id count alone is the property {@code events.imageId}; {@code handle} includes the
 * Win32k GDI/USER HandleOperation events, whose count alone is the property {@code events.win32kHandle}).
 */
public final class EtlModelSource implements ModelSource {
    public static final String FORMAT_ID = "etl";

    private final int decodeThreads;

    /** Decodes with {@link EtlReader#defaultDecodeThreads()} helper threads (the service-loader constructor). */
    public EtlModelSource() {
        this(EtlReader.defaultDecodeThreads());
    }

    /**
     * @param decodeThreads helper threads decoding buffers ahead of the model build, 0 = decode on the
     *                      loading thread (the model is the same either way)
     */
    public EtlModelSource(int decodeThreads) {
        if (decodeThreads < 0) {
            throw new IllegalArgumentException("decodeThreads < 0: " + decodeThreads);
        }
        this.decodeThreads = decodeThreads;
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public int confidence(Path file, byte[] head) {
        boolean named = file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".etl");
        if (head.length >= BufferHeader.SIZE + 8) {
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            long size = Integer.toUnsignedLong(b.getInt(0));
            int type = head[BufferHeader.SIZE + 2] & 0xFF;
            int flags = head[BufferHeader.SIZE + 3] & 0xFF;
            boolean header = (type == 1 || type == 2) && flags == 0xC0 && head[BufferHeader.SIZE + 6] == 0
                    && head[BufferHeader.SIZE + 7] == 0;
            if (header && size >= BufferHeader.SIZE && size <= (16 << 20)) {
                return 95;
            }
        }
        // claim .etl files we cannot read so the user gets our precise error, not "unknown format"
        return named ? 20 : 0;
    }

    @Override
    public HandleModel load(Path file, ProgressMonitor monitor) throws SourceFormatException, IOException {
        ProgressMonitor m = monitor == null ? ProgressMonitor.NULL : monitor;
        try (EtlReader reader = EtlReader.open(file)) {
            EtlFileInfo info = reader.info();
            HandleModelBuilder builder = new HandleModelBuilder(sourceInfo(file, info, null, null));
            HandleTraceCollector collector = new HandleTraceCollector(builder);
            m.begin(info.fileSizeBytes());
            long[] reported = {0};
            EtlReadResult r = reader.read(collector, new ReadListener() {
                @Override
                public void progress(long done, long total) {
                    m.worked(done - reported[0]);
                    reported[0] = done;
                }

                @Override
                public boolean cancelled() {
                    return m.isCanceled();
                }
            }, decodeThreads);
            collector.finish();
            builder.setSource(sourceInfo(file, info, r, reader));
            if (r.partial()) {
                builder.markPartial(r.fault().getMessage() + (r.faultCount() > 1 ? " (+" + (r.faultCount() - 1)
                        + " more faults)" : ""));
            }
            if (info.eventsLost() > 0 || info.buffersLost() > 0) {
                builder.addWarning("trace header reports " + info.eventsLost() + " events lost and "
                        + info.buffersLost() + " buffers lost: handle balances may be wrong");
            }
            if (r.counts().malformed() > 0) {
                builder.addWarning(r.counts().malformed() + " events with malformed payloads skipped: "
                        + r.counts().malformedByKey());
            }
            m.done();
            return builder.build();
        } catch (EtlFormatException e) {
            throw new SourceFormatException(file, SourceFormatException.PositionKind.BYTE_OFFSET, e.byteOffset(),
                    e.getMessage(), e);
        }
    }

    static SourceInfo sourceInfo(Path file, EtlFileInfo info, EtlReadResult r, EtlReader reader) {
        Instant end = info.endTime();
        Instant start = info.startTime();
        if (r != null && r.counts().lastTimestampRaw() != Long.MIN_VALUE) {
            Instant last = info.clock().instant(r.counts().lastTimestampRaw());
            if (end.isBefore(start) || info.header().endTimeFileTime() == 0) {
                end = last; // no EndTime in the header (trace not stopped cleanly)
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("os", info.osMajor() + "." + info.osMinor() + "." + info.osBuild());
        props.put("clockType", switch (info.clockType()) {
            case 1 -> "QPC";
            case 2 -> "SystemTime";
            case 3 -> "CpuCycle";
            default -> "unknown(" + info.clockType() + ")";
        });
        props.put("perfFrequency", Long.toString(info.perfFreq()));
        props.put("logFileMode", String.format("0x%08X", info.logFileMode()));
        props.put("compressed", Boolean.toString(info.compressed()));
        props.put("circular", Boolean.toString(info.circular()));
        props.put("sessionName", info.sessionName());
        props.put("bufferSize", Long.toString(info.bufferSizeBytes()));
        org.handlelens.model.TraceEventCounts events = null;
        if (r != null) {
            EventCounts c = r.counts();
            events = new org.handlelens.model.TraceEventCounts(c.total(), c.of(EventKind.PROCESS),
                    c.of(EventKind.THREAD), c.of(EventKind.IMAGE), c.of(EventKind.STACK_WALK),
                    c.of(EventKind.HANDLE) + c.of(EventKind.WIN32K_HANDLE),
                    c.of(EventKind.OTHER) + c.of(EventKind.HEADER) + c.of(EventKind.IMAGE_ID));
            props.put("events.imageId", Long.toString(c.of(EventKind.IMAGE_ID)));
            props.put("events.win32kHandle", Long.toString(c.of(EventKind.WIN32K_HANDLE)));
            props.put("buffersRead", Long.toString(r.buffersRead()));
        }
        return new SourceInfo(FORMAT_ID, file.getFileName().toString(), start, end, info.pointerSize(),
                info.cpuCount(), info.eventsLost(), info.buffersLost(), events == null ? -1 : events.total(), props,
                events);
    }
}
