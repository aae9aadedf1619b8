package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.regsl.bench.config.Settings;
import org.regsl.bench.train.TimeSplit;

/** The progress line and the time split: counts, elapsed time, the estimate from measured runs. */
class ProgressTest {

    @Test
    void aLineCountsRunsAndEstimatesTheRestFromTheClaimsOwnRunTimes() {
        Progress.Claim c = new Progress.Claim("C9");
        c.started = 10;
        assertEquals("[progress] C9: 0/10 runs done, waiting for a compute slot", Progress.line(c, 0));
        c.firstBegan = 1;
        c.done = 4;
        c.runSeconds = 4 * 30.0; // 30 s a run
        long now = 1 + 90_000_000_000L;
        String expectedLeft = Progress.duration(6 * 30.0 / Settings.parallel());
        assertEquals("[progress] C9: 4/10 runs done, 1m30s elapsed, about " + expectedLeft + " left", Progress.line(c, now));
        c.done = 10;
        c.lastDone = 1 + 300_000_000_000L;
        assertEquals("[progress] C9: 10/10 runs done in 5m00s", Progress.line(c, now));
    }

    @Test
    void aRunsWaitWithoutASlotIsOffItsClock() throws Exception {
        Progress.Run[] run = new Progress.Run[1];
        Progress.during("waiting-claim", () -> run[0] = Progress.started());
        run[0].began();
        Progress.offTheClock(() -> sleep(1500));
        sleep(50);
        run[0].ended();
        String line = Progress.summary().stream().filter(l -> l.startsWith("waiting-claim:")).findFirst().orElseThrow();
        double seconds = Double.parseDouble(line.replaceAll(".*runs, ([0-9.]+) s of run time.*", "$1"));
        assertTrue(seconds < 1, "the 1.5 s wait is not run time: " + line);
        Progress.offTheClock(() -> sleep(1)); // no run on this thread any more: nothing to stop
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void durationsReadAsAPersonWritesThem() {
        assertEquals("42s", Progress.duration(42.3));
        assertEquals("1m15s", Progress.duration(75));
        assertEquals("2h05m", Progress.duration(7500));
    }

    @Test
    void theTimeSplitCountsOnlyTheThreadItIsBoundTo() throws Exception {
        TimeSplit split = new TimeSplit();
        TimeSplit before = TimeSplit.bind(split);
        try {
            TimeSplit.add(TimeSplit.Phase.VALIDATION, 2_000_000_000L);
            Thread other = new Thread(() -> TimeSplit.add(TimeSplit.Phase.VALIDATION, 5_000_000_000L));
            other.start();
            other.join();
        } finally {
            TimeSplit.bind(before);
        }
        TimeSplit.add(TimeSplit.Phase.VALIDATION, 7_000_000_000L); // unbound again: not counted
        assertEquals(2.0, split.seconds(TimeSplit.Phase.VALIDATION), 1e-9);
        String d = split.describe(4.0);
        assertTrue(d.startsWith("validation passes 2 s (50 %)"), d);
        assertTrue(d.endsWith("rest 2 s (50 %)"), d);
    }
}
