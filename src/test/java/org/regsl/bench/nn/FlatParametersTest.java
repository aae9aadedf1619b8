package org.regsl.bench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.regularize.Regularization;
import org.regsl.bench.train.CrossEntropy;
import org.regsl.bench.train.Gradients;
import org.regsl.bench.train.TrainingStep;

/** The flat binding: values kept, parameters aliasing one buffer, gradients gathered in order; the flat AMSGrad's bits. */
class FlatParametersTest {

    @Test
    void bindingKeepsValuesAndMakesEveryParameterAViewOfOneBuffer() {
        Gradients.offOnThisThread();
        try (Net net = Net.create(3, 7)) {
            List<Pair<String, Parameter>> params = net.trainable();
            float[][] before = params.stream().map(p -> p.getValue().getArray().toFloatArray()).toArray(float[][]::new);
            try (FlatParameters flat = FlatParameters.bind(params)) {
                long total = 0;
                for (int i = 0; i < params.size(); i++) {
                    assertArrayEquals(before[i], params.get(i).getValue().getArray().toFloatArray(), params.get(i).getKey());
                    total += before[i].length;
                }
                assertEquals(total, flat.values().size());
                flat.values().subi(1f); // one write to the buffer moves every parameter
                for (int i = 0; i < params.size(); i++) {
                    assertEquals(before[i][0] - 1f, params.get(i).getValue().getArray().toFloatArray()[0], 0f);
                }
                NDArray head = net.parameter("05head_bias"); // an in-place write to a parameter reaches the buffer
                head.set(new NDIndex("..."), net.manager().create(new float[] {5f, 6f, 7f}));
                assertArrayEquals(new float[] {5f, 6f, 7f},
                        flat.values().get(new NDIndex((total - 3) + ":")).toFloatArray());
            }
            assertEquals(before[0][0] - 1f, params.get(0).getValue().getArray().toFloatArray()[0], 0f,
                    "closing the binding leaves the net's values");
        }
    }

    @Test
    void gradientsAreGatheredInParameterOrderAndZeroed() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = parameter(m, "a", new float[] {1f, 2f});
            Parameter b = parameter(m, "b", new float[] {3f, 4f, 5f, 6f}, new Shape(2, 2));
            try (FlatParameters flat = FlatParameters.bind(List.of(new Pair<>("a", a), new Pair<>("b", b)))) {
                try (var gc = Gradients.collect()) {
                    gc.backward(a.getArray().mul(2f).sum().add(b.getArray().square().sum()));
                }
                assertArrayEquals(new float[] {2f, 2f, 6f, 8f, 10f, 12f}, flat.gradients().toFloatArray());
                flat.zeroGradients();
                assertArrayEquals(new float[6], flat.gradients().toFloatArray());
            }
        }
    }

    /**
     * Five steps of the bench net with the flat AMSGrad and with the per-tensor one this suite ran
     * before: every parameter bit-identical (the update is element-wise, the same operations in the
     * same order).
     */
    @Test
    void theFlatAmsGradIsThePerTensorOneBitForBit() {
        float[][] flat = train(AmsGrad::new);
        float[][] perTensor = train(PerTensorAmsGrad::new);
        for (int i = 0; i < flat.length; i++) {
            assertArrayEquals(perTensor[i], flat[i], "parameter " + i);
        }
    }

    private static float[][] train(Function<List<Pair<String, Parameter>>, Optimizer> optimizer) {
        Gradients.offOnThisThread();
        Random rng = new Random(3);
        int batch = 8;
        int[] labels = new int[5 * batch];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(4);
        }
        try (Net net = Net.create(4, 11); CrossEntropy ce = new CrossEntropy(labels);
                Optimizer opt = optimizer.apply(net.trainable())) {
            TrainingStep step = new TrainingStep(ce, List.of(ce), Regularization.NONE, opt);
            for (int s = 0; s < 5; s++) {
                float[] x = new float[batch * 28 * 28];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rng.nextFloat();
                }
                int[] positions = new int[batch];
                for (int i = 0; i < batch; i++) {
                    positions[i] = s * batch + i;
                }
                try (NDManager sub = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                    step.run(net, sub.create(x, new Shape(batch, 1, 28, 28)), positions, 1, 1e-2, null);
                }
            }
            return net.parameters().stream().map(p -> p.getValue().getArray().toFloatArray()).toArray(float[][]::new);
        }
    }

    private static Parameter parameter(NDManager m, String name, float[] values, Shape... shape) {
        NDArray w = shape.length == 0 ? m.create(values) : m.create(values, shape[0]);
        w.setRequiresGradient(true);
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setArray(w);
        return p;
    }
}
