package org.regsl.bench.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.config.Budget;
import org.regsl.bench.data.BenchTasks;
import org.regsl.bench.train.Checkpoint;

/**
 * A bench design: which source task each target is fine-tuned from, how many labels, how long,
 * and which epoch is kept. The issue-3 design study ({@code tools.DesignStudy}) compares these;
 * a claim names the design it runs on. Under the {@code bench} budget a design's fine-tuning
 * numbers replace the budget's; under {@code smoke} the budget's tiny numbers stay, so the fast
 * loop still exercises every design in a minute.
 *
 * @param name design id, part of run ids and of expected-results
 * @param lever what this design changes relative to {@link #PILOT}, in words
 * @param sources target task -> source task ({@link BenchTasks}), in table order
 * @param trainPerClass labelled training images per class (bench budget)
 * @param epochs fine-tuning epochs (bench budget)
 * @param lrStepEvery epochs between x0.1 learning-rate drops (bench budget; > epochs: no drop)
 * @param checkpoint which epoch a run keeps
 * @param perturbedLoss whether plain fine-tuning runs also measure the perturbed loss (C1)
 */
public record Design(String name, String lever, Map<String, String> sources, int trainPerClass, int epochs,
        int lrStepEvery, Checkpoint checkpoint, boolean perturbedLoss) {

    /** The design of C1 and C2 and of the first C3 record: the pilot protocol of BENCH.md. */
    public static final Design PILOT = new Design("pilot",
            "none: Fashion 0-4 source, 50 labels per class, 15 epochs (x0.1 after 10), best validation accuracy",
            targets(BenchTasks.DEFAULT_SOURCE, BenchTasks.DEFAULT_SOURCE), 50, 15, 10, Checkpoint.BEST_VAL_ACCURACY,
            true);

    /** Fewer labels, longer training, minimum-validation-loss checkpoint. */
    public static final Design FEW_LABELS = new Design("few-labels",
            "20 labels per class, 40 epochs (x0.1 after 30), minimum validation loss",
            targets(BenchTasks.DEFAULT_SOURCE, BenchTasks.DEFAULT_SOURCE), 20, 40, 30, Checkpoint.MIN_VAL_LOSS, false);

    /** Long training at the full learning rate: the longest exposure to overfitting. */
    public static final Design NO_DECAY = new Design("no-decay",
            "50 labels per class, 40 epochs at lr 1e-3 without decay, minimum validation loss",
            targets(BenchTasks.DEFAULT_SOURCE, BenchTasks.DEFAULT_SOURCE), 50, 40, 1000, Checkpoint.MIN_VAL_LOSS,
            false);

    /** A stronger source whose classes are a superset of fashion-novel's, as ImageNet's are of CUB's. */
    public static final Design SUPERSET_SOURCE = new Design("superset-source",
            "source on all ten Fashion classes (a superset of fashion-novel's, disjoint images); few-labels otherwise",
            targets("fashion-all", "fashion-all"), 20, 40, 30, Checkpoint.MIN_VAL_LOSS, false);

    /** Both targets in their source's domain: fashion 0-4 -> 5-9 and digits 0-4 -> 5-9. */
    public static final Design IN_DOMAIN = new Design("in-domain",
            "in-domain pairs: Fashion 0-4 -> 5-9 and digits 0-4 -> 5-9; few-labels otherwise",
            inDomain(), 20, 40, 30, Checkpoint.MIN_VAL_LOSS, false);

    /**
     * The label-noise design of C5 and C6 (not a C3 candidate): digits 5-9 fine-tuned from the
     * digits 0-4 source, where pretraining is worth most (c3-design-log.md); the official
     * best-validation-accuracy checkpoint on clean validation labels.
     */
    public static final Design LABEL_NOISE = new Design("label-noise",
            "digits 0-4 -> 5-9 with noisy training labels, 60 labels per class, 15 epochs (x0.1 after 10)",
            Map.of("digits-novel", "digits-0-4"), 60, 15, 10, Checkpoint.BEST_VAL_ACCURACY, false);

    /**
     * The label-noise design of C7 (not a C3 candidate): the task, size, length and checkpoint rule of
     * {@link #LABEL_NOISE}, fine-tuning the bench Vision Transformer pretrained on digits 0-4 instead of the
     * ResNet (the architecture is in each run's configuration).
     */
    public static final Design VIT_LABEL_NOISE = new Design("vit-label-noise",
            "as label-noise, with the bench ViT (pretrained on digits 0-4) instead of the bench ResNet",
            Map.of("digits-novel", "digits-0-4"), 60, 15, 10, Checkpoint.BEST_VAL_ACCURACY, false);

    /**
     * The multi-label design of C4 (not a C3 candidate): 2x2 mosaics of digits 5-9 (five findings,
     * {@code data.Mosaics}) fine-tuned from the digits 0-4 source; the in-domain design's size and
     * length, and the official ChestX-ray checkpoint rule (minimum validation loss, REGSL-SPEC 6.3).
     */
    public static final Design MULTI_LABEL = new Design("multi-label",
            "2x2 mosaics of digits 5-9 (five findings) from the digits 0-4 source, 20 labelled digits per class,"
                    + " 40 epochs (x0.1 after 30), minimum validation loss",
            Map.of("digits-mosaics", "digits-0-4"), 20, 40, 30, Checkpoint.MIN_VAL_LOSS, false);

    /** Every design of the C3 design study, the pilot first. */
    public static final List<Design> ALL = List.of(PILOT, FEW_LABELS, NO_DECAY, SUPERSET_SOURCE, IN_DOMAIN);

    public Design {
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** The design named {@code name}; an unknown name is an error listing the known ones. */
    public static Design named(String name) {
        return java.util.stream.Stream.concat(ALL.stream(), java.util.stream.Stream.of(LABEL_NOISE, VIT_LABEL_NOISE, MULTI_LABEL))
                .filter(d -> d.name.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown design '" + name + "'; known: "
                        + ALL.stream().map(Design::name).toList()));
    }

    /** The target tasks, in table order. */
    public List<String> targets() {
        return List.copyOf(sources.keySet());
    }

    /** The source task of {@code target}. */
    public String sourceOf(String target) {
        String s = sources.get(target);
        if (s == null) {
            throw new IllegalArgumentException("design " + name + " has no target '" + target + "'; it has "
                    + targets());
        }
        return s;
    }

    /** The budget runs of this design use: the bench budget refined, any other unchanged. */
    public Budget budget(Budget base) {
        return base.name().equals(Budget.BENCH.name()) ? base.withFineTuning(trainPerClass, epochs, lrStepEvery)
                : base;
    }

    /** The prefix of this design's run ids ({@code bench/} for the pilot, as before designs existed). */
    public String runPrefix() {
        return name.equals(PILOT.name) ? "bench/" : "bench/" + name + "/";
    }

    private static Map<String, String> targets(String fashionSource, String mnistSource) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fashion-novel", fashionSource);
        m.put("mnist", mnistSource);
        return m;
    }

    private static Map<String, String> inDomain() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fashion-novel", BenchTasks.DEFAULT_SOURCE);
        m.put("digits-novel", "digits-0-4");
        return m;
    }
}
