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
}
