package org.regsl.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tools' command line: help, usage errors, the fixture and the report summary. */
class RegslTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEverySubcommandAndAUsageErrorIsExitCode2() {
        CommandLine cl = Regsl.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        for (String sub : List.of("fetch", "design-study", "search", "noise-study", "fixture", "report")) {
            assertTrue(out.toString().contains(sub), sub + " in\n" + out);
        }
        CommandLine again = Regsl.commandLine();
        again.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, again.execute("fetchh"));
        assertEquals(2, Regsl.commandLine().execute("search"), "search needs its design");
    }

    @Test
    void theFixtureCommandWritesBothLayoutsAndWeights() {
        assertEquals(0, Regsl.commandLine().execute("fixture", dir.toString()));
        assertTrue(Files.isDirectory(dir.resolve("CUB_200_2011")));
        assertTrue(Files.isRegularFile(dir.resolve("weights/resnet18-imagenet.safetensors")));
        assertTrue(Files.isRegularFile(dir.resolve("weights/resnet18-robust.safetensors")));
    }

    @Test
    void theReportCountsLedgerRowsPerClaim() {
        String summary = ReportSummary.ofLedger(List.of("# Reproduction ledger", "", "## Scorecard", "",
                "| claim | the poster says | bench verdicts | headline direction (bench) | paper scale |",
                "| C1 | t | holds 1 | x | 18 not run (paper scale not selected) |", "## C1 (every cell and direction)", "",
                "| cell | paper | recorded (bench) | measured | verdict |", "|---|---|---|---|---|",
                "| bench/mnist/sigma=1e-2/standard&lt;random | x \\| y | holds | holds | replay: paired t |",
                "| paper/cub/random | 1 | | | skipped unless its data set |",
                "| paper/cub/pretrained | 1 | | 2 | measured without a reference: the tiny budget |",
                "## C3 (every cell and direction)", "| bench/mnist/l2-sp | | 1 | 2 | FAILED (out of tolerance) |"));
        assertEquals("C1: {measured without a reference (not a pass)=1, passed=1, skipped=1}\nC3: {failed=1}", summary);
        assertEquals("bench/smoke", ReportSummary.scaleAndBudget("bench_smoke_pilot_mnist_standard_source-0_fine-tuning_seed-0@1a2b3c4d.json"));
    }
}
