package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.regsl.bench.cache.CacheEntry;
import org.regsl.bench.config.Settings;

/**
 * The runs of this JVM, one place for all scales and claims: each {@link Experiment} is computed
 * once on the {@link Compute} pool (a claim starts every run it will read before its first cell,
 * so the pool trains ahead), and each result's JSON row is written atomically to
 * {@code reports/runs/<id>.json}. Each run started is counted by {@link Progress}.
 */
public final class RunStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static volatile RunStore shared;

    private final Path runsDir;
    private final Map<String, CompletableFuture<? extends RunRecord>> runs = new ConcurrentHashMap<>();

    /** A store writing its rows to {@code runsDir}. */
    public RunStore(Path runsDir) {
        this.runsDir = runsDir;
    }

    /** The store of this JVM, writing to {@code reports/runs/}. */
    public static synchronized RunStore shared() {
        if (shared == null) {
            shared = new RunStore(Settings.reportsDir().resolve("runs"));
        }
        return shared;
    }

    /**
     * Starts {@code experiment} on the compute pool unless it is started or done, and returns at
     * once; {@code compute} turns the experiment into its result, whose row is then written.
     */
    @SuppressWarnings("unchecked")
    public <R extends RunRecord> CompletableFuture<R> start(Experiment experiment, Function<Experiment, R> compute) {
        return (CompletableFuture<R>) runs.computeIfAbsent(experiment.id(), id -> {
            Progress.Run progress = Progress.started();
            return Compute.submit(() -> {
                progress.began();
                try {
                    R result = compute.apply(experiment);
                    write(experiment, result);
                    return result;
                } finally {
                    progress.ended();
                }
            });
        });
    }

    /** The result of {@code experiment}, computed now unless started or done. */
    public <R extends RunRecord> R get(Experiment experiment, Function<Experiment, R> compute) {
        return Compute.join(start(experiment, compute));
    }

    /** The file of a run's JSON row. */
    public Path rowFile(Experiment experiment) {
        return runsDir.resolve(experiment.fileName());
    }

    private void write(Experiment experiment, RunRecord result) {
        try {
            byte[] row = JSON.writeValueAsBytes(result);
            CacheEntry.writeAtomically(rowFile(experiment), out -> out.write(row));
        } catch (IOException e) {
            throw new UncheckedIOException(runsDir + ": cannot write the run row of " + experiment.id(), e);
        }
    }

    /** The JSON row of a run (any run record). */
    public static String toJson(Object run) {
        try {
            return JSON.writeValueAsString(run);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
