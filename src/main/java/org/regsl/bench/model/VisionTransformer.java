package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.nn.Scalars;

/**
 * The Vision Transformer of the official C7 code (Dosovitskiy et al., ICLR 2021; ViT-pytorch's
 * {@code VisionTransformer}, head renamed {@code pred_head}, REGSL-SPEC 6.4): a patch embedding
 * (a patch x patch convolution with bias, stride patch), a cls token and learned position
 * embeddings (dropout after their sum), pre-norm encoder blocks
 *
 * <pre>
 *   h = x + out(softmax(q k^T / sqrt(d)) v)      q, k, v = separate Linear layers of LN_0(x), per head
 *   x = h + fc2(drop(gelu(fc1(LN_2(h)))))        gelu the exact erf form; dropout after fc2 too
 * </pre>
 *
 * (LayerNorm eps 1e-6, attention dropout 0), the encoder norm, and the head on the cls token.
 * Parameters carry the names the regularizer groups by ({@link LayerGroups}): {@code embeddings} (the
 * patch convolution, the cls token {@code embeddings_cls} and the position embeddings
 * {@code embeddings_pos}), {@code encoder} (the blocks and the encoder norm) and {@code head}. {@link #torchNames} maps ViT-pytorch's names to the parameters.
 */
public final class VisionTransformer extends AbstractBlock {

    /**
     * A configuration.
     *
     * @param hidden width of the tokens
     * @param heads attention heads
     * @param mlp width of the MLP
     * @param layers encoder blocks
     * @param patch patch side (pixels)
     * @param image image side (pixels)
     * @param channels image channels
     * @param dropout dropout after the embeddings and in the MLP (0.1 in the official runs)
     */
    public record Config(int hidden, int heads, int mlp, int layers, int patch, int image, int channels,
            double dropout) {

        /**
         * The bench ViT proposed for C7 (issue 20: patch 7 on 28x28 gray images, 4 blocks, width 64, 4 heads, MLP
         * 128, the official dropout 0.1): 17 tokens, 139,018 parameters in 72 tensors: C7's bench model
         * ({@link BenchArchitecture#VIT}) and {@code regsl bench-step --arch vit}.
         */
        public static final Config BENCH = new Config(64, 4, 128, 4, 7, 28, 1, 0.1);

        /** ViT-B/16 at 224 px, as the official C7 runs (ImageNet-21k checkpoint). */
        public static final Config B16 = new Config(768, 12, 3072, 12, 16, 224, 3, 0.1);

        @Override
        public String toString() {
            return "hidden " + hidden + ", " + heads + " heads, MLP " + mlp + ", " + layers + " blocks, patch " + patch
                    + " on " + image + " px";
        }

        /** Tokens: patches plus the cls token. */
        public int tokens() {
            int g = image / patch;
            return g * g + 1;
        }
    }

    /** The group of the patch embedding, the cls token and the position embeddings (unconstrained). */
    public static final String EMBEDDINGS = "embeddings";

    /** The group of the encoder blocks and the encoder norm (one radius for its 2-D weights in REGSL). */
    public static final String ENCODER = "encoder";

    /** LayerNorm's epsilon in ViT-pytorch. */
    public static final float LAYER_NORM_EPS = 1e-6f;

    private final Config config;
    private final Block patch;
    private final Parameter cls;
    private final Parameter pos;
    private final List<EncoderBlock> blocks = new ArrayList<>();
    private final Encoder encoder;
    private final Block encoderNorm;
    private final Block head;
    private final Map<String, Parameter> torch = new LinkedHashMap<>();

