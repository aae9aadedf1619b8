package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.regularize.LayerRadii;

/**
 * The paper-scale hyper-parameters of the official README commands (REGSL-SPEC 1.3, four
 * decimals), read from {@code expected-results/paper-hyperparameters.yaml}: the Frobenius radii of
 * the layer-wise constraint per data set (ResNet-101; ChestX-ray14 ResNet-18), where D_layer1 =
 * D_layer2 and each later stage multiplies by the scale factor, and the REGSL settings of the
 * Indoor label-noise runs (ResNet-18, one radius for all four stages). They were found by a
 * search whose space is not in the repository.
 */
public final class PaperHyperparameters {

    /** The file of the values. */
    public static final String FILE = "paper-hyperparameters.yaml";

    /** The stage groups of the paper-scale ResNet, in network order. */
    public static final List<String> STAGES = List.of("layer1", "layer2", "layer3", "layer4");

    private static volatile HyperparameterYaml yaml;

    private PaperHyperparameters() {}

    /** The file, parsed once per JVM (every paper cell reads it). */
    private static HyperparameterYaml yaml() {
        HyperparameterYaml y = yaml;
        if (y == null) {
            y = HyperparameterYaml.of(FILE);
            yaml = y;
        }
        return y;
    }

    /** The data sets with layer-wise radii. */
    public static List<String> datasets() {
        List<String> out = new java.util.ArrayList<>();
        yaml().object("layer-wise").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The layer-wise radii of REGSL on {@code dataset}. */
    public static LayerRadii layerWise(String dataset) {
        HyperparameterYaml y = yaml();
        MethodParams p = layerWiseParams(dataset); // an unknown data set is an error naming the known ones
        double d = p.get("d");
        double head = p.get("head");
        double scale = p.get("scale");
        String field = "layer-wise." + dataset;
        JsonNode n = y.object(field);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("layer1", d);
        m.put("layer2", d);
        m.put("layer3", y.number(n.path("layer3"), field + ".layer3"));
        m.put("layer4", y.number(n.path("layer4"), field + ".layer4"));
        return new LayerRadii(m, head, String.format("REGSL-SPEC 1.3 %s: D %.4f, scale %.4f, head %.4f", dataset, d,
                scale, head));
    }

    /**
     * REGSL's layer-wise constraint on {@code dataset} as the official command passes it: d
     * ({@code reg_extractor}), scale ({@code scale_factor}) and the head radius, for the method
     * registry's official layout (the transcribed per-stage values are documentation; the test
     * checks they agree to four decimals).
     */
    public static MethodParams layerWiseParams(String dataset) {
        HyperparameterYaml y = yaml();
        if (!y.object("layer-wise").has(dataset)) {
            throw new IllegalArgumentException("no paper-scale radii for '" + dataset + "' (known: " + datasets() + ")");
        }
        String field = "layer-wise." + dataset;
        JsonNode n = y.object(field);
        return new MethodParams("layer-wise", Map.of("d", y.number(n.path("d"), field + ".d"), "scale",
                y.number(n.path("scale"), field + ".scale"), "head", y.number(n.path("head"), field + ".head")));
    }

    /**
     * The values of {@code method} on the multi-label {@code dataset} (C4): none for fine-tuning,
     * the official layer-wise radii for layer-wise, {@code fixed-regularization.<method>} for DELTA and
     * BSS, {@code multi-label.<dataset>.<method>} otherwise.
     */
    public static MethodParams multiLabel(String dataset, String method) {
        if (method.equals("fine-tuning")) {
            return MethodParams.none(method);
        }
        if (method.equals("layer-wise")) {
            return layerWiseParams(dataset);
        }
        if (isFixedRegularization(method)) {
            return fixedRegularization(method);
        }
        return yaml().params("multi-label." + dataset + "." + method, method);
    }

    /** True if {@code method}'s C3 and C4 values are fixed by its reference ({@code fixed-regularization.<method>}). */
    public static boolean isFixedRegularization(String method) {
        return yaml().root().path("fixed-regularization").has(method);
    }

    /** The fixed C3 values of {@code method} ({@code fixed-regularization.<method>}: DELTA, BSS). */
    public static MethodParams fixedRegularization(String method) {
        return yaml().params("fixed-regularization." + method, method);
    }

    /** True if the file has C7's ViT-B/16 hyper-parameters of {@code method} under the noise {@code setting}. */
    public static boolean hasVitLabelNoise(String setting, String method) {
        return yaml().object("vit-label-noise").path(setting).has(method);
    }

    /**
     * C7's hyper-parameters of {@code method} for ViT-B/16 on Indoor under the noise {@code setting}
     * ({@code vit-label-noise.<setting>.<method>}: one radius {@code d} for every 2-D encoder weight, {@code head}
     * from zero, the schedule as absolute epochs of the official 30).
     */
    public static MethodParams vitLabelNoise(String setting, String method) {
        if (!hasVitLabelNoise(setting, method)) {
            throw new IllegalArgumentException(FILE + ": no ViT hyper-parameters for " + method + " at " + setting
                    + " (field 'vit-label-noise." + setting + "." + method + "')");
        }
        return yaml().params("vit-label-noise." + setting + "." + method, method);
    }

    /** True if the file has C8's values for {@code shots}-shot episodes ({@code few-shot.<k>-shot}). */
    public static boolean hasFewShot(int shots) {
        return yaml().object("few-shot").has(shots + "-shot");
    }

    /**
     * C8's values for {@code shots}-shot episodes ({@code few-shot.<k>-shot}: {@code steps}, {@code lr}, and the
     * layer-wise rule's {@code f}, {@code gamma}, {@code h}; {@link FewShotValues}).
     */
    public static FewShotValues fewShot(int shots) {
        if (!hasFewShot(shots)) {
            throw new IllegalArgumentException(FILE + ": no few-shot values for " + shots + "-shot episodes (field"
                    + " 'few-shot." + shots + "-shot')");
        }
        String field = "few-shot." + shots + "-shot";
        return FewShotValues.of(FILE + ": field '" + field + "'", yaml().numbers(field));
    }

    /** True if the file has hyper-parameters of {@code method} under the noise {@code setting}. */
    public static boolean hasLabelNoise(String setting, String method) {
        return yaml().object("label-noise").path(setting).has(method);
    }

    /** The hyper-parameters of {@code method} on Indoor under the noise {@code setting} (independent-20/40/60/80). */
    public static MethodParams labelNoise(String setting, String method) {
        HyperparameterYaml y = yaml();
        if (!hasLabelNoise(setting, method)) {
            throw new IllegalArgumentException(FILE + ": no paper-scale hyper-parameters for " + method + " at "
                    + setting + " (field 'label-noise." + setting + "." + method + "')");
        }
        return y.params("label-noise." + setting + "." + method, method);
    }
}
