package org.regsl.bench.experiment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.regsl.bench.config.Settings;
import org.regsl.bench.train.Gradients;

/**
 * Where training happens: at most {@link Settings#parallel()} computations at once (each with
 * {@link Settings#threads()} libtorch intra-op threads), on a pool that claims fill ahead of their
 * cells. A computation that starts another (a run that first pretrains its source model) keeps its
 * slot, and one started from a test thread takes a slot like the pool's, so the cores are never
 * oversubscribed (two 2-thread trainings on 2 cores run 8x slower, DJL-NOTES). Every run seeds
 * itself, so the order in which the pool finishes runs changes no bit.
 */
public final class Compute {

    private static final Semaphore SLOTS = new Semaphore(Settings.parallel(), true);
    private static final ThreadLocal<Boolean> HOLDING = ThreadLocal.withInitial(() -> false);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Settings.parallel(), r -> {
        Thread t = new Thread(r, "regsl-run");
        t.setDaemon(true);
        return t;
    });

    private Compute() {}

    /** Runs {@code work} in a compute slot (at once if this thread already holds one). */
    public static <T> T inSlot(Supplier<T> work) {
        if (HOLDING.get()) {
            return work.get();
        }
        SLOTS.acquireUninterruptibly();
        HOLDING.set(true);
        try {
            Gradients.offOnThisThread();
            return work.get();
        } finally {
            HOLDING.set(false);
            SLOTS.release();
        }
    }

    /** Starts {@code work} on the pool, in a slot. */
    public static <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> inSlot(work), POOL);
    }

    /** The value of {@code f}, waiting for it; a failure of the work is rethrown as it was thrown. */
    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
