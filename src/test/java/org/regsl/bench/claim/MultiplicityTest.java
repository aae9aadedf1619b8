package org.regsl.bench.claim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Holm's procedure and the families of directions, on hand-computed cases. */
class MultiplicityTest {

    @Test
    void holmAdjustsByHand() {
        // sorted 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> monotone 0.06)
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(p), 1e-12);
        boolean[] r = Holm.reject(p, 0.05);
        assertTrue(r[0] && !r[1] && !r[2] && r[3]);
        // capped at 1; a single p is unchanged; an empty family is empty
        assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.6, 0.7}), 1e-12);
        assertArrayEquals(new double[] {0.2}, Holm.adjust(new double[] {0.2}), 1e-12);
        assertEquals(0, Holm.adjust(new double[0]).length);
        // strict: an adjusted p equal to alpha is not a rejection
        assertTrue(!Holm.reject(new double[] {0.025, 0.9}, 0.05)[0]);
        assertTrue(Holm.reject(new double[] {0.0249, 0.9}, 0.05)[0]);
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {0.1, 1.2}));
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {Double.NaN}));
    }

    @Test
    void holmIsTheReadmeExample() {
        // the example: REGSL's p 0.031 and 0.009 do not survive Holm over C5's 11 (first threshold 0.05 / 11)
        double[] p = {0.031, 0.009, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        boolean[] r = Holm.reject(p, 0.05);
        for (boolean x : r) {
            assertTrue(!x);
        }
        assertEquals(0.099, Holm.adjust(p)[1], 1e-12);
    }

    private static Statistics.DirectionTest gains(double... g) {
        return Statistics.above(g, 0, 0.05);
    }

    @Test
    void aFamilyAdjustsItsVerdicts() {
        AtomicInteger calls = new AtomicInteger();
        DirectionFamily f = new DirectionFamily("C9 directions", 0.05)
                .add("bench/a", 1.5, () -> { calls.incrementAndGet(); return gains(1, 2, 3); }) // p 0.037
                .add("bench/b", null, () -> gains(5, 5.1, 4.9, 5.05)) // p tiny
                .add("bench/c", null, () -> gains(-5, -5.1, -4.9, -5.05)) // contradicted, p tiny
                .add("bench/d", null, () -> gains(-1, 1, 0.5)); // not significant
        DirectionFamily.Judged a = f.judge("bench/a");
        assertEquals(Verdict.HOLDS, a.unadjusted());
        assertEquals(Verdict.NOT_SIGNIFICANT, a.verdict(), "p 0.037 does not survive Holm over 4 hypotheses");
        assertEquals(1.5, a.paperEffect());
        assertEquals(4, a.size());
        assertEquals("C9 directions", a.family());
        assertEquals(a.test().pPaper(), a.rawP());
        assertTrue(a.adjustedP() >= a.rawP());
        assertEquals(Verdict.HOLDS, f.judge("bench/b").verdict());
        DirectionFamily.Judged c = f.judge("bench/c");
        assertEquals(Verdict.CONTRADICTED, c.verdict());
        assertEquals(c.test().pOther(), c.rawP(), "a contradiction reports the other side's p");
        assertEquals(c.holmOther(), c.adjustedP());
        assertEquals(Verdict.NOT_SIGNIFICANT, f.judge("bench/d").verdict());
        assertEquals(1, calls.get(), "every test is computed once");
        assertEquals(List.of("bench/a", "bench/b", "bench/c", "bench/d"), f.ids());
        assertEquals(4, f.all().size());
        assertEquals("C9 directions: 4 directions, Holm at alpha 0.05", f.describe());
        assertThrows(IllegalArgumentException.class, () -> f.judge("bench/e"));
        assertThrows(IllegalStateException.class, () -> f.add("bench/e", null, () -> gains(1, 2)));
    }

    @Test
    void aFamilyRefusesDuplicatesAndNamesAnUntestableDirection() {
        DirectionFamily f = new DirectionFamily("F", 0.05).add("bench/x", null, () -> gains(1, 2));
        assertThrows(IllegalArgumentException.class, () -> f.add("bench/x", null, () -> gains(1, 2)));
        DirectionFamily g = new DirectionFamily("G", 0.05).add("bench/one-seed", null, () -> gains(0.0001));
        UntestableException e = assertThrows(UntestableException.class, () -> g.judge("bench/one-seed"));
        assertTrue(e.getMessage().startsWith("bench/one-seed: ") && e.getMessage().contains("at least two values"),
                e.getMessage());
        assertEquals("G: 1 direction, Holm at alpha 0.05", g.describe());
        assertEquals(0.05, g.alpha());
        assertEquals("G", g.name());
    }

    @Test
    void aFamilyOfOneIsTheUnadjustedTest() {
        DirectionFamily f = new DirectionFamily("one", 0.05).add("bench/a", null, () -> gains(1, 2, 3));
        assertEquals(Verdict.HOLDS, f.judge("bench/a").verdict());
        assertEquals(f.judge("bench/a").rawP(), f.judge("bench/a").adjustedP(), 0);
    }
}
