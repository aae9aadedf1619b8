package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.config.Settings;

/** The paper search's bookkeeping: the grid's configurations, the choice, the results file the cells read. */
class PaperSearchTest {

    @TempDir
    Path dir;

    private static final Path GRID = Settings.projectDir().resolve("expected-results").resolve(PaperSearch.GRID);

    @Test
    void theGridExpandsInFileOrder() {
        assertEquals(List.of("constant-frobenius", "constant-mars", "l2-sp", "distance-proportional"),
                PaperSearch.methods(GRID));
        List<Map<String, Double>> l2sp = PaperSearch.configurations(GRID, "l2-sp");
        assertEquals(List.of(Map.of("alpha", 0.001, "beta", 0.01), Map.of("alpha", 0.01, "beta", 0.01),
                Map.of("alpha", 0.1, "beta", 0.01)), l2sp);
        assertEquals(4, PaperSearch.configurations(GRID, "constant-frobenius").size());
        assertEquals(100, PaperSearch.seed(GRID));
    }

    @Test
    void theBestValidationAccuracyWinsAndTheFirstWinsATie() {
        List<Map<String, Double>> grid = List.of(Map.of("d", 1.0), Map.of("d", 2.0), Map.of("d", 3.0));
        Map<Double, Double> acc = Map.of(1.0, 0.5, 2.0, 0.7, 3.0, 0.7);
        PaperSearch.Choice c = PaperSearch.choose(grid, p -> new PaperSearch.Trial(p, acc.get(p.get("d")),
                "run-" + p.get("d")));
        assertEquals(Map.of("d", 2.0), c.chosen());
        assertEquals(3, c.trials().size());
        assertEquals("run-3.0", c.trials().get(2).runId());
    }

    @Test
    void choicesAreRecordedPerDataSetAndReadBackByTheCells() throws IOException {
        Path results = dir.resolve(PaperSearch.RESULTS);
        assertNull(PaperSearch.chosen(results, "cub-200-2011", "l2-sp", "tiny"), "no search yet: the cell skips");
        ExpectedResults.Provenance prov = new ExpectedResults.Provenance();
        prov.commit = "abc";
        prov.budget = "tiny";
        PaperSearch.Choice l2sp = new PaperSearch.Choice(Map.of("alpha", 0.01, "beta", 0.01),
                List.of(new PaperSearch.Trial(Map.of("alpha", 0.01, "beta", 0.01), 0.61, "r1")));
        PaperSearch.record(results, "cub-200-2011", Map.of("layer1", 0.5, "layer4", 3.0), Map.of("l2-sp", l2sp), prov);
        PaperSearch.Choice frob = new PaperSearch.Choice(Map.of("d", 4.4817, "head", 10.0),
                List.of(new PaperSearch.Trial(Map.of("d", 4.4817, "head", 10.0), 0.7, "r2")));
        PaperSearch.record(results, "flowers-102", Map.of(), Map.of("constant-frobenius", frob), prov);
        assertEquals(0.01, PaperSearch.chosen(results, "cub-200-2011", "l2-sp", "tiny").get("alpha"), "kept beside flowers");
        assertEquals(4.4817, PaperSearch.chosen(results, "flowers-102", "constant-frobenius", "tiny").get("d"));
        assertNull(PaperSearch.chosen(results, "flowers-102", "constant-frobenius", "paper"),
                "a tiny-budget search never drives paper-budget cells");
        assertTrue(PaperSearch.travelled(results, "cub-200-2011", "paper").isEmpty());
        assertNull(PaperSearch.chosen(results, "flowers-102", "l2-sp", "tiny"));
        assertEquals(3.0, PaperSearch.travelled(results, "cub-200-2011", "tiny").get("layer4"));
        String text = Files.readString(results);
        assertTrue(text.contains("trials") && text.contains("provenance") && text.contains("commit: \"abc\""), text);
    }
}
