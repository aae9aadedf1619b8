package org.regsl.bench.experiment;

import java.util.Map;

/**
 * One method on one few-shot episode (C8); serialized as its JSON row.
 *
 * @param id run id
 * @param budget budget name
 * @param set the category set (novel: test episodes; validation: the search's)
 * @param shots support images per category
 * @param episode the episode's index in its set and shot count
 * @param episodeSeed the episode's seed (support and query follow from it)
 * @param categories the episode's categories (QuickDraw labels)
 * @param method method id
 * @param config the configuration (hyper-parameters, source model, steps)
 * @param steps fine-tuning steps (0 for the logistic-regression baseline)
 * @param supportAccuracy accuracy on the support set after fitting
 * @param queryAccuracy accuracy on the query set: the episode's score
 * @param seconds wall time
 */
public record EpisodeRun(String id, String budget, String set, int shots, int episode, long episodeSeed,
        int[] categories, String method, Map<String, Object> config, int steps, double supportAccuracy,
        double queryAccuracy, double seconds) implements RunRecord {

    @Override
    public int seed() {
        return episode;
    }

    @Override
    public int bestEpoch() {
        return steps;
    }

    @Override
    public double testScore() {
        return queryAccuracy;
    }

    @Override
    public String testScoreName() {
        return "query accuracy";
    }
}
