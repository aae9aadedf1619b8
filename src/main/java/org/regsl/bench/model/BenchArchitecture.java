package org.regsl.bench.model;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The architectures the bench scale fine-tunes, each with how it is built, how source models and
 * runs name it, and the stage groups a per-stage radius addresses:
 *
 * <ul>
 *   <li>{@link #RESNET}: the bench ResNet-8 ({@link SmallResNet}, width {@link Net#WIDTH}) of C1-C6; stages
 *       {@code stage1..3}, radii per stage;
 *   <li>{@link #VIT}: the bench Vision Transformer of C7 ({@link VisionTransformer.Config#BENCH}); one stage,
 *       {@code encoder}, as the official ViT runs use one radius for every 2-D encoder weight (REGSL-SPEC 1.2);
 *   <li>{@link #RESNET12}: the few-shot ResNet-12 of C8 ({@link ResNet12}, bench widths), stages {@code stage1..4};
 *   <li>{@link #MLP}: the three-layer MLP of C9 ({@link Mlp}) on {@link #EMBEDDING_DIM}-d frozen sentence
 *       embeddings, stages {@code layer1..2}.
 * </ul>
 * All bound the head from zero and leave their stem or embeddings free ({@link LayerGroups}).
 */
public enum BenchArchitecture {

    RESNET("SmallResNet(width=" + Net.WIDTH + ")", SmallResNet.STAGES),
    VIT("VisionTransformer(" + VisionTransformer.Config.BENCH + ", dropout " + VisionTransformer.Config.BENCH.dropout()
            + ")", List.of(VisionTransformer.ENCODER)),
    RESNET12("ResNet12(widths=16/32/64/128)", ResNet12.STAGES),
    MLP("Mlp(" + EmbeddingDim.DIM + "-256-128, ReLU)", Mlp.STAGES);

    /** The input dimension of {@link #MLP}: C9's sentence embeddings. */
    public static final int EMBEDDING_DIM = EmbeddingDim.DIM;

    /** Holds the constant an enum constant's initializer can read. */
    private static final class EmbeddingDim {
        static final int DIM = 384;
    }

    private final String description;
    private final List<String> stages;

    BenchArchitecture(String description, List<String> stages) {
        this.description = description;
        this.stages = stages;
    }

    /**
     * A fresh net of this architecture for 1x28x28 images (the MLP: {@link #EMBEDDING_DIM}-d vectors),
     * {@code classes + extraOutputs} head outputs; {@code seed} fixes it.
     */
    public Net create(int classes, int extraOutputs, long seed) {
        return switch (this) {
            case RESNET -> Net.create(classes, extraOutputs, seed);
            case VIT -> Net.of(() -> new VisionTransformer(VisionTransformer.Config.BENCH, classes + extraOutputs),
                    Net.INPUT, classes, extraOutputs, null, seed);
            case RESNET12 -> Net.of(() -> new ResNet12(ResNet12.BENCH_WIDTHS, classes + extraOutputs), Net.INPUT,
                    classes, extraOutputs, null, seed);
            case MLP -> Net.of(() -> new Mlp(Mlp.BENCH_HIDDEN, classes + extraOutputs), new Shape(1, EMBEDDING_DIM),
                    classes, extraOutputs, null, seed);
        };
    }

    /** False for the MLP, whose inputs are embeddings (no pixel range, no image attack). */
    public boolean readsImages() {
        return this != MLP;
    }

    /** The name source models and runs record (the ResNet's is the one recorded before ViTs existed). */
    public String description() {
        return description;
    }

    /** The constrained stage groups, in network order. */
    public List<String> stages() {
        return stages;
    }

    /** The short id in file names and tables ({@code resnet}, {@code vit}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
