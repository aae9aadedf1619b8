package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.regsl.bench.config.Settings;

/**
 * Compute slots: a run waiting behind a lock gives its slot to the next run, no more than the slots run, and
 * preparations leave the queue before runs.
 */
class ComputeTest {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    @Test
    void aRunWaitingForALockLetsTheNextRunTakeItsSlot() throws Exception {
        int slots = Settings.parallel();
        assumeTrue(slots >= 2, "needs two compute slots (one per core at one libtorch thread)");
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch lockTaken = new CountDownLatch(1);
        CountDownLatch nextRunRan = new CountDownLatch(1);
        // the first run takes the lock (a source model it pretrains) and keeps it until the next run has run
        CompletableFuture<Boolean> holder = Compute.submit(() -> Compute.locked(lock, () -> counted(() -> {
            lockTaken.countDown();
            return awaited(nextRunRan);
        })));
        assertTrue(lockTaken.await(30, TimeUnit.SECONDS));
        // every other slot's run needs the same lock: before, each waited in its slot and nothing else ran
        List<CompletableFuture<Integer>> waiters = new ArrayList<>();
        for (int i = 0; i < slots - 1; i++) {
            waiters.add(Compute.submit(() -> Compute.locked(lock, () -> counted(() -> 1))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lock.getQueueLength() < slots - 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(slots - 1, lock.getQueueLength(), "every other run waits for the lock");
        CompletableFuture<Boolean> next = Compute.submit(() -> counted(() -> {
            nextRunRan.countDown();
            return true;
        }));
        assertTrue(Compute.join(holder), "the next run got a slot while the others waited for the lock");
        assertTrue(Compute.join(next));
        for (CompletableFuture<Integer> w : waiters) {
            assertEquals(1, Compute.join(w));
        }
        assertTrue(mostRunning.get() <= slots, "at most " + slots + " ran at once, saw " + mostRunning.get());
    }

    @Test
    void preparationsLeaveTheQueueBeforeRunsEachInTheOrderQueued() {
        java.util.concurrent.PriorityBlockingQueue<Compute.Queued> queue = new java.util.concurrent.PriorityBlockingQueue<>();
        List<String> order = new ArrayList<>();
        queue.add(new Compute.Queued(false, () -> order.add("run 1")));
        queue.add(new Compute.Queued(true, () -> order.add("source A")));
        queue.add(new Compute.Queued(false, () -> order.add("run 2")));
        queue.add(new Compute.Queued(true, () -> order.add("source B")));
        queue.add(new Compute.Queued(false, () -> order.add("run 3")));
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        assertEquals(List.of("source A", "source B", "run 1", "run 2", "run 3"), order);
    }

    @Test
    void aPreparationRunsInASlotAndItsFailureIsInItsFuture() {
        AtomicInteger ran = new AtomicInteger();
        Compute.join(Compute.ahead(() -> counted(ran::incrementAndGet)));
        assertEquals(1, ran.get());
        CompletableFuture<Void> failing = Compute.ahead(() -> {
            throw new IllegalStateException("no source data");
        });
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Compute.join(failing));
        assertEquals("no source data", e.getMessage());
        assertEquals(42, Compute.join(Compute.submit(() -> 42)), "the pool runs on after a failed preparation");
    }

    @Test
    void aFreeLockRunsTheWorkOnTheCallingThread() {
        ReentrantLock lock = new ReentrantLock();
        assertEquals(Thread.currentThread(), Compute.locked(lock, Thread::currentThread));
        assertTrue(!lock.isLocked(), "released after the work");
    }

    private <T> T counted(java.util.function.Supplier<T> work) {
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return work.get();
        } finally {
            running.decrementAndGet();
        }
    }

    private static boolean awaited(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
