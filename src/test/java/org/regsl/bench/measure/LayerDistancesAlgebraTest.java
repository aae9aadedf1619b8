package org.regsl.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;

/** The group and backbone aggregates of layer distances on hand-made layers, and the per-tensor fields. */
class LayerDistancesAlgebraTest {

    private static LayerDistances.Layer layer(String group, double d, double ref) {
        return new LayerDistances.Layer(group + "_w", group, 0, d, ref, group.equals("head") ? Double.NaN : d / ref);
    }

    @Test
    void groupsAndTheBackboneAggregateInQuadrature() {
        List<LayerDistances.Layer> layers = List.of(layer("stem", 3, 10), layer("stage1", 1, 2), layer("stage1", 2, 4),
                layer("head", 5, Double.NaN));
        Map<String, double[]> g = LayerDistances.byGroup(layers);
        assertEquals(List.of("stem", "stage1", "head"), List.copyOf(g.keySet()), "network order");
        assertEquals(3, g.get("stem")[0], 1e-12);
        assertEquals(0.3, g.get("stem")[1], 1e-12);
        assertEquals(Math.sqrt(5), g.get("stage1")[0], 1e-12);
        assertEquals(Math.sqrt(5) / Math.sqrt(20), g.get("stage1")[1], 1e-12);
        assertEquals(5, g.get("head")[0], 1e-12);
        assertTrue(Double.isNaN(g.get("head")[1]), "the head has no reference");
        // backbone: sqrt(9 + 1 + 4) / sqrt(100 + 4 + 16); the head is left out
        assertEquals(Math.sqrt(14.0 / 120.0), LayerDistances.backboneRelative(layers), 1e-12);
    }

    @Test
    void everyTensorCarriesItsDepthReferenceAndRelativeDistance() {
        try (Net net = Net.create(5, 3); WeightSnapshot s = WeightSnapshot.of(net)) {
            var stem = net.trainable().get(0).getValue().getArray();
            float[] w0 = stem.toFloatArray();
            double r2 = 0;
            for (float x : w0) {
                r2 += (double) x * x;
            }
            NDArray delta = stem.mul(0.25f); // W = 1.25 W0: distance 0.25 ||W0||, relative 0.25
            stem.addi(delta);
            List<LayerDistances.Layer> layers = LayerDistances.measure(net, s);
            for (int i = 0; i < layers.size(); i++) {
                assertEquals(i, layers.get(i).depth(), "depth counts the weight tensors in order");
            }
            LayerDistances.Layer first = layers.get(0);
            assertEquals(Math.sqrt(r2), first.reference(), 1e-4);
            assertEquals(0.25, first.relative(), 1e-5);
            assertEquals(0.25 * Math.sqrt(r2), first.distance(), 1e-4);
            assertEquals(0.0, layers.get(1).distance(), "the other tensors did not move");
            LayerDistances.Layer head = layers.get(layers.size() - 1);
            assertTrue(Double.isNaN(head.reference()) && Double.isNaN(head.relative()));
            double rel = LayerDistances.backboneRelative(layers);
            assertTrue(rel > 0 && rel < 0.25, "one of nine tensors moved by a quarter: " + rel);
        }
    }
}
