package org.regsl.bench.experiment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.regsl.bench.config.Settings;
import org.regsl.bench.train.Gradients;

/**
 * Where training happens: at most {@link Settings#parallel()} computations at once (each with
 * {@link Settings#threads()} libtorch intra-op threads), on a pool that claims fill ahead of their
 * cells. A computation that starts another (a run that first pretrains its source model) keeps its
 * slot, and one started from a test thread takes a slot like the pool's, so the cores are never
 * oversubscribed (two 2-thread trainings on 2 cores run 8x slower, DJL-NOTES). A computation that
 * waits for another's result behind a lock ({@link #locked}: a source model being pretrained) gives
 * its slot back while it waits, and the pool grows by a thread meanwhile (up to twice
 * {@code parallel} extra threads), so that slot trains the next run instead of idling. What many runs
 * need first (a source model, a noise labeler) is queued {@link #ahead} of every run, so it is prepared
 * while the other cores train, not in the first run that needs it while the runs queued behind it wait.
 * Every run seeds itself, so the order in which the pool finishes runs changes no bit.
 */
public final class Compute {

    private static final int PARALLEL = Settings.parallel();
    private static final Semaphore SLOTS = new Semaphore(PARALLEL, true);
    private static final ThreadLocal<Boolean> HOLDING = ThreadLocal.withInitial(() -> false);
    /** Pool threads beyond {@code parallel} at most: one per slot given back in {@link #locked}, twice over. */
    private static final int MAX_EXTRA_THREADS = 2 * PARALLEL;
    private static int extraThreads;
    /** {@code parallel} threads, one more for each pool thread waiting in {@link #locked} without its slot. */
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(PARALLEL, Integer.MAX_VALUE,
            30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "regsl-run");
                t.setDaemon(true);
                return t;
            });

    /** The order of the pool's queue: everything queued {@link #ahead} first, then runs; first come first within each. */
    private static final AtomicLong QUEUED = new AtomicLong();
    private static final Executor RUNS = task -> POOL.execute(new Queued(false, task));
    private static final Executor PREPARATIONS = task -> POOL.execute(new Queued(true, task));

    /** A task in the pool's queue with its place: preparations before runs, each in the order queued. */
    record Queued(boolean ahead, long order, Runnable task) implements Runnable, Comparable<Queued> {
        Queued(boolean ahead, Runnable task) {
            this(ahead, QUEUED.getAndIncrement(), task);
        }

        @Override
        public void run() {
            task.run();
        }

        @Override
        public int compareTo(Queued o) {
            return ahead != o.ahead ? (ahead ? -1 : 1) : Long.compare(order, o.order);
        }
    }

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

    /**
     * Runs {@code work} holding {@code lock}. A thread in a slot that finds the lock taken gives the slot
     * back while it waits (the pool takes on one more thread meanwhile, which starts the next queued
     * run in it) and takes a slot again before running {@code work}. Without it, a run waiting for the
     * source model another run is pretraining kept a core idle for the whole pretraining (C2's three
     * source models trained one after another on one of two cores). No deadlock: every wait for
     * such a lock happens without a slot, so a thread that holds one and waits for a slot waits only
     * for computations that finish.
     */
    public static <T> T locked(ReentrantLock lock, Supplier<T> work) {
        if (!lock.tryLock()) {
            if (HOLDING.get()) {
                SLOTS.release();
                boolean widened = widen(1);
                Progress.offTheClock(() -> {
                    try {
                        lock.lock();
                    } finally {
                        if (widened) {
                            widen(-1);
                        }
                        SLOTS.acquireUninterruptibly();
                    }
                });
            } else {
                lock.lock();
            }
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a pool thread ({@code +1}: false, and none added, when {@link #MAX_EXTRA_THREADS} are already
     * added) or takes one away ({@code -1}). The cap stops a cascade: when every queued run needs the one
     * model being pretrained (C5's 150 runs, C8's 360 episodes), each new thread would only wait too.
     */
    private static synchronized boolean widen(int threads) {
        if (threads > 0 && extraThreads >= MAX_EXTRA_THREADS) {
            return false;
        }
        extraThreads += threads;
        POOL.setCorePoolSize(PARALLEL + extraThreads);
        return true;
    }

    /** Starts {@code work} on the pool, in a slot, after everything queued before it. */
    public static <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> inSlot(work), RUNS);
    }

    /**
     * Starts {@code work} on the pool, in a slot, ahead of every queued run (after the preparations queued before
     * it): what queued runs will wait for (a source model to pretrain). Before, the first run needing C8's
     * ResNet-12 pretrained it for minutes while every episode queued behind it waited for the same model and
     * one core idled. A failure is the caller's to read from the future; the runs that need the result compute
     * it again and fail as they would have.
     */
    public static CompletableFuture<Void> ahead(Runnable work) {
        return CompletableFuture.runAsync(() -> inSlot(() -> {
            work.run();
            return null;
        }), PREPARATIONS);
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
