package org.handlelens.etw.buffer;

import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Loads (reads, decompresses) a stream's next buffers on an executor while the stream walks the current one:
 * the copy out of the page cache and XPRESS decompression leave the walking thread. One hand-over per buffer
 * (not per event). Up to {@code window} buffers beyond the one being walked are loaded, each in its own
 * {@link BufferLoader}; the loader of the buffer being walked is not reused until the stream asks for the next one;
 * refills come in batches (half a window), so the loading thread is not woken for every buffer. Never interrupts a load
 * (an interrupted {@link FileChannel} read would close the channel).
 */
public final class AheadBufferSource implements BufferSource {
    private final List<BufferHeader> buffers;
    private final Executor executor;
    private final int window;
    /** {@code window + 1} loaders: buffer i uses {@code loaders[i % loaders.length]}, free again once the stream asked for i + 1. */
    private final BufferLoader[] loaders;
    private final FutureTask<LoadedBuffer>[] pending;
    private int submitted;

    /** @param window buffers loaded ahead of the one being walked (at least 1) */
    @SuppressWarnings("unchecked")
    public AheadBufferSource(List<BufferHeader> buffers, FileChannel channel, int compressionFormat,
            Executor executor, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window < 1: " + window);
        }
        this.buffers = buffers;
        this.executor = executor;
        this.window = window;
        loaders = new BufferLoader[window + 1];
        for (int i = 0; i < loaders.length; i++) {
            loaders[i] = new BufferLoader(channel, compressionFormat);
        }
        pending = new FutureTask[loaders.length];
        submitUpTo(Math.min(window + 1, buffers.size()));
    }

    @Override
    public LoadedBuffer load(int index) {
        if (index >= submitted) { // CpuStream asks for 0, 1, 2 ... in turn
            throw new IllegalStateException("buffer " + index + " asked for out of order");
        }
        // the caller is done with buffers before index: their loaders take the next buffers. Refilled when half
        // the window is used up, so an idle loading thread is woken once per several buffers, not for each
        if (submitted - index <= Math.max(1, window / 2)) { // window 1: refill on every call
            submitUpTo(Math.min(buffers.size(), index + window + 1));
        }
        FutureTask<LoadedBuffer> f = pending[index % pending.length];
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // finish the hand-over; the caller sees the interrupt flag afterwards
                } catch (ExecutionException e) {
                    throw HandOver.failure(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues the loads of buffers {@code submitted .. end - 1} as one task: one wake-up of the loading thread. */
    private void submitUpTo(int end) {
        if (submitted >= end) {
            return;
        }
        @SuppressWarnings("unchecked")
        FutureTask<LoadedBuffer>[] batch = new FutureTask[end - submitted];
        for (int i = 0; i < batch.length; i++, submitted++) {
            BufferLoader loader = loaders[submitted % loaders.length];
            BufferHeader h = buffers.get(submitted);
            batch[i] = new FutureTask<>(() -> loader.load(h));
            pending[submitted % pending.length] = batch[i];
        }
        executor.execute(() -> {
            for (FutureTask<LoadedBuffer> f : batch) {
                f.run();
            }
        });
    }
}
