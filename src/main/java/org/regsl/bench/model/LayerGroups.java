package org.regsl.bench.model;

import java.util.List;

/**
 * The layer groups the paper's regularizer addresses by substring of a parameter name
 * (REGSL-SPEC 1.1), for every architecture of the suite: the bench {@link SmallResNet}
 * ({@code stem}, {@code stage1..3}, {@code head}), the paper-scale {@link ResNet}
 * ({@code stem}, {@code layer1..4}, {@code head}) and the {@link VisionTransformer} ({@code embeddings},
 * {@code encoder}, {@code head}). One place for the naming rule.
 */
public final class LayerGroups {

    /** Every group name either architecture uses; a parameter belongs to the first it contains. */
    public static final List<String> ALL =
            List.of("stem", "stage1", "stage2", "stage3", "stage4", "layer1", "layer2", "layer3", "layer4", "embeddings", "encoder",
                    "head");

    /**
     * The groups no distance constraint touches: the ResNets' stem (REGSL-SPEC 1.2) and the ViT's
     * patch embedding, cls token and position embeddings (REGSL-SPEC 1.2 "ViT").
     */
    public static final List<String> UNCONSTRAINED = List.of("stem", "embeddings");

    /** The group of the new, randomly initialized classifier. */
    public static final String HEAD = "head";

    private LayerGroups() {}

    /** The layer group a parameter name belongs to. */
    public static String groupOf(String parameterName) {
        for (String g : ALL) {
            if (parameterName.contains(g)) {
                return g;
            }
        }
        throw new IllegalArgumentException("parameter '" + parameterName + "' is in no layer group");
    }

    /** True when the parameter belongs to the head. */
    public static boolean isHead(String parameterName) {
        return groupOf(parameterName).equals(HEAD);
    }

    /**
     * True for a bias or BN beta: the shifts that no regularizer of the paper touches (REGSL-SPEC
     * 1.2 and 1.4 skip names containing "bias"; beta is DJL's name for BN's bias).
     */
    public static boolean isShift(String parameterName) {
        return parameterName.endsWith("bias") || parameterName.endsWith("beta");
    }
}
