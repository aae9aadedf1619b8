package org.regsl.bench.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.cache.ConfigHash;

/**
 * What one run is, before it runs: every fact its result depends on. Its {@link #id()} names it in
 * logs, in {@code reports/runs/} and in the report, and carries the scale, the budget and a hash of
 * the full configuration, so a smoke row never overwrites a bench row and a changed recipe never
 * answers for the old one.
 *
 * @param scale {@code bench} or {@code paper}
 * @param budget the budget's name ({@code bench}, {@code smoke}, {@code paper}, {@code tiny})
 * @param design the design (bench) or the claim's protocol (paper), e.g. {@code pilot}, {@code label-noise}
 * @param task the target task or data set
 * @param source the initialization ({@code standard}, {@code random}, {@code pretrained}, ...)
 * @param sourceSeed which independently pretrained source model, or -1 when there is only one (or none)
 * @param method the method's id with its hyper-parameters, e.g. {@code layer-wise(d=1,gamma=2,head=10)}
 * @param setting the label-noise setting, or empty when labels are clean
 * @param seed the training seed
 * @param config everything else the result depends on (epochs, lr, sizes, threads, ...)
 */
public record Experiment(String scale, String budget, String design, String task, String source, int sourceSeed,
        String method, String setting, int seed, Map<String, Object> config) {

    public Experiment {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** Everything the result depends on: the named fields and {@link #config()}, as one map. */
    public Map<String, Object> fullConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scale", scale);
        m.put("budget", budget);
        m.put("design", design);
        m.put("task", task);
        m.put("source", source);
        m.put("sourceSeed", sourceSeed);
        m.put("method", method);
        m.put("setting", setting);
        m.put("seed", seed);
        m.putAll(config);
        return m;
    }

    /** The hash of {@link #fullConfig()} (8 hex digits). */
    public String configHash() {
        return ConfigHash.of(fullConfig(), 8);
    }

    /**
     * The run id, e.g. {@code bench/bench/pilot/mnist/standard/source-1/fine-tuning/seed-3@1a2b3c4d}:
     * scale, budget, design, task, source (and its seed), noise setting, method, seed, configuration hash.
     */
    public String id() {
        StringBuilder sb = new StringBuilder(scale).append('/').append(budget).append('/').append(design).append('/')
                .append(task).append('/').append(source);
        if (sourceSeed >= 0) {
            sb.append("/source-").append(sourceSeed);
        }
        if (!setting.isEmpty()) {
            sb.append('/').append(setting);
        }
        return sb.append('/').append(method).append("/seed-").append(seed).append('@').append(configHash()).toString();
    }

    /** The file name of the run's JSON row. */
    public String fileName() {
        return id().replace('/', '_') + ".json";
    }
}
