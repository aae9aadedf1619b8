package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * DropBlock as RFS computes it: the annealed seed probability, blocks reaching down and right from their seed,
 * the N / sum(M) scaling, the seeded generator, and RFS's ResNet-12 at 84 px (640 pooled features).
 */
class DropBlockTest {

    @Test
    void gammaAnnealsAsRfs() {
        DropBlock b = new DropBlock(5, 0.1);
        // RFS: keep = max(1 - 0.1 n / 40000, 0.9); gamma = (1 - keep) / 25 * 10^2 / 6^2
        assertEquals(0.1 * 100 / 40000 / 25 * 100 / 36, b.gamma(100, 10), 1e-15);
        assertEquals(0.1 / 25 * 100 / 36, b.gamma(40_000, 10), 1e-15);
        assertEquals(0.1 / 25 * 100 / 36, b.gamma(90_000, 10), 1e-15, "the rate stops at 0.1");
        assertEquals(0.1 / 25 * 25, b.gamma(60_000, 5), 1e-15, "a 5 x 5 map has one seed position");
    }

    @Test
    void blocksReachDownAndRightFromTheirSeedAndTheMaskIsRescaled() {
        DropBlock b = new DropBlock(2, 0.5);
        DropoutRandom.seed(11);
        float[] m = b.mask(1, 1, 3, 3, 1.0); // every seed of the 2 x 2 grid is set: all nine positions dropped
        assertArrayEquals(new float[9], m, "nothing kept gives zeros, not NaN");
        DropoutRandom.seed(11);
        float[] none = b.mask(2, 3, 4, 4, 0.0);
        for (float v : none) {
            assertEquals(1f, v);
        }
        // one seed by hand: find a generator state whose first draw is the only one set among the 4 seeds
        DropBlock one = new DropBlock(2, 0.5);
        for (long seed = 0; seed < 10_000; seed++) {
            DropoutRandom.seed(seed);
            boolean[] s = DropoutRandom.bernoulli(4, 0.25);
            if (s[0] && !s[1] && !s[2] && !s[3]) {
                DropoutRandom.seed(seed);
                float[] mask = one.mask(1, 1, 3, 3, 0.25);
                float k = 9f / 5f;
                assertArrayEquals(new float[] {0, 0, k, 0, 0, k, k, k, k}, mask, 1e-6f,
                        "the seed at (0, 0) drops rows 0-1 and columns 0-1; the 5 kept scale by 9 / 5");
                return;
            }
        }
        throw new AssertionError("no generator state gave a single seed");
    }

    @Test
    void sameSeedSameMaskAndTheCallCounter() {
        DropBlock b = new DropBlock(5, 0.1);
        DropoutRandom.seed(5);
        float[] a = b.mask(4, 8, 10, 10, 0.05);
        DropoutRandom.seed(5);
        assertArrayEquals(a, b.mask(4, 8, 10, 10, 0.05));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 3, 10, 10));
            assertEquals(x, b.apply(x, false), "inference leaves x as it is");
            b.apply(x, true);
            assertEquals(2, b.calls(), "RFS counts every forward call, training or not");
        }
    }

    @Test
    void rfsResNet12At84PixelsHas640Features() {
        try (Net net = Net.of(() -> new ResNet12(ResNet12.Config.PAPER, 5), new Shape(1, 3, 84, 84), 5, 0, null, 3);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 84, 84));
            assertEquals(new Shape(2, 5), net.forward(x, false).getShape());
            long params = 0;
            for (var p : net.parameters()) {
                if (p.getValue().requiresGradient()) {
                    params += p.getValue().getArray().size();
                }
            }
            // RFS's ResNet-12 backbone: 12.4 M parameters (Tian et al. 2020), plus a 640 x 5 head
            assertTrue(params > 12_300_000 && params < 12_500_000, "parameters: " + params);
        }
    }
}
