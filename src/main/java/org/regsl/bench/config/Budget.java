package org.regsl.bench.config;

import java.util.List;
import java.util.Locale;

/**
 * How much compute a claim may spend. {@code bench} is the recorded, reviewed protocol of the
 * bench scale; {@code smoke} shrinks every number so that the whole pipeline runs in a minute or
 * two while developing ({@code -Dregsl.budget=smoke}). Values measured under one budget are
 * recorded and compared under that budget only.
 *
 * @param name budget name, the key of its measured values in expected-results
 * @param sourcePerClass source-task training images per class
 * @param sourceEpochs epochs of standard (cross-entropy) pretraining
 * @param adversarialEpochs PGD epochs added on top of the standard source for the adversarial one
 * @param trainPerClass labelled target training images per class
 * @param valPerClass target validation images per class (a separate split)
 * @param testImages target test images in all (balanced over classes)
 * @param epochs fine-tuning epochs
 * @param lrStepEvery epochs between learning-rate drops (x0.1)
 * @param seeds fine-tuning seeds per cell (0..seeds-1)
 * @param perturbDraws Gaussian draws per sigma (an even number: antithetic pairs)
 * @param perturbSamples test samples the perturbed loss is measured on
 * @param ablationSeeds seeds of the C6 ablation cells (the pilot needed 5 to see the constraint's share)
 * @param sourceSeeds independently pretrained source models per kind that C1 and C2 cycle through
 */
public record Budget(
        String name,
        int sourcePerClass,
        int sourceEpochs,
        int adversarialEpochs,
        int trainPerClass,
        int valPerClass,
        int testImages,
        int epochs,
        int lrStepEvery,
        int seeds,
        int perturbDraws,
        int perturbSamples,
        int ablationSeeds,
        int sourceSeeds) {

    /** The default: the recorded bench protocol (see BENCH.md and expected-results/README.md). */
    public static final Budget BENCH = new Budget("bench", 3000, 4, 1, 50, 20, 2000, 15, 10, 5, 10, 500, 5, 3);

    /** A tiny budget for the development loop; its numbers are recorded separately. */
    public static final Budget SMOKE = new Budget("smoke", 100, 1, 1, 10, 5, 200, 3, 2, 2, 4, 100, 2, 2);

    public static final List<Budget> ALL = List.of(BENCH, SMOKE);

    /** Looks a budget up by name; an unknown name is an error that lists the known ones. */
    public static Budget named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(b -> b.name.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "regsl.budget: unknown budget '" + name + "'; known: bench, smoke"));
    }

    /** This budget with other fine-tuning numbers (same name: a design refines the budget). */
    public Budget withFineTuning(int trainPerClass, int epochs, int lrStepEvery) {
        return new Budget(name, sourcePerClass, sourceEpochs, adversarialEpochs, trainPerClass, valPerClass, testImages,
                epochs, lrStepEvery, seeds, perturbDraws, perturbSamples, ablationSeeds, sourceSeeds);
    }

    /** The seeds of a cell: 0, 1, ..., seeds-1. */
    public int[] seedList() {
        return range(seeds);
    }

    /** The seeds of an ablation cell: 0, 1, ..., ablationSeeds-1. */
    public int[] ablationSeedList() {
        return range(ablationSeeds);
    }

    private static int[] range(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }
}
