package org.regsl.bench.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.model.ForwardTap;
import org.regsl.bench.nn.Losses;
import org.regsl.bench.nn.Scalars;
import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

/**
 * The deep abstaining classifier, DAC (Thulasidasan, Bhattacharya, Bilmes, Chennupati and
 * Mohd-Yusof, "Combating Label Noise in Deep Learning Using Abstention", ICML 2019; reference
 * {@code thulas/dac-label-noise}, {@code dac_loss.py}): the net has K + 1 outputs, the last one
 * abstains. With p_a = softmax(z)_{K+1} over all K + 1 outputs and h = the cross-entropy of the K
 * class outputs alone (their own softmax) against the label:
 *
 * <pre>
 *   epochs 1..E_w (warm-up):  loss = CE(z over K + 1, y),   tracking alpha_t = EWMA_mu(mean((1 - p_a) h))
 *   later epochs:             loss = mean((1 - p_a) h - alpha log(1 - p_a)),  p_a clamped to 1 - 1e-7
 *   alpha = alpha_t / 64 at the first abstention epoch e_0, then + (alpha_final - alpha(e_0)) / (E - e_0) per epoch
 * </pre>
 *
 * so alpha reaches alpha_final = 1 at the last epoch E; mu = 0.05 and the factor 64 are the
 * reference's, alpha_t keeps updating on every step as in the reference. Predictions and accuracy
 * read the K class outputs only (the net drops the abstention output: {@code Net.create(K, 1, seed)}).
 */
public final class DeepAbstainingClassifier implements Objective {

    /** The reference's EWMA weight of the newest alpha_thresh. */
    static final double MU = 0.05;

    /** The reference's clamp of p_a below 1. */
    static final double EPSILON = 1e-7;

    private final int[] labels;
    private final int classes;
    private final int warmupEpochs;
    private final int epochs;
    private final double alphaFinal;
    private final double alphaInitFactor;

    private double alphaThresh = Double.NaN;
    private double alpha = Double.NaN;
    private double alphaIncrement;
    private int alphaEpoch;
    private double abstainedSum;
    private int abstainedSteps;

    /**
     * DAC against {@code labels} over {@code classes} real classes, plain cross-entropy for the first
     * {@code warmupEpochs} of {@code epochs}, alpha ramped to {@code alphaFinal} from alpha_t /
     * {@code alphaInitFactor} (reference: 1.0 and 64).
     */
    public DeepAbstainingClassifier(int[] labels, int classes, int warmupEpochs, int epochs, double alphaFinal,
            double alphaInitFactor) {
        this.labels = labels.clone();
        this.classes = classes;
        this.warmupEpochs = warmupEpochs;
        this.epochs = epochs;
        this.alphaFinal = alphaFinal;
        this.alphaInitFactor = alphaInitFactor;
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        throw new UnsupportedOperationException("DAC reads the abstention output of the forward pass: call loss(Batch)");
    }

    @Override
    public NDArray loss(Batch batch) {
        return loss(batch.features().get(ForwardTap.OUTPUTS), batch.positions(), batch.epoch(), true);
    }

    /** The loss of (B, K + 1) outputs {@code all}; {@code track} updates alpha_t and alpha as a training step does. */
    NDArray loss(NDArray all, int[] positions, int epoch, boolean track) {
        if (all.getShape().get(1) != classes + 1) {
            throw new IllegalStateException("DAC needs " + (classes + 1) + " outputs (K + abstention), the net has "
                    + all.getShape().get(1));
        }
        NDArray y = Targets.labels(all, labels, positions);
        NDArray classOutputs = all.get(new NDIndex(":, :" + classes));
        NDArray h = Losses.perSampleNll(classOutputs, y);
        NDArray pAbstain = all.softmax(1).get(new NDIndex(":, " + classes));
        if (epoch <= warmupEpochs) {
            if (track) {
                track(pAbstain.stopGradient().neg().add(1f).mul(h.stopGradient()).mean().getFloat());
            }
            return Losses.meanNll(all, y);
        }
        pAbstain = pAbstain.minimum(Scalars.of(pAbstain, 1 - EPSILON));
        NDArray keep = pAbstain.neg().add(1f);
        if (track) {
            track(keep.stopGradient().mul(h.stopGradient()).mean().getFloat());
            if (Double.isNaN(alpha)) {
                alpha = alphaThresh / alphaInitFactor;
                alphaIncrement = epochs > epoch ? (alphaFinal - alpha) / (epochs - epoch) : 0;
                alphaEpoch = epoch;
            } else if (epoch > alphaEpoch) {
                alpha += alphaIncrement;
                alphaEpoch = epoch;
            }
            abstainedSum += pAbstain.stopGradient().mean().getFloat();
            abstainedSteps++;
        }
        return keep.mul(h).sub(keep.log().mul(Scalars.of(keep, alpha))).mean();
    }

    private void track(double instantaneous) {
        alphaThresh = Double.isNaN(alphaThresh) ? instantaneous : MU * instantaneous + (1 - MU) * alphaThresh;
    }

    /** The current alpha (NaN during warm-up). */
    double alpha() {
        return alpha;
    }

    /** The current EWMA of alpha_thresh (NaN before the first step). */
    double alphaThresh() {
        return alphaThresh;
    }

    @Override
    public Map<String, Double> epochLog() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!Double.isNaN(alphaThresh)) {
            m.put("alphaThresh", alphaThresh);
        }
        if (!Double.isNaN(alpha)) {
            m.put("alpha", alpha);
            m.put("meanAbstention", abstainedSteps == 0 ? 0 : abstainedSum / abstainedSteps);
        }
        abstainedSum = 0;
        abstainedSteps = 0;
        return m;
    }
}
