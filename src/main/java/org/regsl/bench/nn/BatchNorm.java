package org.regsl.bench.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Batch normalization over the channel axis of an NCHW tensor (Ioffe and Szegedy 2015), as
 * PyTorch's {@code nn.BatchNorm2d} computes it:
 *
 * <pre>
 *   y = gamma (x - mu_B) / sqrt(var_B + eps) + beta           (training: batch statistics)
 *   running = (1 - m) running + m stat_B,  m = 1 - 0.9         (var_B unbiased in the running variance)
 *   y = gamma (x - running_mean) / sqrt(running_var + eps) + beta   (inference)
 * </pre>
 *
 * with eps = 1e-5. It is DJL's {@link ai.djl.nn.norm.BatchNorm} with its defaults (axis 1, momentum 0.9, eps 1e-5,
 * gamma and beta trained): the same parameters with the same names, types and initializers
 * ({@code gamma}, {@code beta}, {@code runningMean}, {@code runningVar}), the same saved bytes
 * (version 2, input shapes, channels, then the four parameters), and the same native batch norm
 * with the same momentum and eps. The one difference is the call: DJL's PyTorch engine wraps the
 * batch norm on axis 1 in two identity {@code swapAxes(1, 1)}, which libtorch records as two
 * transposes and two transpose backward nodes per batch norm and step; PyTorch's kernel normalizes
 * axis 1 itself, so this block calls it directly (the engine's path for axis -1). Same kernel, same
 * inputs, so the same bits ({@code BatchNormTest} compares outputs, running statistics and
 * gradients with DJL's block bit for bit). The class keeps DJL's simple name because a sequential
 * block names its children by it, and so the parameters ({@code 02BatchNorm_gamma}) that layer
 * groups, constraints, checkpoints and caches address.
 */
public final class BatchNorm extends AbstractBlock {

    private static final byte VERSION = 2;
    private static final float MOMENTUM = 0.9f;
    private static final float EPSILON = 1e-5f;
    /** The engine's direct call: libtorch's batch norm normalizes axis 1 of its input. */
    private static final int DIRECT = -1;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long inChannels;

    /** A batch norm over axis 1 with DJL's defaults. */
    public BatchNorm() {
        super(VERSION);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optRequiresGrad(true).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optRequiresGrad(true).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        NDArray g = ps.getValue(gamma, device, training);
        NDArray b = ps.getValue(beta, device, training);
        NDArray mean = ps.getValue(runningMean, device, training);
        NDArray var = ps.getValue(runningVar, device, training);
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, mean, var, g, b, DIRECT, MOMENTUM, EPSILON, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        inChannels = inputShapes[0].size(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        for (Parameter p : new Parameter[] {gamma, beta, runningMean, runningVar}) {
            p.setShape(new Shape(inChannels));
        }
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(inChannels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion == VERSION) {
            readInputShapes(is);
        } else if (loadVersion != 1) {
            throw new MalformedModelException("batch norm: unsupported encoding version " + loadVersion
                    + " (expected 1 or " + VERSION + ")");
        }
        inChannels = is.readLong();
    }
}
