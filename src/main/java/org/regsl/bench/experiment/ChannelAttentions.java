package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.regsl.bench.cache.CacheEntry;
import org.regsl.bench.cache.ConfigHash;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.measure.ChannelImportance;
import org.regsl.bench.model.Net;
import org.regsl.bench.regularize.ChannelAttention;
import org.regsl.bench.train.Objective;

/**
 * DELTA's channel attention, measured once per source model and task ({@link ChannelImportance})
 * and kept as a verified {@link CacheEntry} in {@code <cache>/attention/}: a JSON file of the
 * per-stage loss increases and weights, valid only for its configuration (source model, task,
 * training labels, stages, protocol, threads) and its recorded length and checksum; a damaged entry
 * is named, discarded and measured again. One lock per entry: runs needing the same attention wait
 * for the one measuring it.
 */
public final class ChannelAttentions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dir;

    /** Attentions cached under {@code cacheDir/attention}. */
    public ChannelAttentions(Path cacheDir) {
        this.dir = cacheDir.resolve("attention");
    }

    /** The suite's cache. */
    public static ChannelAttentions shared() {
        return new ChannelAttentions(Settings.cacheDir());
    }

    /**
     * The attention of {@code stages} of {@code start} (the fine-tuning start: the source backbone)
     * on {@code train} under {@code loss}; {@code key} names the source model and the task (what
     * the start and the labels depend on). Read from the cache, or measured and cached.
     */
    public ChannelAttention of(Map<String, Object> key, Net start, ImageSet train, int[] labels, Objective loss,
            List<String> stages) {
        Map<String, Object> config = new LinkedHashMap<>(key);
        config.put("trainSet", train.name());
        config.put("trainImages", train.size());
        config.put("labels", ConfigHash.of(Map.of("labels", java.util.Arrays.toString(labels)), 16));
        config.put("stages", stages);
        config.put("protocol", ChannelImportance.protocol());
        config.put("threads", Settings.threads());
        Path file = dir.resolve("delta-" + ConfigHash.of(config, 16) + ".json");
        CacheEntry entry = CacheEntry.of(config, file);
        // measured once per key; a run needing it while another measures it waits without its slot
        return Compute.locked(LOCKS.computeIfAbsent(file, f -> new ReentrantLock()), () -> {
            try {
                if (entry.isValid()) {
                    return read(file, stages);
                }
                Map<String, double[]> increases = ChannelImportance.increases(start, train, loss, stages);
                ChannelAttention a = ChannelAttention.of(increases);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("config", config);
                body.put("increases", a.increases());
                body.put("weights", a.stages());
                byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
                entry.write(out -> out.write(bytes));
                return a;
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        });
    }

    private static ChannelAttention read(Path file, List<String> stages) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, double[]> increases = new LinkedHashMap<>();
        for (String s : stages) {
            JsonNode n = root.path("increases").path(s);
            if (!n.isArray() || n.isEmpty()) {
                throw new IOException("field 'increases." + s + "': missing or empty");
            }
            double[] v = new double[n.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = n.get(i).asDouble();
            }
            increases.put(s, v);
        }
        return ChannelAttention.of(increases);
    }
}
