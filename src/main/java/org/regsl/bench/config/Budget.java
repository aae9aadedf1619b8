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
    public static final Budget BENCH = builder("bench").sourcePerClass(3000).sourceEpochs(4).adversarialEpochs(1)
            .trainPerClass(50).valPerClass(20).testImages(2000).epochs(15).lrStepEvery(10).seeds(5).perturbDraws(10)
            .perturbSamples(500).ablationSeeds(5).sourceSeeds(3).build();

    /** A tiny budget for the development loop; its numbers are recorded separately. */
    public static final Budget SMOKE = builder("smoke").sourcePerClass(100).sourceEpochs(1).adversarialEpochs(1)
            .trainPerClass(10).valPerClass(5).testImages(200).epochs(3).lrStepEvery(2).seeds(2).perturbDraws(4)
            .perturbSamples(100).ablationSeeds(2).sourceSeeds(2).build();

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
        return toBuilder().trainPerClass(trainPerClass).epochs(epochs).lrStepEvery(lrStepEvery).build();
    }

    /** A builder of a budget named {@code name}: every number is set by name; a missing one is an error naming it. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this budget's numbers. */
    public Builder toBuilder() {
        return builder(name).sourcePerClass(sourcePerClass).sourceEpochs(sourceEpochs)
                .adversarialEpochs(adversarialEpochs).trainPerClass(trainPerClass).valPerClass(valPerClass)
                .testImages(testImages).epochs(epochs).lrStepEvery(lrStepEvery).seeds(seeds).perturbDraws(perturbDraws)
                .perturbSamples(perturbSamples).ablationSeeds(ablationSeeds).sourceSeeds(sourceSeeds);
    }

    /** Sets a budget's numbers by name (the record's 14 positional fields are easy to swap). */
    public static final class Builder {
        private final String name;
        private final java.util.Map<String, Integer> v = new java.util.LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        private Builder set(String field, int value) {
            v.put(field, value);
            return this;
        }

        public Builder sourcePerClass(int x) { return set("sourcePerClass", x); }
        public Builder sourceEpochs(int x) { return set("sourceEpochs", x); }
        public Builder adversarialEpochs(int x) { return set("adversarialEpochs", x); }
        public Builder trainPerClass(int x) { return set("trainPerClass", x); }
        public Builder valPerClass(int x) { return set("valPerClass", x); }
        public Builder testImages(int x) { return set("testImages", x); }
        public Builder epochs(int x) { return set("epochs", x); }
        public Builder lrStepEvery(int x) { return set("lrStepEvery", x); }
        public Builder seeds(int x) { return set("seeds", x); }
        public Builder perturbDraws(int x) { return set("perturbDraws", x); }
        public Builder perturbSamples(int x) { return set("perturbSamples", x); }
        public Builder ablationSeeds(int x) { return set("ablationSeeds", x); }
        public Builder sourceSeeds(int x) { return set("sourceSeeds", x); }

        private int get(String field) {
            Integer x = v.get(field);
            if (x == null) {
                throw new IllegalStateException("budget " + name + ": '" + field + "' is not set");
            }
            return x;
        }

        /** The budget; every number must have been set. */
        public Budget build() {
            return new Budget(name, get("sourcePerClass"), get("sourceEpochs"), get("adversarialEpochs"),
                    get("trainPerClass"), get("valPerClass"), get("testImages"), get("epochs"), get("lrStepEvery"),
                    get("seeds"), get("perturbDraws"), get("perturbSamples"), get("ablationSeeds"), get("sourceSeeds"));
        }
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
