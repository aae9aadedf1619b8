package org.regsl.bench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regsl.bench.train.Gradients;

/**
 * Releasing a forward pass's intermediates early changes lifetimes, not values: the released
 * sequential block closes what its children made in between (never its input or output), and a
 * training step through it gives DJL's sequential block's output and gradients bit for bit, also
 * when the released arrays are saved by autograd for the backward pass.
 */
class IntermediatesTest {

    private static final Shape INPUT = new Shape(4, 3, 8, 8);

    @Test
    void releaseClosesWhatWasConsumedOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new Shape(2));
            NDArray b = a.add(1f);
            assertSame(b, Intermediates.release(a, b));
            assertTrue(a.isReleased());
            assertFalse(b.isReleased());
            assertSame(b, Intermediates.release(b, b), "an array passed on as it is stays open");
            assertFalse(b.isReleased());
        }
    }

    @Test
    void theSequentialBlockClosesItsIntermediatesButNotItsInputOrOutput() {
        Gradients.offOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> seen = new ArrayList<>();
            Block b = new Intermediates.Sequential().add(x -> keep(seen, x.singletonOrThrow().mul(2f)))
                    .add(x -> keep(seen, x.singletonOrThrow().add(1f))).add(x -> keep(seen, x.singletonOrThrow().neg()));
            b.initialize(m, DataType.FLOAT32, new Shape(3));
            seen.clear(); // a lambda block also runs when its output shape is inferred
            NDArray in = m.create(new float[] {1f, 2f, 3f});
            NDArray out = b.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow();
            assertArrayEquals(new float[] {-3f, -5f, -7f}, out.toFloatArray());
            assertFalse(in.isReleased(), "input");
            assertTrue(seen.get(0).isReleased() && seen.get(1).isReleased(), "intermediates");
            assertSame(seen.get(2), out);
            assertFalse(out.isReleased(), "output");
        }
    }

    @Test
    void trainingThroughReleasedIntermediatesGivesDjlsBits() {
        Gradients.offOnThisThread();
        float[][] djl = step(new SequentialBlock());
        float[][] released = step(new Intermediates.Sequential());
        assertEquals(djl.length, released.length);
        for (int i = 0; i < djl.length; i++) {
            assertArrayEquals(djl[i], released[i], i == 0 ? "output" : "gradient " + i);
        }
    }

    /** Output and the two convolutions' weight gradients of conv-BN-ReLU-conv on fixed data. */
    private static float[][] step(SequentialBlock b) {
        try (NDManager m = NDManager.newBaseManager()) {
            b.add(conv()).add(new BatchNorm()).add(Activation.reluBlock()).add(conv());
            b.setInitializer(new NormalInitializer(0.1f), ai.djl.nn.Parameter.Type.WEIGHT);
            ai.djl.engine.Engine.getInstance().setRandomSeed(7);
            b.initialize(m, DataType.FLOAT32, INPUT);
            NDArray x = m.randomNormal(INPUT);
            float[] out;
            try (Gradients gc = Gradients.collect()) {
                NDArray y = b.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                out = y.toFloatArray();
                gc.backward(y.square().sum());
            }
            List<float[]> r = new ArrayList<>(List.of(out));
            b.getParameters().values().stream().filter(p -> p.getName().equals("weight"))
                    .forEach(p -> r.add(p.getArray().getGradient().toFloatArray()));
            return r.toArray(new float[0][]);
        }
    }

    private static Conv2d conv() {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(3)
                .optBias(false).build();
    }

    private static NDList keep(List<NDArray> seen, NDArray a) {
        seen.add(a);
        return new NDList(a);
    }
}
