package org.regsl.bench.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.regsl.bench.config.Budget;
import org.regsl.bench.data.Episode;
import org.regsl.bench.data.FewShotSplit;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.data.TaskData;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.LogisticRegression;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;
import org.regsl.bench.method.RegularizationInputs;
import org.regsl.bench.model.BenchArchitecture;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.ForwardTap;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.nn.Batches;
import org.regsl.bench.train.Checkpoint;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * C8's episode runs at bench scale (few-shot classification, Li and Zhang's extension; RFS's protocol): on each
 * episode ({@link Episode}: QuickDraw categories of a set, support and query), with the ResNet-12 pretrained on
 * the base categories ({@link BenchArchitecture#RESNET12}, a cached source model):
 *
 * <ul>
 *   <li>{@code fine-tuning}: the backbone from the source and a new head (PyTorch's default Linear), {@code steps}
 *       full-batch AMSGrad steps at {@code lr} on the support set, cross-entropy;
 *   <li>{@code layer-wise}: the same under the layer-wise constraint ||W_k - W_k^0||_F <= d gamma^(k-1) over
 *       stage1..4, the head bounded from zero (Li and Zhang 2021);
 *   <li>{@link #RFS}: the frozen source backbone's pooled features, L2-normalized, and multinomial logistic
 *       regression on the support set ({@link LogisticRegression}, scikit-learn's objective at C = 1; Tian et al.
 *       2020).
 * </ul>
 * Every method sees the same support and query sets (paired by episode). Each run goes through the
 * {@link RunStore}; the episode's seed fixes the draw, the new head's init seed and the batch order.
 */
public final class FewShotRuns {

    /** The RFS baseline's id. */
    public static final String RFS = "rfs";

    /** The methods C8 compares. */
    public static final List<String> METHODS = List.of("layer-wise", "fine-tuning", RFS);

    private static volatile FewShotRuns shared;

    private final BenchRuns bench;
    private final RunStore store;
    private SourceModels sources;

    FewShotRuns(BenchRuns bench, RunStore store) {
        this.bench = bench;
        this.store = store;
    }

    /** The runs of this JVM. */
    public static synchronized FewShotRuns shared() {
        if (shared == null) {
            shared = new FewShotRuns(BenchRuns.shared(), RunStore.shared());
        }
        return shared;
    }

    /** The protocol of this budget. */
    public FewShotProtocol protocol() {
        return FewShotProtocol.of(bench.budget());
    }

    /** The category split. */
    public FewShotSplit split() {
        return bench.fewShotSplit();
    }

    /** The source models (ResNet-12 on the base categories), built once: every run's experiment names their file. */
    public synchronized SourceModels sources() {
        if (sources == null) {
            TaskData base = split().baseTask(protocol().sourceTestPerClass());
            sources = bench.fewShotSources(base, protocol().sourceEpochs());
        }
        return sources;
    }

    /** Episode {@code index} of {@code shots}-shot episodes over category set {@code set}. */
    public Episode episode(String set, int shots, int index) {
        FewShotProtocol p = protocol();
        return Episode.draw(split(), split().categories(set), p.ways(), shots, p.queries(),
                FewShotProtocol.episodeSeed(set, shots, index));
    }

    /** The run of {@code method} (with {@code params}, {@code steps}, {@code lr}) on an episode, computed once. */
    public EpisodeRun get(String set, int shots, int index, MethodParams params, int steps, double lr) {
        return Compute.join(start(set, shots, index, params, steps, lr));
    }

    /** Starts that run on the compute pool unless it is started or done; returns at once. */
    public CompletableFuture<EpisodeRun> start(String set, int shots, int index, MethodParams params, int steps,
            double lr) {
        sources().prepare(SourceKind.STANDARD, 0);
        return store.start(experiment(set, shots, index, params, steps, lr), e -> compute(e, set, shots, index, params,
                steps, lr));
    }

    /** The experiment of that run. */
    public Experiment experiment(String set, int shots, int index, MethodParams params, int steps, double lr) {
        FewShotProtocol p = protocol();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("protocol", p);
        config.put("episodeSeed", FewShotProtocol.episodeSeed(set, shots, index));
        config.put("sourceModel", sources().file(SourceKind.STANDARD, 0).getFileName().toString());
        config.put("architecture", BenchArchitecture.RESNET12.description());
        config.put("hyperparameters", params.values());
        if (!params.method().equals(RFS)) {
            config.put("steps", steps);
            config.put("lr", lr);
            config.put("optimizer", "Adam (AMSGrad), full batch on the support set");
        } else {
            config.put("classifier", "L2-normalized pooled features, multinomial logistic regression, C = "
                    + LogisticRegression.DEFAULT_C);
        }
        config.put("threads", org.regsl.bench.config.Settings.threads());
        return new Experiment("bench", bench.budget().name(), "few-shot", "quickdraw-" + set, SourceKind.STANDARD.id(),
                0, params.method(), shots + "-shot", index, config);
    }

    private EpisodeRun compute(Experiment e, String set, int shots, int index, MethodParams params, int steps,
            double lr) {
        long start = System.nanoTime();
        Episode ep = episode(set, shots, index);
        FewShotProtocol p = protocol();
        Map<String, Object> config = new LinkedHashMap<>(e.fullConfig());
        try (Net source = sources().load(SourceKind.STANDARD, 0)) {
            Outcome o = fit(params, source, () -> BenchArchitecture.RESNET12.create(p.ways(), 0, ep.seed()),
                    ep.support(), ep.query(), p.ways(), steps, lr, ep.seed(), e.id(), BenchArchitecture.RESNET12.stages(),
                    config);
            return new EpisodeRun(e.id(), bench.budget().name(), set, shots, index, ep.seed(), ep.categories(),
                    params.method(), config, o.steps(), o.supportAccuracy(), o.queryAccuracy(),
                    (System.nanoTime() - start) / 1e9);
        } catch (IOException io) {
            throw new UncheckedIOException(e.id() + ": " + io, io);
        }
    }

    /** One method's accuracies on one episode and the steps it took (0 for RFS). */
    record Outcome(double supportAccuracy, double queryAccuracy, int steps) {}

    /**
     * What {@code params.method()} does on one episode, at both scales: RFS's logistic regression on the frozen
     * {@code source}'s normalized features, or {@code steps} full-batch AMSGrad steps at {@code lr} of a
     * {@code fresh} net (seeded, a new head) whose backbone is copied from {@code source}, under the method's
     * regularization over {@code stages}; {@code config} receives what the run did (Newton steps, or the largest
     * distance each group travelled).
     */
    static Outcome fit(MethodParams params, Net source, java.util.function.Supplier<Net> fresh, ImageSet support,
            ImageSet query, int ways, int steps, double lr, long seed, String id, List<String> stages,
            Map<String, Object> config) {
        if (params.method().equals(RFS)) {
            double[][] s = LogisticRegression.normalizeRows(features(source, support));
            LogisticRegression fit = LogisticRegression.fit(s, support.labels(), ways, LogisticRegression.DEFAULT_C);
            double supportAcc = accuracy(fit.predict(s), support.labels());
            double queryAcc = accuracy(fit.predict(LogisticRegression.normalizeRows(features(source, query))),
                    query.labels());
            config.put("newtonSteps", fit.iterations());
            return new Outcome(supportAcc, queryAcc, 0);
        }
        try (Net net = fresh.get()) {
            net.loadBackboneFrom(source);
            try (WeightSnapshot init = WeightSnapshot.of(net)) {
                TrainConfig cfg = new TrainConfig(steps, support.size(), lr, Integer.MAX_VALUE, 1.0, seed,
                        Checkpoint.LAST, id);
                new TrainingLoop(cfg, null, Methods.get(params.method()).regularization(params,
                        new RegularizationInputs(init, stages, Map.of()))).run(net, support, null);
                double supportAcc = Evaluation.of(net, support).accuracy();
                double queryAcc = Evaluation.of(net, query).accuracy();
                Map<String, Double> travelled = new LinkedHashMap<>();
                for (LayerDistances.Layer l : LayerDistances.measure(net, init)) {
                    travelled.merge(l.group(), l.distance(), Math::max);
                }
                config.put("travelled", travelled);
                return new Outcome(supportAcc, queryAcc, steps);
            }
        }
    }

    /** The pooled features of {@code net} (inference mode) for every image of {@code set}. */
    static double[][] features(Net net, ImageSet set) {
        double[][] out = new double[set.size()][];
        int[] pos = Batches.identity(set.size());
        try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
            NDArray x = Batches.images(m, set, pos, 0, set.size());
            Features f = new Features(x);
            net.forward(x, false, f);
            float[] v = f.get(ForwardTap.POOLED).toFloatArray();
            int d = v.length / set.size();
            for (int i = 0; i < set.size(); i++) {
                out[i] = new double[d];
                for (int k = 0; k < d; k++) {
                    out[i][k] = v[i * d + k];
                }
            }
        }
        return out;
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }
}
