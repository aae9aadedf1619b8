package org.regsl.bench.experiment;

import java.util.List;
import org.regsl.bench.config.Budget;

/**
 * The bench protocol of C8 (few-shot episodes on QuickDraw) under one budget: the source model's pretraining
 * on the 64 base categories, and the episodes: {@code ways}-way, {@code shots}-shot with {@code queries} queries
 * per category, {@code testEpisodes} test episodes (novel categories) per shot count and {@code searchEpisodes}
 * validation episodes (validation categories) per trial of the search. Fine-tuning in an episode: full-batch
 * AMSGrad on the support set (the step count and learning rate from {@code c8-hyperparameters.yaml}).
 *
 * @param name the budget's name
 * @param sourceEpochs pretraining epochs (AMSGrad lr 1e-3, batch 64, cross-entropy over the 64 base categories)
 * @param sourceTestPerClass base images per category held out for the source model's test accuracy
 * @param ways categories per episode
 * @param shots the shot counts (one cell set each)
 * @param queries query images per category
 * @param testEpisodes test episodes per shot count
 * @param searchEpisodes validation episodes per search trial
 */
public record FewShotProtocol(String name, int sourceEpochs, int sourceTestPerClass, int ways, List<Integer> shots,
        int queries, int testEpisodes, int searchEpisodes) {

    /**
     * The recorded bench protocol: 5-way 1- and 5-shot with 15 queries as in the literature (RFS, MetaOptNet), 20
     * pretraining epochs, 60 test episodes per shot count (a time budget: about 3 minutes for the claim on 2 cores) (the power analysis from the search's paired
     * per-episode differences is in {@code c8-hyperparameters.yaml}, {@code shots.<k>-shot.power}).
     */
    public static final FewShotProtocol BENCH = new FewShotProtocol("bench", 20, 10, 5, List.of(1, 5), 15, 60, 20);

    /** The smoke protocol: one pretraining epoch, 4 test and 3 search episodes. */
    public static final FewShotProtocol SMOKE = new FewShotProtocol("smoke", 1, 10, 5, List.of(1, 5), 15, 4, 3);

    /** The protocol of {@code budget}. */
    public static FewShotProtocol of(Budget budget) {
        return budget.name().equals(Budget.BENCH.name()) ? BENCH : SMOKE;
    }

    /** The seed of episode {@code index} of {@code shots}-shot episodes over the category set {@code set}. */
    public static long episodeSeed(String set, int shots, int index) {
        long base = set.equals("novel") ? 1_000_000L : set.equals("validation") ? 2_000_000L : 3_000_000L;
        return base + 10_000L * shots + index;
    }

    /** Test episode indices 0..testEpisodes-1. */
    public int[] testIndices() {
        return java.util.stream.IntStream.range(0, testEpisodes).toArray();
    }
}
