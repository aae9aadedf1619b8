package org.regsl.bench.experiment;

import java.util.List;
import java.util.Map;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.PerturbedLoss;

/**
 * Everything one fine-tuning run measured; serialized as the run's JSON row.
 *
 * @param id run id, e.g. {@code bench/mnist/standard/seed-1}
 * @param budget budget name
 * @param target target task
 * @param source initialization
 * @param seed training seed (weights of the new head, batch order)
 * @param splitSeed seed of the data split
 * @param config training configuration (epochs, lr, schedule, batch)
 * @param bestEpoch epoch kept by best-validation selection
 * @param valAccuracy its validation accuracy
 * @param valLoss its mean validation cross-entropy (tie-break of hyper-parameter selection)
 * @param testAccuracy test accuracy of the kept epoch
 * @param testLoss mean test cross-entropy of the kept epoch
 * @param perturbed perturbed loss per sigma
 * @param layers layer-wise distances from the initialization
 * @param curve per epoch: {epoch, lr, mean training loss, validation accuracy,
 *     validation loss} (TrainingLoop.CURVE_COLUMNS)
 * @param seconds wall time of training and measurement
 */
public record FineTuneRun(
        String id, String budget, String target, String source, int seed, long splitSeed,
        Map<String, Object> config, int bestEpoch, double valAccuracy, double valLoss, double testAccuracy,
        double testLoss,
        List<PerturbedLoss.Result> perturbed, List<LayerDistances.Layer> layers, List<double[]> curve,
        double seconds) implements RunRecord {

    @Override
    public double testScore() {
        return testAccuracy;
    }


    /** The perturbed-loss result at {@code sigma}. */
    public PerturbedLoss.Result at(double sigma) {
        return perturbed.stream().filter(r -> r.sigma() == sigma).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + ": no perturbed loss at sigma " + sigma));
    }
}
