package org.regsl.bench.experiment;

import java.util.List;
import java.util.Map;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.PerturbedLoss;

/**
 * One paper-scale fine-tuning run: a torchvision-layout ResNet on a paper data set from a random,
 * ImageNet or adversarially robust initialization; with its perturbed losses (C1) or under label
 * noise (C5).
 *
 * @param id run id (also its JSON file name)
 * @param dataset data set name
 * @param net ResNet depth id
 * @param init {@code random}, {@code pretrained} or {@code adversarial}
 * @param weights the weights file and the import report ({@code none} for random)
 * @param setting what else defines the run (label noise: kind, nominal and realised rate, noise
 *     seed, method and its hyper-parameters); empty for plain fine-tuning
 * @param seed run seed (head init, batch order, augmentation, noise draws)
 * @param budget paper budget name
 * @param device the device it ran on
 * @param splitSizes train / val / test images
 * @param bestEpoch epoch kept (best validation accuracy, REGSL-SPEC 6.1)
 * @param bestValAccuracy its validation accuracy
 * @param testAccuracy test accuracy of the kept epoch
 * @param testLoss its mean test cross-entropy
 * @param curve per epoch: epoch, lr, train loss, val accuracy, val loss
 * @param perturbed one measurement per sigma (C1 runs; empty otherwise)
 * @param layers layer-wise distances from the start (C2 reads them)
 * @param seconds wall time
 */
public record PaperRun(String id, String dataset, String net, String init, Map<String, Object> weights,
        Map<String, Object> setting, int seed,
        String budget, String device, int[] splitSizes, int bestEpoch, double bestValAccuracy, double testAccuracy,
        double testLoss, List<double[]> curve, List<PerturbedLoss.Result> perturbed, List<LayerDistances.Layer> layers,
        double seconds)
        implements RunRecord {

    @Override
    public double testScore() {
        return testAccuracy;
    }


    /** The measurement at {@code sigma}. */
    public PerturbedLoss.Result at(double sigma) {
        return perturbed.stream().filter(p -> Math.abs(p.sigma() - sigma) < 1e-12 * sigma).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + ": no perturbed loss at sigma " + sigma));
    }
}
