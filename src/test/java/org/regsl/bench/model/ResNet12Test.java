package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** C8's bench ResNet-12: shapes on 28 px, parameter groups stage1..4 and head, RFS's initialization. */
class ResNet12Test {

    @Test
    void shapesGroupsAndInitialization() {
        try (Net net = Net.of(() -> new ResNet12(ResNet12.BENCH_WIDTHS, 5), Net.INPUT, 5, 0, null, 3);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            assertEquals(new Shape(4, 5), net.forward(x, false).getShape());
            Set<String> groups = new TreeSet<>();
            long params = 0;
            for (var p : net.parameters()) {
                groups.add(LayerGroups.groupOf(p.getKey()));
                if (p.getValue().requiresGradient()) {
                    params += p.getValue().getArray().size();
                }
            }
            assertEquals(Set.of("stage1", "stage2", "stage3", "stage4", "head"), groups);
            assertTrue(params > 400_000 && params < 600_000, "about half a million trainable parameters: " + params);
            // stage4.conv2: 128 x 128 x 3 x 3, N(0, 2 / fan_out), fan_out = 128 x 9
            var w = net.parameters().stream().filter(p -> p.getKey().contains("stage4") && p.getKey().contains("conv2"))
                    .findFirst().orElseThrow().getValue().getArray().toFloatArray();
            double s = 0;
            for (float v : w) {
                s += v * v;
            }
            double sigma = Math.sqrt(2.0 / (128 * 9));
            assertEquals(sigma, Math.sqrt(s / w.length), 0.03 * sigma, "conv std");
        }
    }
}
