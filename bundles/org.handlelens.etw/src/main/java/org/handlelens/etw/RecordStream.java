package org.handlelens.etw;

import org.handlelens.etw.header.EventRecordHeader;

/** One CPU's records in order, as the timestamp merge of {@link EtlReader} consumes them. */
interface RecordStream {
    /** Tie-break order among streams with equal timestamps. */
    int order();

    /** The current record (a flyweight, valid until the next {@link #advance()}). */
    EventRecordHeader header();

    /**
     * Whether a decode thread has classified, decoded and counted the current record already: then
     * {@link #kind()} and {@link #decoded()} hold the results (see {@link EventDispatcher#deliverCounted}).
     */
    boolean counted();

    /** The current record's kind, when {@link #counted()}. */
    EventKind kind();

    /** The current record's decoded payload (as {@link EventDispatcher#decode} returned it), when {@link #counted()}. */
    Object decoded();

    /** Moves to the next record; false when this CPU has no more. */
    boolean advance();

    /** Decodes on the merging thread: {@link org.handlelens.etw.buffer.CpuStream} as it is. */
    static RecordStream of(org.handlelens.etw.buffer.CpuStream s) {
        return new RecordStream() {
            @Override
            public int order() {
                return s.order();
            }

            @Override
            public EventRecordHeader header() {
                return s.header();
            }

            @Override
            public EventKind kind() {
                return null;
            }

            @Override
            public Object decoded() {
                return null;
            }

            @Override
            public boolean counted() {
                return false;
            }

            @Override
            public boolean advance() {
                return s.advance();
            }
        };
    }
}
