package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.LayerGroups;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.ResNet;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.regularize.FrobeniusConstraint;
import org.regsl.bench.regularize.LayerRadii;

/** The paper-scale radii as transcribed, and the constraint on the paper-scale ResNet's groups. */
class PaperHyperparametersTest {

    @Test
    void radiiGrowByTheScaleFactorFromLayer2On() {
        for (String d : PaperHyperparameters.datasets()) {
            LayerRadii r = PaperHyperparameters.layerWise(d);
            double s = r.radius("layer3") / r.radius("layer2");
            assertEquals(r.radius("layer1"), r.radius("layer2"), 1e-12, d);
            assertEquals(s, r.radius("layer4") / r.radius("layer3"), 2e-3 * s, d + ": layer4 / layer3");
            assertEquals(scaleOf(r), s, 2e-3 * s, d + ": the scale factor of the table, " + r.scheme());
        }
        for (String d : PaperHyperparameters.datasets()) { // the registry's official layout gives the transcribed radii
            LayerRadii listed = PaperHyperparameters.layerWise(d);
            LayerRadii official = org.regsl.bench.method.Methods.get("layer-wise").radii(
                    PaperHyperparameters.layerWiseParams(d), PaperHyperparameters.STAGES, java.util.Map.of());
            for (String stage : PaperHyperparameters.STAGES) {
                assertEquals(listed.radius(stage), official.radius(stage), 6e-4 * listed.radius(stage) + 1e-4,
                        d + " " + stage);
            }
            assertEquals(listed.head(), official.head());
        }
        assertEquals(7.8025, PaperHyperparameters.labelNoise("independent-20", "regsl").get("d"));
        assertEquals(1.5, PaperHyperparameters.labelNoise("independent-80", "regsl").get("temperature"));
        assertEquals(Double.POSITIVE_INFINITY, PaperHyperparameters.layerWise("chestx-ray14").head());
        assertEquals(8, PaperHyperparameters.datasets().size());
        assertThrows(IllegalArgumentException.class, () -> PaperHyperparameters.labelNoise("independent-30", "regsl"));
    }

    private static double scaleOf(LayerRadii r) {
        String s = r.scheme();
        return Double.parseDouble(s.substring(s.indexOf("scale ") + 6, s.indexOf(", head")));
    }

    @Test
    void theFrobeniusConstraintBindsEveryResNetStageAndTheHeadButNotTheStem() {
        try (Net net = Net.of(new ResNet(ResNet.Depth.RESNET18, 4), new Shape(1, 3, 32, 32), 4, Device.cpu(), 5);
                WeightSnapshot ref = WeightSnapshot.of(net)) {
            LayerRadii radii = PaperHyperparameters.layerWise("cub-200-2011");
            net.parameter(net.trainable().stream().map(Pair::getKey).filter(n -> n.contains("head")
                    && n.endsWith("weight")).findFirst().orElseThrow()).muli(100f); // push the head outside D_head
            for (Pair<String, Parameter> p : net.trainable()) {
                NDArray w = p.getValue().getArray();
                w.addi(w.getManager().randomNormal(0f, 0.5f, w.getShape(), w.getDataType()));
            }
            String stemConv = net.trainable().get(0).getKey();
            byte[] stemBefore = net.parameter(stemConv).toByteArray();
            new FrobeniusConstraint(ref, radii).project(net);
            assertArrayEquals(stemBefore, net.parameter(stemConv).toByteArray(), "stem untouched");
            int checked = 0;
            for (Pair<String, Parameter> p : net.trainable()) {
                String name = p.getKey();
                NDArray w = p.getValue().getArray();
                if (w.getShape().dimension() < 2) {
                    continue;
                }
                String group = LayerGroups.groupOf(name);
                if (group.equals("head")) {
                    assertEquals(radii.head(), w.norm().getFloat(), 1e-4 * radii.head(), name + ": on D_head from zero");
                } else if (!group.equals("stem")) {
                    double d = w.sub(ref.array(name)).norm().getFloat();
                    assertEquals(radii.radius(group), d, 1e-4 * radii.radius(group), name);
                    checked++;
                }
            }
            assertEquals(19, checked); // 16 block convs + 3 downsample convs of ResNet-18
        }
    }

    @Test
    void benchRadiiOnTheResNetAreRefusedNamingTheGroup() {
        try (Net net = Net.of(new ResNet(ResNet.Depth.RESNET18, 4), new Shape(1, 3, 32, 32), 4, Device.cpu(), 5);
                WeightSnapshot ref = WeightSnapshot.of(net)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new FrobeniusConstraint(ref, LayerRadii.constant(1, 1)).project(net));
            assertTrue(e.getMessage().contains("layer1"), e.getMessage());
        }
    }
}
