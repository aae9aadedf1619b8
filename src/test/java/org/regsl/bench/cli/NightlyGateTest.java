package org.regsl.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly gate fails a group that ran nothing at paper scale, or whose headline direction did not run. */
class NightlyGateTest {

    @TempDir
    Path dir;

    private static NightlyGate.Case c(String name, String status, String message) {
        return new NightlyGate.Case(name, status, message);
    }

    @Test
    void aGroupWhoseCellsAllSkippedFails() {
        List<String> p = NightlyGate.problems(List.of(
                c("C1 paper · paper/cub-200-2011/random/sigma=1e-2", "skipped", "weights missing: ..."),
                c("C1 paper · paper/cub-200-2011/pretrained/sigma=1e-2", "skipped", "no GPU: ...")));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("every one of the 2 paper-scale cases was skipped") && p.get(0)
                .contains("weights missing"), p.get(0));
    }

    @Test
    void measuredWithoutAReferenceRanAndAPassingGroupPasses() {
        assertEquals(List.of(), NightlyGate.problems(List.of(
                c("C1 paper · a", "skipped", "measured without a reference: record it ..."),
                c("C1 paper · b", "skipped", "data set missing: ..."))));
        assertEquals(List.of(), NightlyGate.problems(List.of(c("C5 paper · a", "passed", "consistent with the paper"),
                c("C5 paper direction · paper/average/regsl>mean-of-baselines", "passed", "verdict: holds"))));
    }

    @Test
    void aSkippedHeadlineDirectionFailsEvenWhenCellsRan() {
        List<String> p = NightlyGate.problems(List.of(c("C3 paper · paper/cub-200-2011/fine-tuning", "passed", null),
                c("C3 paper direction · paper/average/layer-wise>constant-frobenius", "skipped",
                        "data set missing: stanford-dogs")));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("headline direction did not run: C3 paper direction"), p.get(0));
    }

    @Test
    void noPaperCaseAtAllFails() {
        assertTrue(NightlyGate.problems(List.of(c("C1 bench · mnist · standard · sigma 1e-2", "passed", null)))
                .get(0).contains("no paper-scale case"));
        assertTrue(!NightlyGate.problems(List.of()).isEmpty());
    }

    @Test
    void readsAllureResultsAndTheCommandExitsOneOnAFailedGate() throws IOException {
        Files.writeString(dir.resolve("a-result.json"), "{\"name\": \"C1 paper · x\", \"status\": \"skipped\","
                + " \"statusDetails\": {\"message\": \"no GPU: the paper scale needs CUDA\"}}");
        Files.writeString(dir.resolve("b-container.json"), "{}");
        List<NightlyGate.Case> cases = NightlyGate.read(dir);
        assertEquals(List.of(c("C1 paper · x", "skipped", "no GPU: the paper scale needs CUDA")), cases);
        assertEquals(1, Regsl.commandLine().execute("gate", "--results", dir.toString()));
        Files.writeString(dir.resolve("c-result.json"), "{\"name\": \"C1 paper · y\", \"status\": \"passed\"}");
        assertEquals(0, Regsl.commandLine().execute("gate", "--results", dir.toString()));
    }
}
