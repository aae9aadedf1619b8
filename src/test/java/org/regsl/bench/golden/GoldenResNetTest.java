package org.regsl.bench.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.ResNet;
import org.regsl.bench.model.Safetensors;
import org.regsl.bench.nn.Losses;

/**
 * The paper-scale ResNet-18 against torchvision 0.14 / PyTorch 1.13 ({@code golden/resnet}): with
 * the golden weights (F16, head included) loaded by torchvision name, eval-mode logits, train-mode
 * logits and their mean cross-entropy within 1e-5, every parameter's gradient norm within 1e-4
 * relative.
 */
class GoldenResNetTest {

    @Test
    void forwardAndBackwardMatchTorchvision() throws IOException {
        JsonNode g = Golden.json("resnet/resnet18-golden.json");
        Map<String, Safetensors.Tensor> weights = Safetensors.read(Golden.file("resnet/resnet18-golden.safetensors"));
        ResNet resnet = new ResNet(ResNet.Depth.RESNET18, 10);
        long[] inputShape = Arrays.stream(Golden.ints(g.get("inputShape"))).asLongStream().toArray();
        try (Net net = Net.of(resnet, new Shape(inputShape), 10, Device.cpu(), 0);
                NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (Map.Entry<String, Parameter> p : resnet.torchvisionNames().entrySet()) {
                Safetensors.Tensor t = weights.get(p.getKey());
                assertNotNull(t, "golden weights lack " + p.getKey());
                p.getValue().getArray().set(t.values());
            }
            NDArray x = m.create(Golden.floats(Golden.doubles(g.get("input"))), new Shape(inputShape));
            NDArray y = m.create(Golden.ints(g.get("labels")));
            Golden.assertClose("resnet18", Golden.doubles(g.get("evalLogits")), net.forward(x, false).toFloatArray(), 1e-5, "eval logits");
            Map<String, Double> norms = new HashMap<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(x, true);
                Golden.assertClose("resnet18", Golden.doubles(g.get("trainLogits")), logits.toFloatArray(), 1e-5, "train logits");
                NDArray loss = Losses.meanNll(logits, y);
                assertEquals(g.get("trainLoss").asDouble(), loss.getFloat(), 1e-5, "train loss");
                gc.backward(loss);
            }
            for (Map.Entry<String, Parameter> p : resnet.torchvisionNames().entrySet()) {
                if (p.getValue().requiresGradient()) {
                    norms.put(p.getKey(), (double) p.getValue().getArray().getGradient().norm().getFloat());
                }
            }
            JsonNode expected = g.get("gradNorms");
            assertEquals(expected.size(), norms.size(), "one gradient norm per trainable tensor");
            double worst = 0;
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                assertTrue(norms.containsKey(key), "no gradient for " + key);
                double want = expected.get(key).asDouble();
                double rel = Math.abs(norms.get(key) - want) / Math.max(Math.abs(want), 1e-12);
                worst = Math.max(worst, rel);
                assertTrue(rel <= 1e-4, key + ": gradient norm " + norms.get(key) + ", torchvision " + want);
            }
            System.out.printf("golden resnet18: largest relative gradient-norm difference %.2e%n", worst);
        }
    }
}
