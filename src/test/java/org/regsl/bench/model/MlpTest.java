package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** C9's MLP: shapes on 384-d embeddings, groups layer1..2 and head, PyTorch's default Linear bounds, seeded init. */
class MlpTest {

    @Test
    void shapesGroupsAndDefaultLinearInitialization() {
        try (Net net = BenchArchitecture.MLP.create(3, 0, 5); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(4, BenchArchitecture.EMBEDDING_DIM));
            assertEquals(new Shape(4, 3), net.forward(x, false).getShape());
            Map<String, Long> sizes = new TreeMap<>();
            for (var p : net.parameters()) {
                sizes.merge(LayerGroups.groupOf(p.getKey()), p.getValue().getArray().size(), Long::sum);
                float[] w = p.getValue().getArray().toFloatArray();
                long fanIn = p.getKey().contains("layer1") ? 384 : p.getKey().contains("layer2") ? 256 : 128;
                double bound = 1 / Math.sqrt(fanIn);
                double max = 0;
                for (float v : w) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max <= bound && max > 0.9 * bound, p.getKey() + ": U(-1/sqrt(fan_in), 1/sqrt(fan_in)), max "
                        + max + " bound " + bound);
            }
            assertEquals(Map.of("head", 128L * 3 + 3, "layer1", 384L * 256 + 256, "layer2", 256L * 128 + 128), sizes);
            assertEquals(java.util.List.of("layer1", "layer2"), BenchArchitecture.MLP.stages());
        }
    }

    @Test
    void sameSeedSameWeights() {
        try (Net a = BenchArchitecture.MLP.create(2, 0, 9); Net b = BenchArchitecture.MLP.create(2, 0, 9)) {
            var pa = a.parameters();
            var pb = b.parameters();
            for (int i = 0; i < pa.size(); i++) {
                assertArrayEquals(pa.get(i).getValue().getArray().toFloatArray(),
                        pb.get(i).getValue().getArray().toFloatArray(), pa.get(i).getKey());
            }
        }
    }
}
