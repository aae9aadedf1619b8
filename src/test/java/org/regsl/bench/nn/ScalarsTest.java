package org.regsl.bench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.regsl.bench.train.Gradients;

/**
 * A scalar operand that autograd saves must survive the garbage collector between the forward and
 * the backward pass: collect, refill freed native memory with another value, then differentiate.
 */
class ScalarsTest {

    @Test
    void savedScalarsSurviveACollectionBeforeTheBackwardPass() throws Exception {
        float[] mul = gradientAfterCollection((w, m) -> w.mul(Scalars.of(w, 0.5)).sum());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, mul, "d/dw sum(0.5 w)");
        float[] max = gradientAfterCollection((w, m) -> w.maximum(Scalars.of(w, 0)).sum());
        assertArrayEquals(new float[] {1f, 0f, 1f}, max, "d/dw sum(max(w, 0))");
    }

    /** The gradient of {@code f} at (1, -2, 3), after collections and a refill of freed small blocks with 7s. */
    static float[] gradientAfterCollection(BiFunction<NDArray, NDManager, NDArray> f) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f, 3f});
            w.setRequiresGradient(true);
            try (var gc = Gradients.collect()) {
                NDArray loss = f.apply(w, m);
                for (int round = 0; round < 3; round++) {
                    System.gc();
                    Thread.sleep(20); // the cleaner thread frees unreachable direct buffers
                    List<ByteBuffer> fill = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                        b.putFloat(0, 7f);
                        fill.add(b);
                    }
                    fill.clear();
                }
                gc.backward(loss);
            }
            return w.getGradient().toFloatArray();
        }
    }
}
