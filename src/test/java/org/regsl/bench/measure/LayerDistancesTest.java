package org.regsl.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;

/** Distances: zero for an unchanged model, the hand-computed value for a known change. */
class LayerDistancesTest {

    @Test
    void unchangedModelHasDistanceZero() {
        try (Net net = Net.create(5, 1); WeightSnapshot s = WeightSnapshot.of(net)) {
            List<LayerDistances.Layer> layers = LayerDistances.measure(net, s);
            assertEquals(10, layers.size()); // stem, 2 + 3 + 3 stage convs, head
            for (LayerDistances.Layer l : layers) {
                if (!l.group().equals("head")) {
                    assertEquals(0.0, l.distance(), l.name());
                    assertEquals(0.0, l.relative(), l.name());
                }
            }
            assertEquals(0.0, LayerDistances.backboneRelative(layers));
        }
    }

    @Test
    void knownChangeGivesKnownDistance() {
        try (Net net = Net.create(5, 1); WeightSnapshot s = WeightSnapshot.of(net)) {
            var stem = net.trainable().get(0);
            NDArray w = stem.getValue().getArray();
            w.addi(0.5f); // every entry moves by 0.5: distance = 0.5 sqrt(n)
            LayerDistances.Layer first = LayerDistances.measure(net, s).get(0);
            assertEquals("stem", first.group());
            assertEquals(0.5 * Math.sqrt(w.size()), first.distance(), 1e-5);
            var head = LayerDistances.measure(net, s).get(9);
            float[] hw = net.trainable().stream().filter(p -> p.getKey().contains("head_weight")).findFirst()
                    .orElseThrow().getValue().getArray().toFloatArray();
            double norm = 0;
            for (float x : hw) {
                norm += (double) x * x;
            }
            assertEquals(Math.sqrt(norm), head.distance(), 1e-9, "the head is measured from zero");
        }
    }
}
