package org.regsl.bench.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.data.paper.ImageFileSet;
import org.regsl.bench.data.paper.ImageTransform;
import org.regsl.bench.data.paper.PaperLayouts;
import org.regsl.bench.data.paper.PaperSplits;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.MultiLabelEvaluation;
import org.regsl.bench.method.Method;
import org.regsl.bench.method.Methods;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.RegularizationInputs;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.nn.SgdMomentum;
import org.regsl.bench.objective.BinaryCrossEntropy;
import org.regsl.bench.regularize.Regularization;
import org.regsl.bench.train.Checkpoint;
import org.regsl.bench.train.LrPolicy;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * C4's paper-scale training (REGSL-SPEC 6.3), as reproduce-chexnet trains: ResNet-18 from ImageNet
 * weights with a new 14-output head on ChestX-ray14's official fold split, the Resize + CenterCrop
 * pipeline (flip when training), binary cross-entropy with logits, SGD (lr 0.01, momentum 0.9,
 * weight decay 1e-4, batch 16), lr / 10 with a new optimizer after each epoch whose validation loss
 * is above the best, stop once 3 epochs passed without a new best (up to 100 epochs at the paper
 * budget), the minimum-validation-BCE epoch kept, then the test mean AUC. The run kind of
 * {@link PaperRuns#multiLabelRun}, which owns the protocol it shares (budget, device, weights).
 */
final class PaperMultiLabelTraining {

    /** reproduce-chexnet's training (REGSL-SPEC 6.3): SGD lr 0.01, batch 16, up to 100 epochs, patience 3. */
    static final double CHEST_LR = 0.01;
    static final int CHEST_BATCH = 16;
    static final int CHEST_MAX_EPOCHS = 100;
    static final int CHEST_PATIENCE = 3;

    private final PaperRuns runs;

    PaperMultiLabelTraining(PaperRuns runs) {
        this.runs = runs;
    }

    MultiLabelRun train(Experiment experiment, String dataset, MethodParams params, int seed) {
        String id = experiment.id();
        long t0 = System.nanoTime();
        DatasetSpec spec = runs.catalog().get(dataset);
        Path dir = runs.dataRoot().resolve(spec.layoutString("folder"));
        PaperSplits splits = PaperLayouts.load(dataset, spec.format(), dir);
        int findings = splits.numClasses();
        int size = runs.budget().imageSize();
        ImageFileSet train = new ImageFileSet(dataset + "/train", splits.train(), findings,
                new ImageTransform(size, true, ImageTransform.Pipeline.CHEST_XRAY));
        ImageFileSet val = new ImageFileSet(dataset + "/val", splits.val(), findings, new ImageTransform(size, false, ImageTransform.Pipeline.CHEST_XRAY));
        ImageFileSet test = new ImageFileSet(dataset + "/test", splits.test(), findings,
                new ImageTransform(size, false, ImageTransform.Pipeline.CHEST_XRAY));
        Method m = Methods.get(params.method());
        // reproduce-chexnet: batch 16, up to 100 epochs with the plateau rule (the tiny budget keeps its own sizes)
        TrainConfig config = new TrainConfig(runs.budget().comparable() ? CHEST_MAX_EPOCHS : runs.budget().epochs(),
                Math.min(CHEST_BATCH, runs.budget().batchSize()), CHEST_LR, Integer.MAX_VALUE, 1.0, seed, Checkpoint.MIN_VAL_LOSS,
                id);
        try (Net net = runs.startingNet(id, PaperRuns.CHEST_NET, "pretrained", findings, seed, new LinkedHashMap<>());
                WeightSnapshot start = WeightSnapshot.of(net);
                BinaryCrossEntropy bce = new BinaryCrossEntropy(train.labels(), findings)) {
            ImageFileSet trainEval = new ImageFileSet(dataset + "/train (evaluation transform)", splits.train(), findings,
                    new ImageTransform(size, false, ImageTransform.Pipeline.CHEST_XRAY));
            Regularization regularization = m.regularization(params, new RegularizationInputs(start,
                    PaperHyperparameters.STAGES, Map.of(), net, () -> runs.attention(PaperRuns.CHEST_NET, "pretrained",
                            dataset, net, trainEval, bce)));
            TrainingLoop.Result fit = new TrainingLoop(config, null, regularization)
                    .validatedBy(MultiLabelEvaluation.validator(findings))
                    .optimizedBy(SgdMomentum.chestXray(), () -> LrPolicy.plateau(CHEST_LR, CHEST_PATIENCE))
                    .run(net, train, val, bce);
            MultiLabelEvaluation v = MultiLabelEvaluation.of(net, val, findings);
            MultiLabelEvaluation t = MultiLabelEvaluation.of(net, test, findings);
            return new MultiLabelRun(id, runs.budget().name(), params.method(), seed, experiment.fullConfig(), fit.bestEpoch(),
                    v.meanAuc(), t.meanAuc(), t.auc(), t.loss(), LayerDistances.measure(net, start), fit.curve(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
