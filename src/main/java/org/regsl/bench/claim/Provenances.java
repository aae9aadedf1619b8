package org.regsl.bench.claim;

import org.regsl.bench.train.NumericsFingerprint;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.regsl.bench.config.Settings;

/** Describes where a number was produced: commit, date, machine, versions, threads, seeds, time. */
public final class Provenances {

    private static volatile String commit;

    private Provenances() {}

    /** Provenance of values produced now under {@code budget} with {@code seeds}. */
    public static ExpectedResults.Provenance now(String budget, List<Integer> seeds, double wallSeconds) {
        return now(budget, seeds, wallSeconds, NumericsFingerprint.current().id());
    }

    /** As {@link #now(String, List, double)}, under the numerics fingerprint {@code fingerprint} (C7: with the ViT canary). */
    public static ExpectedResults.Provenance now(String budget, List<Integer> seeds, double wallSeconds,
            String fingerprint) {
        ExpectedResults.Provenance p = new ExpectedResults.Provenance();
        p.commit = commit();
        p.date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        p.machine = machine();
        p.jdk = System.getProperty("java.vendor") + " " + System.getProperty("java.version");
        p.djl = Engine.getDjlVersion();
        p.libtorch = Engine.getInstance().getVersion();
        p.threads = Settings.threads();
        p.fingerprint = fingerprint;
        p.budget = budget;
        p.seeds = seeds;
        p.wallSeconds = Math.round(wallSeconds * 10) / 10.0;
        return p;
    }

    /** The git commit of the project ({@code -dirty} when the tree has changes), or {@code unknown}. */
    public static synchronized String commit() {
        if (commit == null) {
            String head = git("rev-parse", "--short=12", "HEAD");
            String status = git("status", "--porcelain", "--untracked-files=no");
            commit = head == null ? "unknown" : head + (status == null || status.isBlank() ? "" : "-dirty");
        }
        return commit;
    }

    /** OS, architecture, CPU model and core count. */
    public static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: keep "unknown CPU"
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + cpu + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + device();
    }

    /** The compute device DJL uses ({@code cpu()} or a GPU). */
    public static String device() {
        return Engine.getInstance().defaultDevice().toString();
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).directory(Settings.projectDir().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
