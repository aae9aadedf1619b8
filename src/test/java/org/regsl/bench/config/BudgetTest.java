package org.regsl.bench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Budgets built by name hold the numbers the records were made with. */
class BudgetTest {

    @Test
    void theNamedNumbersAreTheRecordedOnes() {
        // the positional values of the issue-11 record (bench, smoke), field by field in declaration order
        assertEquals(new Budget("bench", 3000, 4, 1, 50, 20, 2000, 15, 10, 5, 10, 500, 5, 3), Budget.BENCH);
        assertEquals(new Budget("smoke", 100, 1, 1, 10, 5, 200, 3, 2, 2, 4, 100, 2, 2), Budget.SMOKE);
        assertEquals(Budget.BENCH, Budget.BENCH.toBuilder().build());
        Budget refined = Budget.BENCH.withFineTuning(20, 40, 30);
        assertEquals(20, refined.trainPerClass());
        assertEquals(40, refined.epochs());
        assertEquals(30, refined.lrStepEvery());
        assertEquals(Budget.BENCH.seeds(), refined.seeds());
    }

    @Test
    void aMissingNumberIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Budget.builder("x").sourcePerClass(1).build());
        assertEquals("budget x: 'sourceEpochs' is not set", e.getMessage());
    }
}
