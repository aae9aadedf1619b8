package org.regsl.bench.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.VisionTransformer;
import org.regsl.bench.model.WeightSnapshot;

/**
 * Which tensors each radius touches for a ViT (REGSL-SPEC 1.2 "ViT"): the encoder's radius every
 * 2-D weight of every block (query, key, value, out, fc1, fc2), the head radius the head's weight
 * (from zero), nothing else (LayerNorms, the patch embedding, cls token and position embeddings,
 * biases); and the ResNet rule unchanged (the stem free, BN scales clipped) in ConstraintTest.
 */
class VitConstraintTest {

    @Test
    void theEncoderRadiusTouchesEvery2dEncoderWeightAndTheHeadRadiusTheHead() {
        VisionTransformer.Config tiny = new VisionTransformer.Config(8, 2, 16, 2, 4, 8, 3, 0);
        try (Net net = Net.of(() -> new VisionTransformer(tiny, 5), new Shape(1, 3, 8, 8), 5, 0, Device.cpu(), 1);
                WeightSnapshot init = WeightSnapshot.of(net)) {
            Map<String, Double> r = new LinkedHashMap<>();
            r.put(VisionTransformer.ENCODER, 0.75);
            FrobeniusConstraint c = new FrobeniusConstraint(init, new LayerRadii(r, 9.8, "vit"));
            List<String> names = c.constrainedNames(net);
            assertEquals(13, names.size(), "2 blocks x 6 weights + the head: " + names);
            assertEquals(13, new java.util.HashSet<>(names).size(), names.toString());
            for (String l : List.of("query", "key", "value", "out", "fc1", "fc2")) {
                assertEquals(2, names.stream().filter(n -> n.contains("encoder") && n.contains(l)
                        && n.endsWith("weight")).count(), l + " in " + names);
            }
            assertEquals(1, names.stream().filter(n -> n.contains("head") && n.endsWith("weight")).count(), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("norm") || n.contains("embeddings")), names.toString());
        }
    }
}
