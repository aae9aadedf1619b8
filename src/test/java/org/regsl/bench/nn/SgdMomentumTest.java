package org.regsl.bench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regsl.bench.train.Gradients;
import org.regsl.bench.train.LrPolicy;

/** SGD with momentum and weight decay as torch.optim.SGD, and reproduce-chexnet's plateau rule, by hand. */
class SgdMomentumTest {

    @Test
    void threeStepsMatchTheHandComputedPyTorchUpdate() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(w);
            double[] ref = {1, -2};
            double[] buf = new double[2];
            double lr = 0.1;
            double mu = 0.9;
            double wd = 0.1;
            try (SgdMomentum opt = new SgdMomentum(List.of(new Pair<>("w", p)), mu, wd)) {
                // the optimizer bound the parameter to its flat buffer: the array is a new view now
                for (int step = 0; step < 3; step++) {
                    try (GradientCollector gc = Gradients.collect()) {
                        gc.backward(p.getArray().mul(p.getArray()).sum().mul(0.5f)); // gradient = w
                    }
                    opt.step(lr);
                    for (int i = 0; i < 2; i++) {
                        double g = ref[i] + wd * ref[i];
                        buf[i] = step == 0 ? g : mu * buf[i] + g;
                        ref[i] -= lr * buf[i];
                    }
                    float[] got = p.getArray().toFloatArray();
                    assertEquals(ref[0], got[0], 1e-6, "step " + step);
                    assertEquals(ref[1], got[1], 1e-6, "step " + step);
                    assertArrayEquals(new float[2], p.getArray().getGradient().toFloatArray(), "gradient zeroed");
                }
            }
        }
    }

    @Test
    void thePlateauRuleLowersTheRateResetsTheOptimizerAndStops() {
        LrPolicy p = LrPolicy.plateau(0.01, 3);
        double[] losses = {1.0, 0.9, 0.95, 0.96, 0.97};
        LrPolicy.Decision[] want = {LrPolicy.Decision.CONTINUE, LrPolicy.Decision.CONTINUE,
            LrPolicy.Decision.NEW_OPTIMIZER, LrPolicy.Decision.NEW_OPTIMIZER, LrPolicy.Decision.STOP};
        double[] lrBefore = {0.01, 0.01, 0.01, 0.001, 0.0001};
        for (int e = 1; e <= losses.length; e++) {
            assertEquals(lrBefore[e - 1], p.lr(e), 1e-15, "epoch " + e);
            assertEquals(want[e - 1], p.afterEpoch(e, losses[e - 1]), "epoch " + e);
        }
        LrPolicy again = LrPolicy.plateau(0.01, 3);
        again.afterEpoch(1, 1.0);
        assertEquals(LrPolicy.Decision.CONTINUE, again.afterEpoch(2, 1.0), "equal is not above the best");
    }
}
