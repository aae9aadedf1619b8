package org.regsl.bench.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.regularize.LayerRadii;

/**
 * The paper-scale hyper-parameters of the official README commands (REGSL-SPEC 1.3, four
 * decimals): the Frobenius radii of the layer-wise constraint per data set (ResNet-101;
 * ChestX-ray14 ResNet-18), where D_layer1 = D_layer2 and each later stage multiplies by the
 * scale factor, and the REGSL settings of the Indoor label-noise runs (ResNet-18, one radius for
 * all four stages). They were found by a search whose space is not in the repository.
 */
public final class PaperHyperparameters {

    /** The stage groups of the paper-scale ResNet, in network order. */
    public static final List<String> STAGES = List.of("layer1", "layer2", "layer3", "layer4");

    /** Per data set: D_layer1..D_layer4, D_head, scale factor (REGSL-SPEC 1.3). */
    private static final Map<String, double[]> LAYER_WISE = new LinkedHashMap<>();

    static {
        LAYER_WISE.put("mit-indoor-67", new double[] {0.1368, 0.1368, 0.3460, 0.8749, 6.4078, 2.5288});
        LAYER_WISE.put("fgvc-aircraft", new double[] {1.1833, 1.1833, 1.5108, 1.9290, 5.2771, 1.2768});
        LAYER_WISE.put("cub-200-2011", new double[] {0.2044, 0.2044, 0.9685, 4.5887, 23.7851, 4.7380});
        LAYER_WISE.put("caltech-256", new double[] {0.0868, 0.0868, 0.1023, 0.1206, 9.4553, 1.1786});
        LAYER_WISE.put("stanford-cars", new double[] {1.3340, 1.3340, 4.6381, 16.1257, 8.2694, 3.4768});
        LAYER_WISE.put("stanford-dogs", new double[] {0.0561, 0.0561, 0.0891, 0.1414, 4.4628, 1.5872});
        LAYER_WISE.put("flowers-102", new double[] {0.1320, 0.1320, 0.6573, 3.2736, 10.7674, 4.9801});
        // the head radius is unused in the official ChestX-ray code (its head is named fc): infinite here
        LAYER_WISE.put("chestx-ray14", new double[] {5.7286, 5.7286, 5.9234, 6.1248, Double.POSITIVE_INFINITY, 1.0340});
    }

    /**
     * REGSL's label-noise settings on Indoor (ResNet-18) per independent noise rate.
     *
     * @param regExtractor radius of every stage
     * @param regPredictor radius of the head (from zero)
     * @param reweightEpoch E_r
     * @param temperature T0
     * @param correctEpoch E_c
     * @param threshold p0
     */
    public record NoiseSettings(double regExtractor, double regPredictor, int reweightEpoch, double temperature,
            int correctEpoch, double threshold) {

        /** The constraint's radii: {@code regExtractor} on every stage (scale factor 1, pitfall 2). */
        public LayerRadii radii() {
            Map<String, Double> m = new LinkedHashMap<>();
            STAGES.forEach(s -> m.put(s, regExtractor));
            return new LayerRadii(m, regPredictor, "REGSL-SPEC 1.3 label noise: D " + regExtractor + ", head "
                    + regPredictor);
        }
    }

    private static final Map<Integer, NoiseSettings> NOISE = Map.of(
            20, new NoiseSettings(7.8025, 14.0774, 5, 2.0, 10, 0.9),
            40, new NoiseSettings(8.4714, 19.0191, 5, 2.0, 10, 0.9),
            60, new NoiseSettings(10.7576, 19.8158, 5, 2.0, 10, 0.9),
            80, new NoiseSettings(9.2032, 6.4157, 5, 1.5, 10, 0.9));

    private PaperHyperparameters() {}

    /** The data sets with layer-wise radii. */
    public static List<String> datasets() {
        return List.copyOf(LAYER_WISE.keySet());
    }

    /** The layer-wise radii of REGSL on {@code dataset}. */
    public static LayerRadii layerWise(String dataset) {
        double[] r = LAYER_WISE.get(dataset);
        if (r == null) {
            throw new IllegalArgumentException("no paper-scale radii for '" + dataset + "' (known: "
                    + LAYER_WISE.keySet() + ")");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < STAGES.size(); k++) {
            m.put(STAGES.get(k), r[k]);
        }
        return new LayerRadii(m, r[4], String.format("REGSL-SPEC 1.3 %s: D %.4f, scale %.4f, head %.4f", dataset, r[0],
                r[5], r[4]));
    }

    /** The REGSL label-noise settings at independent noise {@code percent} (20, 40, 60, 80). */
    public static NoiseSettings labelNoise(int percent) {
        NoiseSettings s = NOISE.get(percent);
        if (s == null) {
            throw new IllegalArgumentException("no paper-scale label-noise settings at " + percent + " % (20/40/60/80)");
        }
        return s;
    }
}
