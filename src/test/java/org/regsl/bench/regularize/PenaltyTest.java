package org.regsl.bench.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;

/** Penalty gradients against central finite differences, and their values by hand. */
class PenaltyTest {

    private static final String CONV = "03stage2_03conv2_weight";
    private static final String HEAD = "05head_weight";

    /** Checks d term / d w at a few entries of {@code name} against (f(w + h) - f(w - h)) / 2h. */
    private static void checkGradient(Net net, Penalty p, String name) {
        NDArray w = net.parameter(name);
        float[] analytic;
        for (var p0 : net.trainable()) { // gradients accumulate across backward passes: start from zero
            try (NDArray g = p0.getValue().getArray().getGradient()) {
                g.set(new NDIndex("..."), 0f);
            }
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.term(net, null));
        }
        try (NDArray g = w.getGradient()) {
            analytic = g.toFloatArray();
            g.set(new NDIndex("..."), 0f);
        }
        float h = 1e-2f;
        float[] base = w.toFloatArray();
        for (int i = 0; i < base.length; i += Math.max(1, base.length / 7)) {
            float[] plus = base.clone();
            plus[i] += h;
            w.set(plus);
            double fPlus = p.term(net, null).getFloat();
            float[] minus = base.clone();
            minus[i] -= h;
            w.set(minus);
            double fMinus = p.term(net, null).getFloat();
            w.set(base);
            double numeric = (fPlus - fMinus) / (2 * h);
            assertEquals(numeric, analytic[i], 2e-3 * Math.max(1, Math.abs(numeric)), name + "[" + i + "]");
        }
    }

    @Test
    void l2SpGradientMatchesFiniteDifferences() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            net.parameter(CONV).addi(0.3f);
            L2SpPenalty p = new L2SpPenalty(ref, 0.7, 0.2);
            checkGradient(net, p, CONV);
            checkGradient(net, p, HEAD);
        }
    }

    @Test
    void weightDecayGradientMatchesFiniteDifferences() {
        try (Net net = Net.create(5, 1)) {
            checkGradient(net, new WeightDecayPenalty(0.05), CONV);
        }
    }

    @Test
    void l2SpValueByHand() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            NDArray w = net.parameter(CONV);
            w.addi(0.5f); // ||w - w0||^2 = 0.25 n
            double headSq = 0;
            for (float v : net.parameter(HEAD).toFloatArray()) {
                headSq += (double) v * v;
            }
            double expected = 0.1 / 2 * 0.25 * w.size() + 0.3 / 2 * headSq;
            assertEquals(expected, new L2SpPenalty(ref, 0.1, 0.3).term(net, null).getFloat(), 1e-4 * expected);
        }
    }
}
