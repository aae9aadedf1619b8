package org.regsl.bench.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.regsl.bench.config.Settings;
import org.regsl.bench.train.TimeSplit;

/**
 * One progress line per claim at a steady pace, beside the interleaved epoch lines of concurrent
 * runs: runs done of those started, time since the claim's first run began, and the time left
 * estimated from the claim's measured run times ({@code remaining x mean run time / parallel};
 * until one of its runs is done, from every run done so far). Runs are counted for the claim in
 * whose {@link #during} block the {@link RunStore} started them. Every
 * {@code -Dregsl.progress=SECONDS} seconds (default 60; 0: never) while runs are pending, and once
 * when a claim's last run is done.
 */
public final class Progress {

    /** The counts of one claim. */
    static final class Claim {
        final String name;
        int started;
        int done;
        double runSeconds;
        long firstBegan;
        long lastDone;
        boolean reportedDone;
        final TimeSplit split = new TimeSplit();

        Claim(String name) {
            this.name = name;
        }
    }

    /** One run's handle: when it began and ended. */
    public interface Run {
        /** The run's computation begins (it has a compute slot). */
        void began();

        /** The run is done (or failed). */
        void ended();
    }

    private static final String UNNAMED = "runs";
    private static final Map<String, Claim> CLAIMS = new LinkedHashMap<>();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    /** The run this thread computes, whose clock {@link #offTheClock} stops. */
    private static final ThreadLocal<Counted> RUNNING = new ThreadLocal<>();
    private static ScheduledExecutorService printer;

    private Progress() {}

    /** Runs {@code work}; the runs it starts on this thread are counted for {@code claim}. */
    public static void during(String claim, Runnable work) {
        String previous = CURRENT.get();
        CURRENT.set(claim);
        try {
            work.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * Runs {@code wait}, off the clock of the run this thread computes: a wait without a compute slot
     * ({@link Compute#locked}: for a source model another run pretrains, then for a slot again) is not the
     * run's time, or runs waiting in extra pool threads would count it over and over.
     */
    static void offTheClock(Runnable wait) {
        long t0 = System.nanoTime();
        try {
            wait.run();
        } finally {
            Counted run = RUNNING.get();
            if (run != null) {
                run.waited += System.nanoTime() - t0;
            }
        }
    }

    /** A new run started from this thread (the {@link RunStore} calls it once per run it computes). */
    static Run started() {
        String name = CURRENT.get() == null ? UNNAMED : CURRENT.get();
        Claim c;
        synchronized (CLAIMS) {
            c = CLAIMS.computeIfAbsent(name, Claim::new);
            c.started++;
            ensurePrinter();
        }
        return new Counted(c);
    }

    /** A run counted for claim {@code c}; binds the claim to the computing thread while it runs. */
    private static final class Counted implements Run {
        private final Claim c;
        private long began;
        private long waited;
        private TimeSplit splitBefore;
        private String claimBefore;
        private Counted runBefore;

        Counted(Claim c) {
            this.c = c;
        }

        @Override
        public void began() {
            splitBefore = TimeSplit.bind(c.split); // the run's phases count for its claim
            claimBefore = CURRENT.get();
            CURRENT.set(c.name); // and so do the runs it starts (a source model it pretrains)
            runBefore = RUNNING.get();
            RUNNING.set(this);
            began = System.nanoTime();
            synchronized (CLAIMS) {
                if (c.firstBegan == 0) {
                    c.firstBegan = began;
                }
            }
        }

        @Override
        public void ended() {
            long now = System.nanoTime();
            TimeSplit.bind(splitBefore);
            CURRENT.set(claimBefore);
            RUNNING.set(runBefore);
            boolean last;
            synchronized (CLAIMS) {
                c.done++;
                c.runSeconds += (now - began - waited) / 1e9;
                c.lastDone = now;
                last = c.done == c.started && !c.reportedDone;
                c.reportedDone |= last;
            }
            if (last && !c.name.equals(UNNAMED)) { // a claim's last run; not every tool's or unit test's run
                print(List.of(line(c, now)));
            }
        }
    }

    /**
     * Per claim, where its runs' time went ("C3: 40 runs, 812 s of run time: training steps 601 s
     * (74 %), ..."); a run that starts another counts the inner run's time twice; a wait without a slot
     * is not counted.
     */
    public static List<String> summary() {
        List<String> out = new ArrayList<>();
        synchronized (CLAIMS) {
            for (Claim c : CLAIMS.values()) {
                if (c.done > 0) {
                    out.add(String.format("%s: %d runs, %.0f s of run time: %s", c.name, c.done, c.runSeconds,
                            c.split.describe(c.runSeconds)));
                }
            }
        }
        return out;
    }

    /** The progress line of {@code c} at time {@code now} (nanoTime). */
    static String line(Claim c, long now) {
        synchronized (CLAIMS) {
            double elapsed = c.firstBegan == 0 ? 0 : ((c.done == c.started ? c.lastDone : now) - c.firstBegan) / 1e9;
            String head = String.format("[progress] %s: %d/%d runs done", c.name, c.done, c.started);
            if (c.firstBegan == 0) {
                return head + ", waiting for a compute slot";
            }
            if (c.done == c.started) {
                return head + " in " + duration(elapsed);
            }
            double mean = c.done > 0 ? c.runSeconds / c.done : meanOfAll();
            String left = Double.isNaN(mean) ? "estimated after the first run"
                    : "about " + duration((c.started - c.done) * mean / Settings.parallel()) + " left";
            return head + ", " + duration(elapsed) + " elapsed, " + left;
        }
    }

    private static double meanOfAll() {
        int n = 0;
        double s = 0;
        for (Claim c : CLAIMS.values()) {
            n += c.done;
            s += c.runSeconds;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** {@code 75} -> {@code 1m15s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s"
                : (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
    }

    private static void ensurePrinter() {
        long every = Long.getLong("regsl.progress", 60);
        if (printer != null || every <= 0) {
            return;
        }
        printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regsl-progress");
            t.setDaemon(true);
            return t;
        });
        printer.scheduleAtFixedRate(Progress::printPending, every, every, TimeUnit.SECONDS);
    }

    private static void printPending() {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        synchronized (CLAIMS) {
            for (Claim c : CLAIMS.values()) {
                if (c.done < c.started && c.firstBegan != 0) {
                    lines.add(line(c, now));
                }
            }
        }
        print(lines);
    }

    private static void print(List<String> lines) {
        lines.forEach(System.out::println);
    }
}
