package org.regsl.bench.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.measure.ChannelImportance;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.LayerGroups;
import org.regsl.bench.model.Net;
import org.regsl.bench.train.CrossEntropy;
import org.regsl.bench.train.TinyData;

/**
 * DELTA on a toy net: the attention's softmax of z-scores against a direct computation; the
 * penalty against a direct sum over the tapped feature maps of the net and its frozen start (zero
 * backbone part at the start); and the measured attention on toy data, where a dead channel (its
 * last batch norms zeroed, so the stage's output channel is zero) costs nothing when zeroed while
 * the channel whose zeroing costs most gets the largest weight.
 */
class DeltaPenaltyTest {

    @Test
    void weightsAreTheSoftmaxOfZScoresOverFive() {
        double[] inc = {0.1, 0.3, 0.2, 0.0};
        double mean = 0.15;
        double std = Math.sqrt((0.05 * 0.05 + 0.15 * 0.15 + 0.05 * 0.05 + 0.15 * 0.15) / 4);
        double[] e = new double[4];
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            e[i] = Math.exp((inc[i] - mean) / std / 5);
            sum += e[i];
        }
        double[] w = ChannelAttention.weights(inc);
        for (int i = 0; i < 4; i++) {
            assertEquals(e[i] / sum, w[i], 1e-12);
        }
        assertTrue(w[1] > w[2] && w[2] > w[0] && w[0] > w[3], "a channel that costs more weighs more");
        assertEquals(0.25, ChannelAttention.weights(new double[] {2, 2, 2, 2})[0], 1e-12);
    }

    private static ChannelAttention uniform(Net net) {
        NDArray x = net.manager().zeros(new Shape(1, 1, 28, 28));
        Features f = new Features(x);
        net.forward(x, false, f);
        Map<String, double[]> inc = new java.util.LinkedHashMap<>();
        for (String s : LayerRadii.STAGES) {
            inc.put(s, new double[(int) f.get(s).getShape().get(1)]);
        }
        return ChannelAttention.of(inc);
    }

    @Test
    void thePenaltyIsTheWeightedFeatureDistanceToTheFrozenStartPlusTheHead() {
        try (Net net = Net.create(3, 1); Net start = net.frozenCopy(); NDManager m = net.manager().newSubManager()) {
            ChannelAttention a = uniform(net);
            DeltaPenalty delta = new DeltaPenalty(start, a, 0.01, 0.02);
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            double head = 0;
            for (Pair<String, Parameter> p : net.trainable()) {
                if (LayerGroups.isHead(p.getKey())) {
                    for (float v : p.getValue().getArray().toFloatArray()) {
                        head += (double) v * v;
                    }
                }
            }
            Features f = new Features(x);
            net.forward(x, false, f); // in inference mode, as the frozen start runs (in training, batch statistics differ)
            assertEquals(0.02 / 2 * head, delta.term(net, f).getFloat(), 1e-6 * head, "no backbone term at the start");

            NDArray w = net.parameter(net.parameters().stream().map(Pair::getKey)
                    .filter(n -> n.contains("stage3") && n.contains("conv2")).findFirst().orElseThrow());
            w.addi(0.05f);
            Features moved = new Features(x);
            net.forward(x, true, moved);
            Features source = new Features(x);
            start.forward(x, false, source);
            double backbone = 0;
            for (String s : LayerRadii.STAGES) {
                long[] sh = moved.get(s).getShape().getShape();
                float[] t = moved.get(s).toFloatArray();
                float[] r = source.get(s).toFloatArray();
                int hw = (int) (sh[2] * sh[3]);
                for (int i = 0; i < t.length; i++) {
                    int c = (int) ((i / hw) % sh[1]);
                    double d = t[i] - r[i];
                    backbone += sh[1] * a.stages().get(s)[c] * d * d / hw;
                }
            }
            double expected = 0.01 / 2 * backbone + 0.02 / 2 * head;
            assertTrue(backbone > 0);
            assertEquals(expected, delta.term(net, moved).getFloat(), 1e-4 * expected);
        }
    }

    @Test
    void aDeadChannelCostsNothingAndTheCostliestChannelWeighsMost() {
        LabeledImages train = TinyData.make(40, 3, 11);
        try (Net net = Net.create(3, 2)) {
            for (Pair<String, Parameter> p : net.parameters()) {
                String n = p.getKey();
                boolean lastNorm = n.contains("stage2") && (n.contains("bn2") || n.contains("shortcut"))
                        && (n.endsWith("gamma") || n.endsWith("beta"));
                if (lastNorm) {
                    p.getValue().getArray().set(new NDIndex("0"), 0f);
                }
            }
            Map<String, double[]> inc = ChannelImportance.increases(net, train, new CrossEntropy(train.labels()),
                    LayerRadii.STAGES);
            assertEquals(List.of("stage1", "stage2", "stage3"), List.copyOf(inc.keySet()));
            assertEquals(16, inc.get("stage1").length);
            assertEquals(32, inc.get("stage2").length);
            assertEquals(64, inc.get("stage3").length);
            assertEquals(0.0, inc.get("stage2")[0], 0.0, "zeroing a channel that is already zero changes nothing");
            ChannelAttention a = ChannelAttention.of(inc);
            for (String s : inc.keySet()) {
                double[] v = inc.get(s);
                int top = 0;
                for (int i = 1; i < v.length; i++) {
                    top = v[i] > v[top] ? i : top;
                }
                double[] w = a.stages().get(s);
                final int best = top;
                assertTrue(java.util.stream.IntStream.range(0, w.length).allMatch(i -> w[i] <= w[best]), s);
                assertTrue(v[top] > 0, s + ": some channel matters");
            }
        }
    }
}
