package org.regsl.bench.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.VisionTransformer;
import org.regsl.bench.model.VitCheckpoint;
import org.regsl.bench.nn.Losses;
import org.regsl.bench.train.Gradients;

/**
 * The official C7 ViT (ViT-pytorch's {@code VisionTransformer}) against PyTorch 1.13 on the small
 * golden checkpoint in Google's npz layout ({@code golden/vit}): imported by {@link VitCheckpoint},
 * the golden head set, dropout 0; logits and the mean NLL within 1e-5, every parameter's gradient
 * norm within 1e-4 relative, named by ViT-pytorch's names (the key biases, whose exact gradient is
 * zero, within round-off on both sides).
 */
class GoldenVitTest {

    @Test
    void importedCheckpointMatchesViTPytorch() throws IOException {
        JsonNode g = Golden.json("vit/vit-tiny-golden.json");
        JsonNode c = g.get("config");
        VisionTransformer.Config cfg = new VisionTransformer.Config(c.get("hidden").asInt(), c.get("heads").asInt(),
                c.get("mlp").asInt(), c.get("layers").asInt(), c.get("patch").asInt(), c.get("image").asInt(), 3,
                c.get("dropout").asDouble());
        int classes = c.get("classes").asInt();
        long[] inputShape = Arrays.stream(Golden.ints(g.get("inputShape"))).asLongStream().toArray();
        try (Net net = Net.of(() -> new VisionTransformer(cfg, classes), new Shape(inputShape), classes, 0,
                Device.cpu(), 0); NDManager m = NDManager.newBaseManager(Device.cpu())) {
            VisionTransformer vit = (VisionTransformer) net.block();
            VitCheckpoint.Report rep = VitCheckpoint.importInto(vit, Golden.file("vit/vit-tiny-golden.npz"));
            assertTrue(rep.ignored().stream().allMatch(k -> k.startsWith("pre_logits") || k.startsWith("head")),
                    "only pre_logits and the checkpoint's head are ignored: " + rep.ignored());
            vit.torchNames().get("pred_head.weight").getArray().set(Golden.floats(Golden.doubles(g.get("headWeight"))));
            vit.torchNames().get("pred_head.bias").getArray().set(Golden.floats(Golden.doubles(g.get("headBias"))));
            NDArray x = m.create(Golden.floats(Golden.doubles(g.get("input"))), new Shape(inputShape));
            NDArray y = m.create(Golden.ints(g.get("labels")));
            NDArray loss;
            try (Gradients gc = Gradients.collect()) {
                NDArray logits = net.forward(x, true);
                Golden.assertClose("vit", Golden.doubles(g.get("logits")), logits.toFloatArray(), 1e-5, "logits");
                loss = Losses.meanNll(logits, y);
                assertEquals(g.get("loss").asDouble(), loss.getFloat(), 1e-5, "loss");
                gc.backward(loss);
            }
            JsonNode expected = g.get("gradNormsByTorchName");
            Map<String, Parameter> torch = vit.torchNames();
            assertEquals(expected.size(), torch.size(), "one gradient norm per tensor");
            double worst = 0;
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                Parameter p = torch.get(key);
                assertTrue(p != null, "no parameter " + key);
                double got = p.getArray().getGradient().norm().getFloat();
                double want = expected.get(key).asDouble();
                if (key.endsWith("key.bias")) {
                    // exactly zero in exact arithmetic: q . b_k is the same for every key of a query's row, and the
                    // softmax ignores a shift along its row; both sides hold float round-off (PyTorch: ~4e-8)
                    assertTrue(got < 1e-6 && want < 1e-6, key + ": round-off expected, got " + got + " vs " + want);
                    continue;
                }
                double rel = Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);
                worst = Math.max(worst, rel);
                assertTrue(rel <= 1e-4, key + ": gradient norm " + got + ", ViT-pytorch " + want);
            }
            System.out.printf("golden vit: largest relative gradient-norm difference %.2e%n", worst);
        }
    }
}
