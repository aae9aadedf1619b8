package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.regsl.bench.config.Budget;
import org.regsl.bench.data.BenchTasks;

/** Designs refine the bench budget only, keep the pilot's runs unchanged, and name real tasks. */
class DesignTest {

    @Test
    void pilotIsTheBenchBudgetAndKeepsItsRunIds() {
        assertEquals(Budget.BENCH, Design.PILOT.budget(Budget.BENCH));
        assertEquals("bench/", Design.PILOT.runPrefix());
        assertEquals(BenchTasks.TARGETS, Design.PILOT.targets());
    }

    @Test
    void smokeBudgetStaysTinyUnderEveryDesign() {
        for (Design d : Design.ALL) {
            assertEquals(Budget.SMOKE, d.budget(Budget.SMOKE), d.name());
        }
        Budget b = Design.IN_DOMAIN.budget(Budget.BENCH);
        assertEquals(List.of(20, 40, 30), List.of(b.trainPerClass(), b.epochs(), b.lrStepEvery()));
        assertEquals("bench/in-domain/", Design.IN_DOMAIN.runPrefix());
    }

    @Test
    void everyDesignPairsKnownTasks() {
        for (Design d : Design.ALL) {
            for (String t : d.targets()) {
                assertTrue(BenchTasks.ALL_TARGETS.contains(t), d.name() + ": " + t);
                assertTrue(BenchTasks.SOURCES.contains(d.sourceOf(t)), d.name() + ": " + d.sourceOf(t));
            }
        }
    }

    @Test
    void unknownNamesAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Design.named("huge"));
        assertTrue(e.getMessage().contains("unknown design 'huge'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Design.PILOT.sourceOf("digits-novel"));
        assertTrue(e.getMessage().contains("has no target 'digits-novel'"), e.getMessage());
    }
}
