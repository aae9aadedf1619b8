package org.regsl.bench.experiment;

import java.util.List;
import java.util.Map;
import org.regsl.bench.measure.LayerDistances;

/**
 * Everything one multi-label run (C4) measured; serialized as its JSON row.
 *
 * @param id run id
 * @param budget budget name
 * @param method the method's id with its hyper-parameters
 * @param seed training seed
 * @param config the run's experiment (full configuration)
 * @param bestEpoch epoch kept (minimum validation BCE)
 * @param valMeanAuc mean AUC on the validation mosaics at that epoch
 * @param testMeanAuc mean over findings of the test AUC
 * @param testAuc per finding, its test AUC
 * @param testLoss mean test binary cross-entropy
 * @param layers layer-wise distances from the start
 * @param curve per epoch: TrainingLoop.CURVE_COLUMNS (valAccuracy = validation mean AUC, valLoss = BCE)
 * @param seconds wall time
 */
public record MultiLabelRun(String id, String budget, String method, int seed, Map<String, Object> config,
        int bestEpoch, double valMeanAuc, double testMeanAuc, double[] testAuc, double testLoss,
        List<LayerDistances.Layer> layers, List<double[]> curve, double seconds) implements RunRecord {

    @Override
    public double testScore() {
        return testMeanAuc;
    }

    @Override
    public String testScoreName() {
        return "test mean AUC";
    }
}