    /** A ViT of {@code config} with a head of {@code classes} outputs. */
    public VisionTransformer(Config config, int classes) {
        this.config = config;
        patch = addChildBlock(EMBEDDINGS, Conv2d.builder().setKernelShape(new Shape(config.patch(), config.patch()))
                .optStride(new Shape(config.patch(), config.patch())).setFilters(config.hidden()).build());
        patch.setInitializer(TorchvisionInit.DEFAULT_CONV_WEIGHT, Parameter.Type.WEIGHT);
        patch.setInitializer(TorchvisionInit.linearBias((long) config.channels() * config.patch() * config.patch()),
                Parameter.Type.BIAS);
        cls = addParameter(Parameter.builder().setName(EMBEDDINGS + "_cls").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, 1, config.hidden())).optInitializer(new ConstantInitializer(0)).build());
        pos = addParameter(Parameter.builder().setName(EMBEDDINGS + "_pos").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, config.tokens(), config.hidden())).optInitializer(new ConstantInitializer(0))
                .build());
        encoder = new Encoder();
        for (int i = 0; i < config.layers(); i++) {
            EncoderBlock b = new EncoderBlock(config);
            blocks.add(b);
            encoder.add(Integer.toString(i), b);
        }
        encoderNorm = encoder.addNorm(layerNorm());
        addChildBlock(ENCODER, encoder);
        Linear fc = Linear.builder().setUnits(classes).build();
        head = addChildBlock(LayerGroups.HEAD, fc);
        fc.setInitializer(TorchvisionInit.LINEAR_WEIGHT, Parameter.Type.WEIGHT);
        fc.setInitializer(TorchvisionInit.linearBias(config.hidden()), Parameter.Type.BIAS);
        torch.put("patch.weight", patch.getParameters().get("weight"));
        torch.put("patch.bias", patch.getParameters().get("bias"));
        torch.put("cls", cls);
        torch.put("pos", pos);
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).name("blocks." + i + ".", torch);
        }
        torch.put("encoder_norm.weight", encoderNorm.getParameters().get("gamma"));
        torch.put("encoder_norm.bias", encoderNorm.getParameters().get("beta"));
        torch.put("pred_head.weight", fc.getParameters().get("weight"));
        torch.put("pred_head.bias", fc.getParameters().get("bias"));
    }

    static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(LAYER_NORM_EPS).build();
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** Every parameter by its ViT-pytorch name ({@code blocks.3.query.weight}, {@code pred_head.bias}). */
    public Map<String, Parameter> torchNames() {
        return Collections.unmodifiableMap(torch);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ForwardTap tap = ForwardTap.in(params);
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        NDArray p = patch.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, H, g, g)
        int h = config.hidden();
        NDArray tokens = p.reshape(b, h, -1).transpose(0, 2, 1); // (B, N, H)
        NDArray c = ps.getValue(cls, x.getDevice(), training).broadcast(new Shape(b, 1, h));
        NDArray e = NDArrays.concat(new NDList(c, tokens), 1).add(ps.getValue(pos, x.getDevice(), training));
        e = tap.at(EMBEDDINGS, dropout(e, training));
        for (int i = 0; i < blocks.size(); i++) {
            e = blocks.get(i).forward(ps, new NDList(e), training).singletonOrThrow();
        }
        e = tap.at(ENCODER, encoderNorm.forward(ps, new NDList(e), training).singletonOrThrow());
        NDArray token = tap.at(ForwardTap.POOLED, e.get(new NDIndex(":, 0")));
        return head.forward(ps, new NDList(token), training);
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training ? DropoutRandom.apply(x, config.dropout()) : x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), config.hidden())});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        patch.initialize(manager, dataType, inputShapes);
        Shape tokens = new Shape(b, config.tokens(), config.hidden());
        encoder.initialize(manager, dataType, tokens);
        head.initialize(manager, dataType, new Shape(b, config.hidden()));
    }

    /** The encoder: its blocks ({@code 0}, {@code 1}, ...) and the encoder norm ({@code norm}); run by the ViT. */
    private static final class Encoder extends AbstractBlock {
        void add(String name, Block b) {
            addChildBlock(name, b);
        }

        Block addNorm(Block norm) {
            return addChildBlock("norm", norm);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            throw new UnsupportedOperationException("the ViT runs its encoder's children itself");
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return s;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... tokens) {
            for (Block c : getChildren().values()) {
                c.initialize(manager, dataType, tokens);
            }
        }
    }

    /** One pre-norm encoder block (ViT-pytorch's {@code Block}). */
    private static final class EncoderBlock extends AbstractBlock {
        private final Config config;
        private final Block attentionNorm;
        private final Block query;
        private final Block key;
        private final Block value;
        private final Block out;
        private final Block ffnNorm;
        private final Block fc1;
        private final Block fc2;

        EncoderBlock(Config config) {
            this.config = config;
            attentionNorm = addChildBlock("attention_norm", layerNorm());
            query = addChildBlock("query", Linear.builder().setUnits(config.hidden()).build());
            key = addChildBlock("key", Linear.builder().setUnits(config.hidden()).build());
            value = addChildBlock("value", Linear.builder().setUnits(config.hidden()).build());
            out = addChildBlock("out", Linear.builder().setUnits(config.hidden()).build());
            ffnNorm = addChildBlock("ffn_norm", layerNorm());
            fc1 = addChildBlock("fc1", Linear.builder().setUnits(config.mlp()).build());
            fc2 = addChildBlock("fc2", Linear.builder().setUnits(config.hidden()).build());
            for (Block attention : List.of(query, key, value, out)) {
                attention.setInitializer(TorchvisionInit.LINEAR_WEIGHT, Parameter.Type.WEIGHT);
                attention.setInitializer(TorchvisionInit.linearBias(config.hidden()), Parameter.Type.BIAS);
            }
            for (Block mlp : List.of(fc1, fc2)) {
                mlp.setInitializer(TorchvisionInit.XAVIER_UNIFORM, Parameter.Type.WEIGHT);
                mlp.setInitializer(TorchvisionInit.MLP_BIAS, Parameter.Type.BIAS);
            }
        }

        void name(String prefix, Map<String, Parameter> names) {
            for (var child : getChildren()) {
                for (var p : child.getValue().getDirectParameters()) {
                    String torchName = switch (p.getKey()) {
                        case "gamma" -> "weight";
                        case "beta" -> "bias";
                        default -> p.getKey();
                    };
                    names.put(prefix + child.getKey().replaceFirst("^\\d+", "") + "." + torchName, p.getValue());
                }
            }
        }

        private NDArray run(Block b, ParameterStore ps, NDArray x, boolean training) {
            return b.forward(ps, new NDList(x), training).singletonOrThrow();
        }

        private NDArray heads(NDArray x, long b, long n) {
            int d = config.hidden() / config.heads();
            return x.reshape(b, n, config.heads(), d).transpose(0, 2, 1, 3);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            long b = x.getShape().get(0);
            long n = x.getShape().get(1);
            NDArray a = run(attentionNorm, ps, x, training);
            NDArray q = heads(run(query, ps, a, training), b, n);
            NDArray k = heads(run(key, ps, a, training), b, n);
            NDArray v = heads(run(value, ps, a, training), b, n);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
            scores = scores.div(Scalars.of(scores, Math.sqrt(config.hidden() / (double) config.heads())));
            NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, n, config.hidden());
            NDArray h = run(out, ps, context, training).add(x);
            NDArray m = Activation.gelu(run(fc1, ps, run(ffnNorm, ps, h, training), training));
            m = drop(m, training);
            m = drop(run(fc2, ps, m, training), training);
            return new NDList(m.add(h));
        }

        private NDArray drop(NDArray x, boolean training) {
            return training ? DropoutRandom.apply(x, config.dropout()) : x;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return s;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... s) {
            for (Block c : List.of(attentionNorm, query, key, value, out, ffnNorm)) {
                c.initialize(manager, dataType, s);
            }
            fc1.initialize(manager, dataType, s);
            fc2.initialize(manager, dataType, new Shape(s[0].get(0), s[0].get(1), config.mlp()));
        }
    }
}
