package org.regsl.bench.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CellIdTest {

    @Test
    void idsRoundTripAndNameTheirParts() {
        CellId c = CellId.paper("mit-indoor-67", "independent-20", "regsl");
        assertEquals("paper/mit-indoor-67/independent-20/regsl", c.toString());
        assertEquals(c, CellId.parse(c.toString()));
        assertEquals("independent-20", c.part(1));
        assertEquals("bench/average/layer-wise>constant-mars",
                CellId.direction("bench", "layer-wise", "constant-mars", "average").toString());
        assertEquals("bench/mnist/standard/sigma=1e-2", CellId.bench("mnist", "standard", "sigma=1e-2").toString());
    }

    @Test
    void malformedIdsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> CellId.parse("bnch/mnist"));
        assertThrows(IllegalArgumentException.class, () -> CellId.bench("mnist/x"));
        assertThrows(IllegalArgumentException.class, () -> CellId.parse("bench//x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellId.bench("a").part(3));
        assertEquals("bench/a has no part 3 (it has 1)", e.getMessage());
    }
}
