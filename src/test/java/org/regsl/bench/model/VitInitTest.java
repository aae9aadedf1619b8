package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh bench ViT starts as ViT-pytorch's: attention layers nn.Linear's default U(+-1/sqrt(fan_in)), MLP
 * weights Xavier-uniform with N(0, 1e-12) biases, the patch convolution nn.Conv2d's default, LayerNorm 1 / 0,
 * cls and position embeddings 0, the head nn.Linear's default; and it saves and loads bit for bit (the
 * encoder container is initialized too).
 */
class VitInitTest {

    private static float[] values(Net net, VisionTransformer vit, String torchName) {
        Parameter p = vit.torchNames().get(torchName);
        assertTrue(p != null, "no parameter " + torchName);
        return p.getArray().toFloatArray();
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double std(float[] x) {
        double s = 0;
        double q = 0;
        for (float v : x) {
            s += v;
            q += v * v;
        }
        double mean = s / x.length;
        return Math.sqrt(q / x.length - mean * mean);
    }

    @Test
    void followsViTPytorchRules() {
        try (Net net = BenchArchitecture.VIT.create(5, 0, 3)) {
            VisionTransformer vit = (VisionTransformer) net.block();
            VisionTransformer.Config c = vit.config();
            double linear = 1 / Math.sqrt(c.hidden());
            for (String layer : new String[] {"query", "key", "value", "out"}) {
                float[] w = values(net, vit, "blocks.1." + layer + ".weight");
                assertTrue(maxAbs(w) <= linear && maxAbs(w) > 0.98 * linear, layer + " weight bound " + maxAbs(w));
                assertEquals(linear / Math.sqrt(3), std(w), 0.05 * linear, layer + " weight std");
                float[] b = values(net, vit, "blocks.1." + layer + ".bias");
                assertTrue(maxAbs(b) <= linear && maxAbs(b) > 0.5 * linear, layer + " bias bound " + maxAbs(b));
            }
            double xavier = Math.sqrt(6.0 / (c.hidden() + c.mlp()));
            for (String fc : new String[] {"fc1", "fc2"}) {
                float[] w = values(net, vit, "blocks.2." + fc + ".weight");
                assertTrue(maxAbs(w) <= xavier && maxAbs(w) > 0.98 * xavier, fc + " weight bound " + maxAbs(w));
                float[] b = values(net, vit, "blocks.2." + fc + ".bias");
                assertTrue(maxAbs(b) < 1e-5 && std(b) > 1e-7 && std(b) < 2e-6, fc + " bias ~N(0, 1e-12): " + std(b));
            }
            double conv = 1 / Math.sqrt(c.channels() * c.patch() * c.patch());
            float[] patch = values(net, vit, "patch.weight");
            assertTrue(maxAbs(patch) <= conv && maxAbs(patch) > 0.98 * conv, "patch weight bound " + maxAbs(patch));
            assertTrue(maxAbs(values(net, vit, "patch.bias")) <= conv, "patch bias bound");
            for (String zero : new String[] {"cls", "pos", "blocks.0.attention_norm.bias", "encoder_norm.bias"}) {
                assertEquals(0, maxAbs(values(net, vit, zero)), zero + " is 0");
            }
            for (float g : values(net, vit, "blocks.3.ffn_norm.weight")) {
                assertEquals(1f, g, "LayerNorm weight 1");
            }
            float[] head = values(net, vit, "pred_head.weight");
            assertTrue(maxAbs(head) <= linear && maxAbs(head) > 0.9 * linear, "head bound " + maxAbs(head));
        }
    }

    @Test
    void savesAndLoadsBitForBit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vit.params");
        try (Net a = BenchArchitecture.VIT.create(5, 0, 11); Net b = BenchArchitecture.VIT.create(5, 0, 12)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(bytes);
            Files.write(file, bytes.toByteArray());
            b.load(file);
            Map<String, Parameter> pa = ((VisionTransformer) a.block()).torchNames();
            Map<String, Parameter> pb = ((VisionTransformer) b.block()).torchNames();
            for (String name : pa.keySet()) {
                assertArrayEquals(pa.get(name).getArray().toFloatArray(), pb.get(name).getArray().toFloatArray(), name);
            }
        }
    }
}
