package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper-scale ResNet's layout and the offline import of ImageNet-style weights. */
class ResNetTest {

    private static final Shape SMALL = new Shape(2, 3, 32, 32);

    @ParameterizedTest(name = "{0} has torchvision''s {1} state-dict tensors (num_batches_tracked aside)")
    @CsvSource({"resnet18, 102", "resnet50, 267", "resnet101, 522"})
    void torchvisionLayout(String depth, int tensors) {
        ResNet r = new ResNet(ResNet.Depth.of(depth), 7);
        assertEquals(tensors, r.torchvisionNames().size());
        assertTrue(r.torchvisionNames().containsKey("layer3.1.conv2.weight"));
        assertTrue(r.torchvisionNames().containsKey("layer2.0.downsample.1.running_var"));
    }

    @Test
    void everyParameterIsInANamedGroupAndLogitsHaveTheClassCount() {
        try (Net net = Net.of(new ResNet(ResNet.Depth.RESNET18, 5), SMALL, 5, Device.cpu(), 3);
                NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Set<String> groups = new TreeSet<>();
            net.parameters().forEach(p -> groups.add(LayerGroups.groupOf(p.getKey())));
            assertEquals(Set.of("stem", "layer1", "layer2", "layer3", "layer4", "head"), groups);
            NDArray logits = net.forward(m.randomNormal(SMALL), false);
            assertEquals(new Shape(2, 5), logits.getShape());
            assertEquals(512, net.parameter(net.parameters().stream().map(p -> p.getKey())
                    .filter(n -> n.contains("head") && n.endsWith("weight")).findFirst().orElseThrow())
                    .getShape().get(1));
        }
    }

    @Test
    void importCopiesTheBackboneBitForBitAndLeavesTheHead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("robust.safetensors");
        try (Net source = Net.of(new ResNet(ResNet.Depth.RESNET18, 5), SMALL, 5, Device.cpu(), 1)) {
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
            ResNet block = (ResNet) blockOf(source);
            block.torchvisionNames().forEach((k, p) -> tensors.put("module.model." + k, tensor(p)));
            tensors.put("module.attacker.model.conv1.weight", tensor(block.torchvisionNames().get("conv1.weight")));
            tensors.put("module.normalizer.new_mean", new Safetensors.Tensor(new long[] {3}, "F32", new float[3]));
            Safetensors.writeF32(file, tensors);
            try (Net target = Net.of(new ResNet(ResNet.Depth.RESNET18, 5), SMALL, 5, Device.cpu(), 2)) {
                ResNet tb = (ResNet) blockOf(target);
                float[] headBefore = tb.torchvisionNames().get("fc.weight").getArray().toFloatArray();
                PretrainedWeights.Report r = PretrainedWeights.importInto(tb, file);
                assertEquals(100, r.loaded());
                assertTrue(r.ignored().contains("module.attacker.model.conv1.weight"));
                assertTrue(r.ignored().contains("module.model.fc.weight"));
                for (String k : block.torchvisionNames().keySet()) {
                    float[] a = block.torchvisionNames().get(k).getArray().toFloatArray();
                    float[] b = tb.torchvisionNames().get(k).getArray().toFloatArray();
                    if (k.startsWith("fc.")) {
                        continue;
                    }
                    assertArrayEquals(a, b, k);
                }
                assertArrayEquals(headBefore, tb.torchvisionNames().get("fc.weight").getArray().toFloatArray());
                assertFalse(Arrays.equals(headBefore, block.torchvisionNames().get("fc.weight").getArray().toFloatArray()));
            }
        }
    }

    @Test
    void aMissingOrMisshapenKeyIsAnErrorNamingFileAndKey(@TempDir Path dir) throws IOException {
        try (Net net = Net.of(new ResNet(ResNet.Depth.RESNET18, 5), SMALL, 5, Device.cpu(), 1)) {
            ResNet block = (ResNet) blockOf(net);
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
            block.torchvisionNames().forEach((k, p) -> tensors.put(k, tensor(p)));
            tensors.remove("layer4.1.bn2.running_var");
            Path missing = dir.resolve("missing.safetensors");
            Safetensors.writeF32(missing, tensors);
            IOException e = assertThrows(IOException.class, () -> PretrainedWeights.importInto(block, missing));
            assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("layer4.1.bn2.running_var"),
                    e.getMessage());

            tensors.put("layer4.1.bn2.running_var", new Safetensors.Tensor(new long[] {3}, "F32", new float[3]));
            Path misshapen = dir.resolve("misshapen.safetensors");
            Safetensors.writeF32(misshapen, tensors);
            e = assertThrows(IOException.class, () -> PretrainedWeights.importInto(block, misshapen));
            assertTrue(e.getMessage().contains("layer4.1.bn2.running_var") && e.getMessage().contains("shape"));

            Path truncated = dir.resolve("truncated.safetensors");
            byte[] full = Files.readAllBytes(misshapen);
            Files.write(truncated, Arrays.copyOf(full, full.length / 2));
            e = assertThrows(IOException.class, () -> Safetensors.read(truncated));
            assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
        }
    }

    @Test
    void halfPrecisionDecodes() {
        assertEquals(1.0f, Safetensors.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, Safetensors.halfToFloat((short) 0xC000));
        assertEquals(0x1p-24f, Safetensors.halfToFloat((short) 0x0001));
        assertEquals(65504f, Safetensors.halfToFloat((short) 0x7BFF));
    }

    private static Safetensors.Tensor tensor(Parameter p) {
        NDArray a = p.getArray();
        return new Safetensors.Tensor(a.getShape().getShape(), "F32", a.toFloatArray());
    }

    private static ai.djl.nn.Block blockOf(Net net) {
        return net.block();
    }
}
