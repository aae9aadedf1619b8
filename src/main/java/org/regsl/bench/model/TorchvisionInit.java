package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's initialization of a torchvision ResNet and of the new head the official code attaches
 * (torchvision 0.14 {@code resnet.py}, PyTorch {@code nn.Linear.reset_parameters}):
 *
 * <ul>
 *   <li>convolution weights: {@code kaiming_normal_(mode='fan_out', nonlinearity='relu')}, i.e.
 *       N(0, 2 / fan_out) with fan_out = out_channels x kh x kw ({@link #CONV_WEIGHT});
 *   <li>BatchNorm: weight 1, bias 0, running mean 0, running variance 1 (DJL's defaults);
 *   <li>a linear layer ({@code nn.Linear}): weight {@code kaiming_uniform_(a=sqrt(5))}, i.e.
 *       U(-1/sqrt(fan_in), 1/sqrt(fan_in)) since gain sqrt(2 / (1 + a^2)) times sqrt(3 / fan_in) is
 *       1/sqrt(fan_in) ({@link #LINEAR_WEIGHT}); bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)) ({@link #linearBias}).
 * </ul>
 *
 * For the Vision Transformer, ViT-pytorch's rules ({@code modeling.py}): its attention's query, key, value
 * and output layers are plain {@code nn.Linear} ({@link #LINEAR_WEIGHT}, {@link #linearBias}); its MLP layers
 * get {@code xavier_uniform_} weights, U(-a, a) with a = sqrt(6 / (fan_in + fan_out)) ({@link #XAVIER_UNIFORM}),
 * and biases {@code normal_(std=1e-6)} ({@link #MLP_BIAS}); the patch convolution is a default
 * {@code nn.Conv2d}: weight {@code kaiming_uniform_(a=sqrt(5))}, i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with
 * fan_in = in_channels x kh x kw ({@link #DEFAULT_CONV_WEIGHT}), bias the same bound ({@link #linearBias} of
 * that fan-in); LayerNorm weight 1 and bias 0; the cls token and position embeddings start at 0.
 *
 * <p>Draws come from the engine's generator, so {@code Engine.setRandomSeed} fixes them. The
 * distributions are PyTorch's; the numbers are libtorch's own stream through DJL, not those of a
 * Python run with the same seed.
 */
public final class TorchvisionInit {

    private TorchvisionInit() {}

    /** N(0, 2 / fan_out) for an (out, in, kh, kw) convolution kernel. */
    public static final Initializer CONV_WEIGHT = (NDManager m, Shape shape, DataType type) -> {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("a convolution kernel is (out, in, kh, kw), got " + shape);
        }
        long fanOut = shape.get(0) * shape.get(2) * shape.get(3);
        return m.randomNormal(0f, (float) Math.sqrt(2.0 / fanOut), shape, type);
    };

    /** U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for an (out, in) linear weight. */
    public static final Initializer LINEAR_WEIGHT = (NDManager m, Shape shape, DataType type) -> {
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("a linear weight is (out, in), got " + shape);
        }
        return uniform(m, shape, type, shape.get(1));
    };

    /** U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in x kh x kw, for an (out, in, kh, kw) kernel: nn.Conv2d's default. */
    public static final Initializer DEFAULT_CONV_WEIGHT = (NDManager m, Shape shape, DataType type) -> {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("a convolution kernel is (out, in, kh, kw), got " + shape);
        }
        return uniform(m, shape, type, shape.get(1) * shape.get(2) * shape.get(3));
    };

    /** U(-a, a), a = sqrt(6 / (fan_in + fan_out)), for an (out, in) linear weight: {@code xavier_uniform_}. */
    public static final Initializer XAVIER_UNIFORM = (NDManager m, Shape shape, DataType type) -> {
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("a linear weight is (out, in), got " + shape);
        }
        float a = (float) Math.sqrt(6.0 / (shape.get(0) + shape.get(1)));
        return m.randomUniform(-a, a, shape, type);
    };

    /** The standard deviation of ViT-pytorch's MLP biases. */
    public static final double MLP_BIAS_STD = 1e-6;

    /** N(0, (1e-6)^2) for the bias of a ViT MLP layer. */
    public static final Initializer MLP_BIAS = (NDManager m, Shape shape, DataType type) ->
            m.randomNormal(0f, (float) MLP_BIAS_STD, shape, type);

    /** U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for the bias of a linear layer with {@code fanIn} inputs. */
    public static Initializer linearBias(long fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan-in must be positive, got " + fanIn);
        }
        return (NDManager m, Shape shape, DataType type) -> uniform(m, shape, type, fanIn);
    }

    private static NDArray uniform(NDManager m, Shape shape, DataType type, long fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return m.randomUniform(-bound, bound, shape, type);
    }
}
