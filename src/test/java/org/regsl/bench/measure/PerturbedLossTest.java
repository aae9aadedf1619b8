package org.regsl.bench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.model.Net;
import org.regsl.bench.train.TinyData;

/** Perturb-and-restore is bit-exact; sigma = 0 gives exactly no increase; noise raises the loss. */
class PerturbedLossTest {

    private static List<byte[]> bytes(Net net) {
        List<byte[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.parameters()) {
            out.add(p.getValue().getArray().toByteArray());
        }
        return out;
    }

    @Test
    void restoresEveryParameterBitExactly() {
        LabeledImages data = TinyData.make(64, 4, 1);
        try (Net net = Net.create(4, 3)) {
            List<byte[]> before = bytes(net);
            PerturbedLoss.measure(net, data, 64, 1e-2, 4, 11);
            List<byte[]> after = bytes(net);
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "parameter " + i + " changed");
            }
        }
    }

    @Test
    void drawingAheadGivesTheSameNumbersAsPairByPair() {
        LabeledImages data = TinyData.make(64, 4, 5);
        try (Net net = Net.create(4, 3)) {
            PerturbedLoss.Result pairByPair = PerturbedLoss.measure(net, data, 64, 1e-2, 6, 23, 0);
            PerturbedLoss.Result ahead = PerturbedLoss.measure(net, data, 64, 1e-2, 6, 23);
            assertEquals(pairByPair, ahead, "the same stream either way (inference draws nothing)");
        }
    }

    @Test
    void sigmaZeroGivesExactlyZeroIncrease() {
        LabeledImages data = TinyData.make(64, 4, 2);
        try (Net net = Net.create(4, 5)) {
            PerturbedLoss.Result r = PerturbedLoss.measure(net, data, 64, 0.0, 4, 13);
            assertEquals(0.0, r.increase());
            assertEquals(r.loss(), r.perturbedLoss());
            assertEquals(0.0, r.increaseStd());
            assertEquals(4, r.draws());
        }
    }

    @Test
    void largeNoiseRaisesTheLossAndIsSeeded() {
        LabeledImages data = TinyData.make(64, 4, 3);
        try (Net net = Net.create(4, 7)) {
            PerturbedLoss.Result a = PerturbedLoss.measure(net, data, 64, 0.5, 2, 17);
            PerturbedLoss.Result b = PerturbedLoss.measure(net, data, 64, 0.5, 2, 17);
            assertTrue(a.increase() > 0, "increase " + a.increase());
            assertEquals(a.perturbedLoss(), b.perturbedLoss(), "same seed, same draws");
        }
    }

    @Test
    void theResultsFieldsFollowTheProtocol() {
        LabeledImages data = TinyData.make(80, 4, 4);
        try (Net net = Net.create(4, 9)) {
            PerturbedLoss.Result r = PerturbedLoss.measure(net, data, 50, 0.05, 3, 19);
            assertEquals(4, r.draws(), "3 draws round up to 2 antithetic pairs");
            assertEquals(2, PerturbedLoss.measure(net, data, 50, 0.05, 0, 19).draws(), "at least one pair");
            assertEquals(50, r.samples());
            assertEquals(80, PerturbedLoss.measure(net, data, 500, 0.05, 2, 19).samples(), "at most the set");
            assertEquals(0.05, r.sigma());
            int[] pos = PerturbedLoss.sample(data, 50);
            assertArrayEquals(java.util.Arrays.copyOf(org.regsl.bench.data.NumpyRandom.permutation(0, 80), 50), pos);
            assertEquals(org.regsl.bench.train.Evaluation.at(net, data, pos).loss(), r.loss(), 0,
                    "l(f_W) on the sampled images");
            assertEquals(r.perturbedLoss() - r.loss(), r.increase(), 1e-12);
            assertTrue(r.increaseStd() > 0);
            assertEquals(r.increaseStd() * Math.sqrt(3.0 / 4.0), r.increasePopStd(), 1e-12,
                    "population std = sample std sqrt((n - 1) / n)");
            PerturbedLoss.Result other = PerturbedLoss.measure(net, data, 50, 0.05, 3, 20);
            assertTrue(other.perturbedLoss() != r.perturbedLoss(), "another seed, other draws");
            assertEquals(r.loss(), other.loss(), 0);
            long perturbed = net.parameters().stream().filter(PerturbedLoss::isPerturbed).count();
            long weights = net.parameters().stream().filter(x -> x.getValue().getArray().getShape().dimension() > 1)
                    .count();
            assertEquals(weights, perturbed, "every weight of rank > 1, nothing else (BN scales and biases stay)");
            assertTrue(perturbed < net.parameters().size());
            assertEquals(20, PerturbedLoss.PAPER_DRAWS);
            assertEquals(1000, PerturbedLoss.PAPER_SAMPLES);
        }
    }
}
