package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The paper-scale ResNet starts as torchvision's: each rule's empirical spread on large tensors
 * within a few percent of its formula, bounds exact, BatchNorm 1 / 0.
 */
class TorchvisionInitTest {

    @Test
    void resnetFollowsTorchvisionRules() {
        ResNet resnet = new ResNet(ResNet.Depth.RESNET18, 1000);
        try (Net net = Net.of(resnet, new Shape(1, 3, 32, 32), 1000, Device.cpu(), 7)) {
            // layer4.0.conv1: 512 x 256 x 3 x 3 = 1.2M draws of N(0, 2 / fan_out), fan_out = 512 x 9 (fan_in is 256 x 9)
            double sigma = Math.sqrt(2.0 / (512 * 9));
            float[] conv = net.parameter(name(resnet, "layer4.0.conv1.weight")).toFloatArray();
            assertEquals(sigma, std(conv), 0.02 * sigma, "conv std");
            assertEquals(0, mean(conv), 0.01 * sigma, "conv mean");
            // the stem: 64 x 3 x 7 x 7, fan_out = 64 x 49 (not fan_in = 3 x 49)
            float[] stem = net.parameter(name(resnet, "conv1.weight")).toFloatArray();
            assertEquals(Math.sqrt(2.0 / (64 * 49)), std(stem), 0.05 * Math.sqrt(2.0 / (64 * 49)), "stem std");
            // head: 1000 x 512 weights and 1000 biases U(-1/sqrt(512), 1/sqrt(512))
            double bound = 1 / Math.sqrt(512);
            float[] w = net.parameter(name(resnet, "fc.weight")).toFloatArray();
            assertTrue(maxAbs(w) <= bound && maxAbs(w) > 0.99 * bound, "head weight bound " + maxAbs(w));
            assertEquals(bound / Math.sqrt(3), std(w), 0.02 * bound / Math.sqrt(3), "head weight std");
            float[] b = net.parameter(name(resnet, "fc.bias")).toFloatArray();
            assertTrue(maxAbs(b) <= bound && maxAbs(b) > 0.9 * bound, "head bias bound " + maxAbs(b));
            assertEquals(bound / Math.sqrt(3), std(b), 0.1 * bound / Math.sqrt(3), "head bias std");
            for (String bn : new String[] {"bn1", "layer2.0.bn2", "layer3.0.downsample.1"}) {
                assertTrue(all(net.parameter(name(resnet, bn + ".weight")).toFloatArray(), 1f), bn + " weight 1");
                assertTrue(all(net.parameter(name(resnet, bn + ".bias")).toFloatArray(), 0f), bn + " bias 0");
            }
        }
    }

    @Test
    void sameSeedSameWeights() {
        ResNet a = new ResNet(ResNet.Depth.RESNET18, 5);
        ResNet b = new ResNet(ResNet.Depth.RESNET18, 5);
        try (Net na = Net.of(a, new Shape(1, 3, 32, 32), 5, Device.cpu(), 3);
                Net nb = Net.of(b, new Shape(1, 3, 32, 32), 5, Device.cpu(), 3)) {
            for (String key : new String[] {"layer1.0.conv1.weight", "fc.weight", "fc.bias"}) {
                assertTrue(Arrays.equals(na.parameter(name(a, key)).toFloatArray(), nb.parameter(name(b, key)).toFloatArray()), key);
            }
        }
    }

    /** The DJL parameter name of a torchvision key. */
    private static String name(ResNet resnet, String torchvisionKey) {
        var target = resnet.torchvisionNames().get(torchvisionKey);
        return resnet.getParameters().stream().filter(p -> p.getValue() == target).findFirst().orElseThrow().getKey();
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double mu = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - mu) * (x - mu);
        }
        return Math.sqrt(s / v.length);
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static boolean all(float[] v, float value) {
        for (float x : v) {
            if (x != value) {
                return false;
            }
        }
        return true;
    }
}
