package org.handlelens.etw.buffer;

import java.nio.ByteBuffer;

import org.handlelens.etw.header.RecordFormatException;

/**
 * What the loading thread learned walking one loaded buffer, in primitive arrays (no per-event objects cross
 * threads): each record's offset and a code (its kind, already counted, and whether its payload was decoded here),
 * the fields of the decoded handle and stack-walk payloads, and the fault that ended the walk, if any. The walking
 * thread ({@link CpuStream}) then only re-reads each record's header and makes the visitor's calls. Reused for the
 * buffers of one loader slot; written by the loading thread before the hand-over, read after it.
 */
public final class RecordIndex {
    /** Fills an index for a loaded buffer (classify, count, decode): runs on the loading thread. */
    public interface Filler {
        /** Walks the records of {@code data} from the first record to {@code limit} (SavedOffset) into {@code out}. */
        void fill(ByteBuffer data, int limit, RecordIndex out);
    }

    private int count;
    private int[] offsets = new int[256];
    private int[] codes = new int[256];
    /** Payload fields of decoded records: handle object / stack event timestamp, handle / pid, type / tid. */
    private long[] wide = new long[256];
    private int[] narrowA = new int[256];
    private int[] narrowB = new int[256];
    /** Stack-walk frames of the buffer, back to back; slot i's are {@code frameStart[i] .. frameStart[i + 1] - 1}. */
    private int[] frameStart = new int[257];
    private long[] frames = new long[1024];
    private int frameCount;
    private RecordFormatException fault;

    /** Empties the index for the next buffer. */
    public void clear() {
        count = 0;
        frameCount = 0;
        fault = null;
    }

    /** Adds a record at {@code offset} with {@code code}; returns its slot. */
    public int add(int offset, int code) {
        if (count == offsets.length) {
            int n = count * 2;
            offsets = java.util.Arrays.copyOf(offsets, n);
            codes = java.util.Arrays.copyOf(codes, n);
            wide = java.util.Arrays.copyOf(wide, n);
            narrowA = java.util.Arrays.copyOf(narrowA, n);
            narrowB = java.util.Arrays.copyOf(narrowB, n);
            frameStart = java.util.Arrays.copyOf(frameStart, n + 1);
        }
        offsets[count] = offset;
        codes[count] = code;
        return count++;
    }

    /** Adds {@code bits} to slot {@code i}'s code. */
    public void mark(int i, int bits) {
        codes[i] |= bits;
    }

    /** Sets the decoded payload fields of slot {@code i}. */
    public void setFields(int i, long w, int a, int b) {
        wide[i] = w;
        narrowA[i] = a;
        narrowB[i] = b;
    }

    /** Room for {@code n} more frames; returns the array to write them into from {@link #frameCount()} on. */
    public long[] frameSpace(int n) {
        if (frames.length - frameCount < n) {
            frames = java.util.Arrays.copyOf(frames, Math.max(frames.length * 2, frameCount + n));
        }
        return frames;
    }

    /** Records that slot {@code i}'s {@code n} frames were written at {@link #frameCount()}. */
    public void addFrames(int i, int n) {
        frameStart[i] = frameCount;
        frameCount += n;
        frameStart[i + 1] = frameCount;
    }

    public int frameCount() {
        return frameCount;
    }

    /** The walk stopped at a malformed record here (null: it reached the end of the buffer's data). */
    public void fault(RecordFormatException e) {
        fault = e;
    }

    public int count() {
        return count;
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int code(int i) {
        return codes[i];
    }

    public long wide(int i) {
        return wide[i];
    }

    public int narrowA(int i) {
        return narrowA[i];
    }

    public int narrowB(int i) {
        return narrowB[i];
    }

    /** Number of frames of slot {@code i} (a stack walk decoded by the filler). */
    public int framesOf(int i) {
        return frameStart[i + 1] - frameStart[i];
    }

    /** Copies slot {@code i}'s frames into {@code dst} (of {@link #framesOf} elements). */
    public void copyFrames(int i, long[] dst) {
        System.arraycopy(frames, frameStart[i], dst, 0, dst.length);
    }

    public RecordFormatException fault() {
        return fault;
    }
}
