package org.regsl.bench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.regsl.bench.train.Gradients;

/**
 * The suite's batch norm against DJL's {@code BatchNorm} with its defaults: the same output, input
 * and parameter gradients, running statistics, inference output, parameter names and saved bytes,
 * bit for bit, over two training steps.
 */
class BatchNormTest {

    private static final Shape INPUT = new Shape(8, 6, 5, 5);

    @Test
    void computesWhatDjlsBatchNormComputesBitForBit() {
        Gradients.offOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            Block djl = ai.djl.nn.norm.BatchNorm.builder().build();
            Block ours = new BatchNorm();
            for (Block b : new Block[] {djl, ours}) {
                b.initialize(m, DataType.FLOAT32, INPUT);
                fill(b, "gamma", 1);
                fill(b, "beta", 2);
            }
            for (int step = 0; step < 2; step++) {
                float[][] a = trainingStep(m, djl, 10 + step);
                float[][] b = trainingStep(m, ours, 10 + step);
                String[] what = {"output", "input gradient", "gamma gradient", "beta gradient"};
                for (int i = 0; i < what.length; i++) {
                    assertArrayEquals(a[i], b[i], what[i] + " at step " + step);
                }
                for (String p : new String[] {"runningMean", "runningVar"}) {
                    assertArrayEquals(values(djl, p), values(ours, p), p + " after step " + step);
                }
            }
            NDArray x = m.create(random(INPUT, 99), INPUT);
            assertArrayEquals(forward(m, djl, x, false).toFloatArray(), forward(m, ours, x, false).toFloatArray(),
                    "inference output");
        }
    }

    @Test
    void keepsDjlsParameterNamesAndSavedBytes() throws Exception {
        Gradients.offOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            Block djl = new SequentialBlock().add(ai.djl.nn.norm.BatchNorm.builder().build());
            Block ours = new SequentialBlock().add(new BatchNorm());
            for (Block b : new Block[] {djl, ours}) {
                b.initialize(m, DataType.FLOAT32, INPUT);
            }
            assertEquals(djl.getParameters().keys(), ours.getParameters().keys());
            fill(djl.getChildren().get(0).getValue(), "gamma", 3);
            byte[] saved = saved(djl);
            assertArrayEquals(saved, saved(fromBytes(m, saved)), "DJL's bytes load into the suite's block and save again");
        }
    }

    @Test
    void refusesAnUnknownEncodingVersionWithAClearError() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = new BatchNorm();
            b.initialize(m, DataType.FLOAT32, INPUT);
            byte[] bytes = saved(b);
            bytes[0] = 7;
            MalformedModelException e = assertThrows(MalformedModelException.class,
                    () -> new BatchNorm().loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes))));
            assertEquals("batch norm: unsupported encoding version 7 (expected 1 or 2)", e.getMessage());
        }
    }

    private static Block fromBytes(NDManager m, byte[] bytes) throws Exception {
        Block b = new SequentialBlock().add(new BatchNorm());
        b.initialize(m, DataType.FLOAT32, INPUT);
        b.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes)));
        return b;
    }

    /** Output, input gradient, gamma gradient and beta gradient of one training forward and backward. */
    private static float[][] trainingStep(NDManager m, Block b, long seed) {
        NDArray x = m.create(random(INPUT, seed), INPUT);
        x.setRequiresGradient(true);
        NDArray weights = m.create(random(INPUT, seed + 100), INPUT);
        float[] y;
        try (Gradients gc = Gradients.collect()) {
            NDArray out = forward(m, b, x, true);
            y = out.toFloatArray();
            gc.backward(out.mul(weights).sum());
        }
        float[][] r = {y, x.getGradient().toFloatArray(), gradient(b, "gamma"), gradient(b, "beta")};
        for (String p : new String[] {"gamma", "beta"}) {
            b.getParameters().get(p).getArray().getGradient().subi(b.getParameters().get(p).getArray().getGradient());
        }
        return r;
    }

    private static NDArray forward(NDManager m, Block b, NDArray x, boolean training) {
        return b.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    private static void fill(Block b, String name, long seed) {
        NDArray a = b.getParameters().get(name).getArray();
        a.set(new ai.djl.ndarray.index.NDIndex("..."), a.getManager().create(random(a.getShape(), seed), a.getShape()));
    }

    private static float[] values(Block b, String name) {
        return b.getParameters().get(name).getArray().toFloatArray();
    }

    private static float[] gradient(Block b, String name) {
        return b.getParameters().get(name).getArray().getGradient().toFloatArray();
    }

    private static byte[] saved(Block b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static float[] random(Shape shape, long seed) {
        Random r = new Random(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
