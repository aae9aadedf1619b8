package org.regsl.bench.experiment;

import java.util.List;
import java.util.Map;

/**
 * Everything one label-noise run measured; serialized as its JSON row.
 *
 * @param id run id, e.g. {@code bench/label-noise/independent-20/regsl/seed-0}
 * @param budget budget name
 * @param setting noise setting id
 * @param noiseSeed the seed of the noise (independent) or of the auxiliary model (correlated)
 * @param realisedRate share of training labels that differ from the clean ones
 * @param method method name
 * @param seed training seed
 * @param config training configuration and hyper-parameters
 * @param bestEpoch epoch kept (best clean-validation accuracy)
 * @param valAccuracy its validation accuracy (clean labels)
 * @param testAccuracy its test accuracy (clean labels)
 * @param curve per epoch: TrainingLoop.CURVE_COLUMNS
 * @param objectiveLog per epoch: what the objective logged (self-labeling: labels changed, labels equal to the clean ones)
 * @param layers per parameter tensor, its distance from the fine-tuning start (C7's distance chart)
 * @param seconds wall time
 */
public record NoisyRun(String id, String budget, String setting, long noiseSeed, double realisedRate, String method,
        int seed, Map<String, Object> config, int bestEpoch, double valAccuracy, double testAccuracy,
        List<double[]> curve, List<Map<String, Double>> objectiveLog, List<org.regsl.bench.measure.LayerDistances.Layer> layers,
        double seconds) implements RunRecord {

    @Override
    public double testScore() {
        return testAccuracy;
    }
}
