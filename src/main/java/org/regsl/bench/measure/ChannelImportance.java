package org.regsl.bench.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.data.NumpyRandom;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.ForwardTap;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Batches;
import org.regsl.bench.regularize.ChannelAttention;
import org.regsl.bench.train.Gradients;
import org.regsl.bench.train.Objective;

/**
 * The measurement behind DELTA's channel attention (Li et al., ICLR 2019; TLlib's {@code
 * calculate_channel_attention}): how much the task's loss rises when one channel of one stage's
 * output of the source model is zeroed,
 *
 * <pre>
 *   increase_{j,c} = L(probe(f_{w0}(x) with FM_{j,c} = 0), y) - L(probe(f_{w0}(x)), y)
 * </pre>
 *
 * averaged over the first {@link #IMAGES} training images of a fixed shuffle (TLlib: 10 batches of
 * 32), in inference mode, L the run's own loss (cross-entropy, or BCE for multi-label). The loss
 * needs a head for the target's classes: TLlib first trains a classifier on the target for 10
 * epochs; this suite fits a linear probe on the frozen pooled features of every training image
 * (zero start, {@link #PROBE_STEPS} full-batch Adam steps at lr {@link #PROBE_LR}), so the
 * attention reads the pretrained features, not a fine-tuned copy. Deterministic: no random draw but
 * the shuffle (numpy's, seed 0).
 */
public final class ChannelImportance {

    /** Training images the increases are averaged over (TLlib: attention-iteration-limit 10 x batch 32). */
    public static final int IMAGES = 320;

    /** Full-batch Adam steps of the linear probe. */
    public static final int PROBE_STEPS = 300;

    /** Learning rate of the probe's Adam. */
    public static final double PROBE_LR = 0.05;

    private ChannelImportance() {}

    /** The protocol as a cache configuration shows it. */
    public static Map<String, Object> protocol() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", IMAGES);
        m.put("shuffle", "numpy permutation, seed 0");
        m.put("probe", "linear on frozen pooled features, zero start, " + PROBE_STEPS + " full-batch Adam steps, lr "
                + PROBE_LR);
        m.put("zeroed", "stage output channel, inference mode");
        m.put("attention", "softmax(z / " + ChannelAttention.TEMPERATURE + ")");
        return m;
    }

    /** The attention of {@code stages} of {@code net} on {@code train} under {@code loss}. */
    public static ChannelAttention attention(Net net, ImageSet train, Objective loss, List<String> stages) {
        return ChannelAttention.of(increases(net, train, loss, stages));
    }

    /** Per stage, per channel, the loss increase of zeroing it. */
    public static Map<String, double[]> increases(Net net, ImageSet train, Objective loss, List<String> stages) {
        Gradients.offOnThisThread();
        try (NDManager m = net.manager().newSubManager()) {
            int[] all = Batches.identity(train.size());
            NDArray features = pooled(net, train, all, m, ForwardTap.NONE);
            Probe probe = Probe.fit(features, all, net.classes(), loss, m);
            int[] pos = Arrays.copyOf(NumpyRandom.permutation(0, train.size()), Math.min(IMAGES, train.size()));
            Map<String, Long> channels = channels(net, train, pos, stages, m);
            double base = probe.loss(pooled(net, train, pos, m, ForwardTap.NONE), pos, loss);
            Map<String, double[]> out = new LinkedHashMap<>();
            for (String stage : stages) {
                int c = channels.get(stage).intValue();
                double[] inc = new double[c];
                for (int j = 0; j < c; j++) {
                    try (NDManager s = m.newSubManager()) {
                        float[] mask = new float[c];
                        Arrays.fill(mask, 1f);
                        mask[j] = 0f;
                        NDArray maskArray = s.create(mask, new Shape(1, c, 1, 1));
                        ForwardTap zero = (point, output) -> point.equals(stage) ? output.mul(maskArray) : output;
                        inc[j] = probe.loss(pooled(net, train, pos, s, zero), pos, loss) - base;
                    }
                }
                out.put(stage, inc);
            }
            return out;
        }
    }

    private static Map<String, Long> channels(Net net, ImageSet train, int[] pos, List<String> stages, NDManager m) {
        try (NDManager s = m.newSubManager()) {
            NDArray x = Batches.images(s, train, pos, 0, 1);
            Features f = new Features(x);
            net.forward(x, false, f);
            Map<String, Long> c = new LinkedHashMap<>();
            stages.forEach(st -> c.put(st, f.get(st).getShape().get(1)));
            return c;
        }
    }

    /** (n, D) pooled features of the images at {@code pos}, in inference mode, through {@code tap}; attached to {@code m}. */
    static NDArray pooled(Net net, ImageSet set, int[] pos, NDManager m, ForwardTap tap) {
        List<NDArray> parts = new ArrayList<>();
        for (int from = 0; from < pos.length; from += set.evalChunk()) {
            int to = Math.min(pos.length, from + set.evalChunk());
            try (NDManager chunk = m.newSubManager()) {
                NDArray x = Batches.images(chunk, set, pos, from, to);
                NDArray[] seen = new NDArray[1];
                net.forward(x, false, (point, output) -> {
                    NDArray o = tap.at(point, output);
                    if (point.equals(ForwardTap.POOLED)) {
                        seen[0] = o;
                    }
                    return o;
                });
                seen[0].attach(m);
                parts.add(seen[0]);
            }
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
    }

    /** A linear head W, b ({@code k} = the net's classes) on frozen features, fitted by full-batch Adam from zero. */
    record Probe(float[] w, float[] b, int d, int k) {

        static Probe fit(NDArray features, int[] positions, int k, Objective loss, NDManager m) {
            int d = (int) features.getShape().get(1);
            double[] w = new double[d * k];
            double[] b = new double[k];
            double[] mw = new double[w.length];
            double[] vw = new double[w.length];
            double[] mb = new double[k];
            double[] vb = new double[k];
            for (int t = 1; t <= PROBE_STEPS; t++) {
                try (NDManager s = m.newSubManager()) {
                    Probe p = new Probe(floats(w), floats(b), d, k);
                    NDArray z = p.logits(features, s).stopGradient();
                    z.setRequiresGradient(true);
                    try (Gradients gc = Gradients.collect()) {
                        gc.backward(loss.loss(z, positions, 1));
                    }
                    NDArray dz = z.getGradient();
                    float[] gw = features.transpose().matMul(dz).toFloatArray();
                    float[] gb = dz.sum(new int[] {0}).toFloatArray();
                    adam(w, gw, mw, vw, t);
                    adam(b, gb, mb, vb, t);
                }
            }
            return new Probe(floats(w), floats(b), d, k);
        }

        NDArray logits(NDArray features, NDManager s) {
            return features.matMul(s.create(w, new Shape(d, k))).add(s.create(b, new Shape(1, k)));
        }

        double loss(NDArray features, int[] positions, Objective loss) {
            try (NDManager s = features.getManager().newSubManager()) {
                return loss.loss(logits(features, s), positions, 1).getFloat();
            }
        }

        private static void adam(double[] p, float[] g, double[] m, double[] v, int t) {
            double b1 = 0.9;
            double b2 = 0.999;
            for (int i = 0; i < p.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mh = m[i] / (1 - Math.pow(b1, t));
                double vh = v[i] / (1 - Math.pow(b2, t));
                p[i] -= PROBE_LR * mh / (Math.sqrt(vh) + 1e-8);
            }
        }

        private static float[] floats(double[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = (float) a[i];
            }
            return f;
        }
    }
}
