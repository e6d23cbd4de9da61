package org.handlelens.etw.buffer;

/** Where a {@link CpuStream} gets the bytes of its buffers, asked for in list order, once each. */
public interface BufferSource {
    /**
     * The bytes of buffer {@code index} of the stream's list; valid until the next call. Called on the
     * stream's thread, for index 0, 1, 2 ... in turn.
     */
    LoadedBuffer load(int index);

    /** Loads each buffer when asked, on the calling thread. */
    static BufferSource onDemand(java.util.List<BufferHeader> buffers, BufferLoader loader) {
        return index -> loader.load(buffers.get(index));
    }
}
