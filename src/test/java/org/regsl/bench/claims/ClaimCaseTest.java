package org.regsl.bench.claims;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.config.Settings;
import org.regsl.bench.report.Ledger;

/** The cell-set check names stale and missing cells; the ledger keeps ids with < and > readable. */
class ClaimCaseTest {

    @TempDir
    Path dir;

    @Test
    void theCellSetCheckNamesStaleAndMissingCells() throws IOException {
        Path copy = Files.copy(Settings.projectDir().resolve("expected-results/c2-layer-distances.yaml"),
                dir.resolve("c2-layer-distances.yaml"));
        ExpectedResultsFile file = ExpectedResultsFile.load(copy);
        List<String> recorded = new ArrayList<>(file.recordedIds("bench"));
        assertTrue(recorded.size() > 10, "the bench record of C2: " + recorded);
        recorded.forEach(id -> ClaimSupport.produce(file, CellId.parse(id)));
        assertNull(ClaimCase.cellSetProblem(file, "bench"), "the same set");

        ExpectedResultsFile other = ExpectedResultsFile.load(copy);
        recorded.subList(1, recorded.size()).forEach(id -> ClaimSupport.produce(other, CellId.parse(id)));
        ClaimSupport.produce(other, CellId.bench("mnist", "stage4", "relative"));
        ClaimSupport.produce(other, CellId.paper("cub-200-2011", "stage1")); // paper cells are never recorded at bench
        String problem = ClaimCase.cellSetProblem(other, "bench");
        assertTrue(problem.contains("stale (recorded, produced by no test): [" + recorded.get(0) + "]"), problem);
        assertTrue(problem.contains("missing (produced, not recorded): [bench/mnist/stage4/relative]"), problem);
        assertTrue(problem.startsWith("c2-layer-distances.yaml (bench budget)"), problem);
    }

    @Test
    void aCaseThatThrowsBeforeItsCheckAndASkippedCaseStillGetTheirLedgerRows() {
        ClaimSupport.CURRENT.set(new ClaimSupport.Current("C9", CellId.bench("mnist", "thrower")));
        new ClaimCase().testFailed(null, new IllegalStateException("source model unreadable"));
        assertTrue(Ledger.rows().stream().anyMatch(r -> r.cell().equals("bench/mnist/thrower")
                && r.verdict().equals("ERROR before its check: java.lang.IllegalStateException: source model unreadable")),
                Ledger.rows().toString());
        Ledger.add(new Ledger.Row("C9", "paper/cub/x", "1.0", "", "", "skipped unless its data set is present"));
        ClaimSupport.CURRENT.set(new ClaimSupport.Current("C9", CellId.paper("cub", "x")));
        new ClaimCase().testAborted(null, new org.opentest4j.TestAbortedException(
                "Assumption failed: data set missing: cub"));
        assertTrue(Ledger.rows().stream().anyMatch(r -> r.cell().equals("paper/cub/x")
                && r.verdict().equals("skipped: data set missing: cub")), Ledger.rows().toString());
        assertNull(ClaimSupport.CURRENT.get());
        Ledger.clear(); // the unit-test JVM writes no ledger of its own
    }

    @Test
    void ledgerCellsKeepTheirAngleBrackets() {
        String md = Ledger.esc("bench/mnist/sigma=1e-2/standard<random | p > 0.05");
        assertTrue(md.equals("bench/mnist/sigma=1e-2/standard&lt;random \\| p &gt; 0.05"), md);
    }
}
