package org.regsl.bench.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.config.Settings;

/** The expected-results schema: the project's files load; broken files name file and field. */
class ExpectedResultsFileTest {

    private static final String HEAD = "claim: CX\ntitle: t\nsource: s\n"
            + "acceptance: {test: replay-or-pooled-t, alpha: 0.05, atol: 1.0e-9, rtol: 1.0e-6}\n";

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("cx.yaml"), text);
    }

    @Test
    void everyProjectFileLoads() throws IOException {
        try (Stream<Path> files = Files.list(Settings.projectDir().resolve("expected-results"))) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(hyperparameters|design-study|search)\\.yaml"))
                    .toList();
            assertTrue(yamls.size() >= 2);
            yamls.forEach(ExpectedResultsFile::load);
        }
    }

    @Test
    void malformedYamlNamesTheFile() throws IOException {
        Path f = write(HEAD + "cells: [ {id: a\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertTrue(e.getMessage().startsWith("cx.yaml: malformed YAML"), e.getMessage());
    }

    @Test
    void missingAlphaNamesTheField() throws IOException {
        Path f = write("claim: CX\ntitle: t\nsource: s\nacceptance: {test: replay-or-pooled-t, atol: 0.0, rtol: 0.0}\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertTrue(e.getMessage().startsWith("cx.yaml: field 'acceptance.alpha'"), e.getMessage());
    }

    @Test
    void unknownFieldNamesThePath() throws IOException {
        Path f = write(HEAD + "cells:\n  - id: a\n    scale: bench\n    colour: red\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertTrue(e.getMessage().startsWith("cx.yaml: field 'cells[0].colour'"), e.getMessage());
    }

    @Test
    void wrongTypeNamesThePath() throws IOException {
        Path f = write(HEAD + "cells:\n  - id: a\n    scale: paper\n    paper: {mean: lots, source: x}\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertTrue(e.getMessage().startsWith("cx.yaml: field 'cells[0].paper.mean'"), e.getMessage());
    }

    @Test
    void paperCellNeedsValueOrAbsence() throws IOException {
        Path f = write(HEAD + "cells:\n  - id: a\n    scale: paper\n    paper: {source: poster}\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertTrue(e.getMessage().startsWith("cx.yaml: field 'cells[0].paper'"), e.getMessage());
    }

    @Test
    void measuredValuesNeedSeedsAndProvenance() throws IOException {
        Path f = write(HEAD + "cells:\n  - id: a\n    scale: bench\n    bench:\n      bench:\n"
                + "        values: [1.0, 2.0]\n        seeds: [0]\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertEquals("cx.yaml: field 'cells[0].bench.bench.seeds': needs one seed per value", e.getMessage());
    }

    @Test
    void unknownVerdictIsRejected() throws IOException {
        Path f = write(HEAD + "directions:\n  - id: d\n    bench:\n      bench: {verdict: maybe}\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertTrue(e.getMessage().contains("directions[0].bench.bench.verdict"), e.getMessage());
    }

    @Test
    void missingRecordTellsHowToRecord() throws IOException {
        ExpectedResultsFile file = ExpectedResultsFile.load(write(HEAD + "cells:\n  - id: a\n    scale: bench\n"));
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> file.measured("a", "bench"));
        assertTrue(e.getMessage().contains("-Dregsl.record=true"), e.getMessage());
    }

    @Test
    void recordRoundTrips() throws IOException {
        ExpectedResultsFile file = ExpectedResultsFile.load(write(HEAD));
        ExpectedResults.Measured m = new ExpectedResults.Measured();
        m.values = List.of(0.5, 0.25);
        m.seeds = List.of(0, 1);
        m.mean = 0.375;
        m.std = 0.17;
        m.provenance = new ExpectedResults.Provenance();
        m.provenance.commit = "abc";
        file.record("cell/x", "smoke", m);
        ExpectedResults.RecordedVerdict v = new ExpectedResults.RecordedVerdict();
        v.verdict = Verdict.NOT_SIGNIFICANT.label();
        file.record("dir/y", "a < b", "paper says so", "smoke", v);
        ExpectedResultsFile again = ExpectedResultsFile.load(file.path());
        assertEquals(List.of(0.5, 0.25), again.measured("cell/x", "smoke").values);
        assertEquals("not significant", again.verdict("dir/y", "smoke").verdict);
    }

    private static ExpectedResults.Measured measured(double v) {
        ExpectedResults.Measured m = new ExpectedResults.Measured();
        m.values = List.of(v);
        m.seeds = List.of(0);
        m.provenance = new ExpectedResults.Provenance();
        m.provenance.commit = "abc";
        return m;
    }

    private static ExpectedResults.RecordedVerdict verdict(String label) {
        ExpectedResults.RecordedVerdict v = new ExpectedResults.RecordedVerdict();
        v.verdict = label;
        return v;
    }

    @Test
    void statementsStayPerBudgetAndTheBenchOneIsNotOverwritten() throws IOException {
        ExpectedResultsFile f = ExpectedResultsFile.load(write(HEAD));
        f.record("d", "gain 1.32 points", "paper", "bench", verdict("holds"));
        f.record("d", "gain 0.00 points", "paper", "smoke", verdict("not significant"));
        ExpectedResultsFile again = ExpectedResultsFile.load(f.path());
        assertEquals("gain 1.32 points", again.direction("d").statement);
        assertEquals("gain 1.32 points", again.verdict("d", "bench").statement);
        assertEquals("gain 0.00 points", again.verdict("d", "smoke").statement);
    }

    @Test
    void pruningRemovesOnlyThisBudgetsEntriesThatWereNotRecorded() throws IOException {
        ExpectedResultsFile old = ExpectedResultsFile.load(write(HEAD));
        old.record("keep", "bench", measured(1));
        old.record("stale", "bench", measured(2));
        old.record("stale", "smoke", measured(3));
        old.record("gone", "bench", measured(4));
        old.record("old-direction", "s", "p", "bench", verdict("holds"));
        ExpectedResultsFile f = ExpectedResultsFile.load(old.path());
        f.record("keep", "bench", measured(5));
        assertTrue(f.recordedAnything());
        assertEquals(List.of("stale", "gone", "old-direction"), f.pruneStale("bench"));
        ExpectedResultsFile after = ExpectedResultsFile.load(f.path());
        assertEquals(5.0, after.measured("keep", "bench").values.get(0));
        assertEquals(3.0, after.measured("stale", "smoke").values.get(0), "other budgets stay");
        assertEquals(null, after.measuredOrNull("stale", "bench"));
        assertThrows(ExpectedResultsException.class, () -> after.cell("gone"), "a cell with no entry left goes");
        assertThrows(ExpectedResultsException.class, () -> after.direction("old-direction"));
        assertEquals(1, after.benchCellCount("bench"));
        assertEquals(1, after.benchCellCount("smoke"));
    }
}
