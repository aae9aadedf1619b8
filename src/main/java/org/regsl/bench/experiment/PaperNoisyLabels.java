package org.regsl.bench.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.regsl.bench.model.Net;
import org.regsl.bench.noise.LabelNoise;
import org.regsl.bench.noise.NoiseSetting;
import org.regsl.bench.noise.NoisyLabels;
import org.regsl.bench.train.Checkpoint;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.TrainingLoop;

/**
 * The noisy training labels of C5/C6 at paper scale (REGSL-SPEC 3): the official independent draw,
 * or the correlated labeler's predictions, drawn once per data set and JVM. The label-noise part of
 * {@link PaperRuns#noisyRun}, which owns the protocol it shares (budget, device, weights, sets).
 */
final class PaperNoisyLabels {

    private final PaperRuns runs;

    PaperNoisyLabels(PaperRuns runs) {
        this.runs = runs;
    }

    /** Epochs of the correlated-noise labeler: the official checkpoint after epoch 8, or the budget's epochs if fewer. */
    static final int LABELER_EPOCHS = 8;

    /**
     * The noisy training labels of {@code dataset} under {@code noise}, drawn once per JVM.
     * Independent: the official numpy draw. Correlated (REGSL-SPEC 3.2): ResNet-18 from ImageNet
     * weights fine-tuned on the clean training labels (plain cross-entropy, the official protocol,
     * seed {@link NoiseSetting#NOISE_SEED}) for {@link #LABELER_EPOCHS} epochs, last epoch kept,
     * predicts every training image; its arg-max replaces the label. Departures, stated: the
     * labeler predicts in evaluation mode with the evaluation transform (the official code leaves it
     * in train mode with random crops, caveats a and b), so the labels do not depend on a crop.
     */
    NoisyLabels of(String dataset, PaperRuns.Sets sets, NoiseSetting noise, Map<String, Object> setting) {
        NoisyLabels labels = noise.kind().equals("independent")
                ? LabelNoise.independentAsOfficial(sets.train().labels(), sets.train().numClasses(), noise.rate(),
                        NoiseSetting.NOISE_SEED)
                : LabelNoise.correlated(sets.train().labels(), labeler.computeIfAbsent(dataset, d ->
                        labelerPredictions(d, sets)), NoiseSetting.NOISE_SEED);
        setting.put("noise", noise.kind());
        setting.put("nominalRate", noise.kind().equals("independent") ? noise.rate() : NoiseSetting.POSTER_CORRELATED_RATE);
        setting.put("realisedRate", labels.realisedRate());
        setting.put("noiseSeed", NoiseSetting.NOISE_SEED);
        if (noise.kind().equals("correlated")) {
            setting.put("labeler", PaperRuns.NOISE_NET + " from ImageNet weights, clean labels, " + labelerEpochs()
                    + " epochs (last kept), predictions in evaluation mode");
        }
        return labels;
    }

    private int labelerEpochs() {
        return Math.min(LABELER_EPOCHS, runs.budget().epochs());
    }

    private final Map<String, int[]> labeler = new ConcurrentHashMap<>();

    private int[] labelerPredictions(String dataset, PaperRuns.Sets sets) {
        String id = "paper/" + runs.budget().name() + "/" + dataset + "/correlated-noise labeler";
        try (Net aux = runs.startingNet(id, PaperRuns.NOISE_NET, "pretrained", sets.train().numClasses(), NoiseSetting.NOISE_SEED,
                new LinkedHashMap<>())) {
            new TrainingLoop(runs.config(id, labelerEpochs(), NoiseSetting.NOISE_SEED, Checkpoint.LAST)).run(aux,
                    sets.train(), null);
            return Evaluation.predictions(aux, sets.trainForPrediction());
        }
    }
}
