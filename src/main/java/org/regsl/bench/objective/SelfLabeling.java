package org.regsl.bench.objective;

import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.nn.Losses;

/**
 * Self-labeling (Li &amp; Zhang 2021, section 3.2; REGSL-SPEC 2, the official
 * {@code LossReweightConstraintTrainer}): label correction and label removal by reweighting,
 * on a mutable copy of the given training labels.
 *
 * <ul>
 *   <li><b>Correction</b>, from epoch E_c on, in every batch, from the step's own train-mode
 *       forward pass: if max_k p_ik &gt; p0 and arg-max_k p_ik != labels[i], then labels[i] becomes
 *       the arg-max, permanently (a later confident prediction may change it again). The batch's
 *       loss uses the corrected labels.
 *   <li><b>Reweighting</b>, from epoch E_r on: with l_i = -log p_{i, labels[i]}, loss = sum_i w_i l_i,
 *       w = softmax over the batch of (-l / T), computed on the host from the loss values, so the
 *       weights are constants (no gradient flows through them) and sum to 1 per batch. Before
 *       E_r the loss is the plain mean.
 *   <li><b>Temperature</b>: T = T0, and after epoch e &gt; E_r, T = T0 max(0.5, exp(-0.1 (e - E_r))).
 * </ul>
 *
 * Either part (relabeling, reweighting) can be switched off by its epoch. C6's ablation does not switch
 * them: its "w/o regularization" variant is this objective whole without the constraint (method
 * {@code self-labeling}), its "w/o self-labeling" variant the constraint with plain cross-entropy
 * (method {@code constraint}). Logged per epoch: labels changed and
 * training labels equal to the clean ones.
 */
public final class SelfLabeling implements Objective {

    /**
     * The hyper-parameters (official defaults: E_c 10, p0 0.9, E_r 5, T0 1).
     *
     * @param correctEpoch E_c, first epoch of label correction
     * @param threshold p0, the confidence a prediction must exceed to replace a label
     * @param reweightEpoch E_r, first epoch of reweighting
     * @param temperature T0
     * @param correct whether labels are corrected
     * @param reweight whether losses are reweighted
     */
    public record Params(int correctEpoch, double threshold, int reweightEpoch, double temperature, boolean correct,
            boolean reweight) {

        /** Both parts on. */
        public static Params of(int correctEpoch, double threshold, int reweightEpoch, double temperature) {
            return new Params(correctEpoch, threshold, reweightEpoch, temperature, true, true);
        }
    }

    private final Params params;
    private final int[] labels;
    private final int[] clean;
    private double temperature;
    private int changedThisEpoch;

    /**
     * Self-labeling over the training set with given (possibly noisy) {@code labels}; {@code clean}
     * (may be null) is only read to log how many labels are now correct.
     */
    public SelfLabeling(Params params, int[] labels, int[] clean) {
        this.params = params;
        this.labels = labels.clone();
        this.clean = clean == null ? null : clean.clone();
        this.temperature = params.temperature();
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        NDArray logp = logits.logSoftmax(1);
        if (params.correct() && epoch >= params.correctEpoch()) {
            correct(logp.exp().toFloatArray(), (int) logits.getShape().get(1), positions);
        }
        NDArray perSample = Losses.perSampleNll(logits, Targets.labels(logits, labels, positions));
        if (!params.reweight() || epoch < params.reweightEpoch()) {
            return perSample.mean();
        }
        float[] w = weights(perSample.toFloatArray(), temperature);
        return perSample.mul(logits.getManager().create(w)).sum();
    }

    /** Applies the correction rule to a batch of probabilities (B x K, row-major); returns the changes. */
    int correct(float[] probs, int classes, int[] positions) {
        int changed = 0;
        for (int i = 0; i < positions.length; i++) {
            int arg = 0;
            for (int k = 1; k < classes; k++) {
                if (probs[i * classes + k] > probs[i * classes + arg]) {
                    arg = k;
                }
            }
            if (probs[i * classes + arg] > params.threshold() && arg != labels[positions[i]]) {
                labels[positions[i]] = arg;
                changed++;
            }
        }
        changedThisEpoch += changed;
        return changed;
    }

    /** w = softmax(-loss / T) over the batch, in double precision with the maximum subtracted. */
    static float[] weights(float[] losses, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : losses) {
            max = Math.max(max, -l / t);
        }
        double[] e = new double[losses.length];
        double sum = 0;
        for (int i = 0; i < losses.length; i++) {
            e[i] = Math.exp(-losses[i] / t - max);
            sum += e[i];
        }
        float[] w = new float[losses.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (e[i] / sum);
        }
        return w;
    }

    /** The temperature in force for epoch {@code e + 1} given T0 and E_r (the official schedule). */
    static double temperatureAfter(int e, double t0, int reweightEpoch) {
        return e > reweightEpoch ? t0 * Math.max(0.5, Math.exp(-0.1 * (e - reweightEpoch))) : t0;
    }

    @Override
    public void endEpoch(int epoch) {
        temperature = temperatureAfter(epoch, params.temperature(), params.reweightEpoch());
    }

    @Override
    public Map<String, Double> epochLog() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("labelsChanged", (double) changedThisEpoch);
        if (clean != null) {
            int equal = 0;
            for (int i = 0; i < labels.length; i++) {
                equal += labels[i] == clean[i] ? 1 : 0;
            }
            m.put("labelsEqualClean", (double) equal);
        }
        m.put("temperature", temperature);
        changedThisEpoch = 0;
        return m;
    }

    /** The current training labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The temperature the next reweighted batch uses. */
    public double temperature() {
        return temperature;
    }
}
