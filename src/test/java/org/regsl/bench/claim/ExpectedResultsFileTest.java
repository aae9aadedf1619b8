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

    /** A paper cell named in two claim files (C5's and C6's REGSL runs) has one reference, the same in both. */
    @Test
    void aPaperCellHasOneReferenceAcrossTheClaimFiles() {
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (Path f : ExpectedResultsFile.claimFiles(Settings.projectDir().resolve("expected-results"))) {
            for (ExpectedResults.Cell c : ExpectedResultsFile.load(f).data().cells) {
                if (!"paper".equals(c.scale)) {
                    continue;
                }
                String ref = c.paper.mean == null ? "absent" : c.paper.mean + " ± " + c.paper.std + " from "
                        + c.paper.source;
                String before = seen.putIfAbsent(c.id, ref);
                assertTrue(before == null || before.equals(ref), c.id + " has two references: " + before + " and "
                        + ref + " (" + f.getFileName() + ")");
            }
        }
        assertTrue(seen.size() > 100, "every claim file's paper cells were read: " + seen.size());
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
        Path f = write(HEAD + "cells:\n  - id: a\n    scale: bench\n    measured:\n      bench:\n"
                + "        values: [1.0, 2.0]\n        seeds: [0]\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertEquals("cx.yaml: field 'cells[0].measured.bench.seeds': needs one seed per value", e.getMessage());
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
        m.std = Math.sqrt(0.03125);
        m.provenance = provenance("smoke", m.seeds);
        file.record("cell/x", "smoke", m);
        ExpectedResults.RecordedVerdict v = verdict(Verdict.NOT_SIGNIFICANT.label());
        file.record("dir/y", "a < b", "paper says so", "smoke", v);
        ExpectedResultsFile again = ExpectedResultsFile.load(file.path());
        assertEquals(List.of(0.5, 0.25), again.measured("cell/x", "smoke").values);
        assertEquals("not significant", again.verdict("dir/y", "smoke").verdict);
    }

    private static ExpectedResults.Measured measured(double v) {
        ExpectedResults.Measured m = new ExpectedResults.Measured();
        m.values = List.of(v);
        m.seeds = List.of(0);
        m.mean = v;
        m.std = 0.0;
        m.provenance = provenance(null, m.seeds);
        return m;
    }

    private static ExpectedResults.RecordedVerdict verdict(String label) {
        ExpectedResults.RecordedVerdict v = new ExpectedResults.RecordedVerdict();
        v.verdict = label;
        v.pValue = 0.5;
        v.provenance = provenance(null, List.of(0));
        return v;
    }

    /** A provenance that passes validation: this repository's HEAD (any hex when git cannot tell), a fingerprint. */
    static ExpectedResults.Provenance provenance(String budget, List<Integer> seeds) {
        ExpectedResults.Provenance p = new ExpectedResults.Provenance();
        String head = Provenances.commit().replaceFirst("-dirty$", "");
        p.commit = head.equals("unknown") ? "0123456789ab" : head;
        p.fingerprint = "0000000000000000/libtorch-2.7.1/1t/cpu()";
        p.budget = budget;
        p.seeds = seeds;
        return p;
    }

    private static final String ENTRY = HEAD + "cells:\n  - id: bench/a\n    scale: bench\n    measured:\n      bench:\n"
            + "        values: [1.0, 2.0]\n        seeds: [0, 1]\n        mean: 1.5\n        std: 0.7071067811865476\n"
            + "        provenance: {commit: COMMIT, fingerprint: f/1t, budget: bench, seeds: [0, 1]}\n";

    private String entry(String from, String to) {
        String head = Provenances.commit().replaceFirst("-dirty$", "");
        return ENTRY.replace("COMMIT", head.equals("unknown") ? "0123456789ab" : head).replace(from, to);
    }

    @Test
    void provenanceIsEnforcedWhenLoading() throws IOException {
        ExpectedResultsFile.load(write(entry("", "")));
        assertRefused(entry(", fingerprint: f/1t", ""), "cells[0].measured.bench.provenance.fingerprint': missing");
        assertRefused(entry("seeds: [0, 1]}", "seeds: [0, 2]}"), "cells[0].measured.bench.provenance.seeds': [0, 2] do"
                + " not match the values' seeds [0, 1]");
        assertRefused(entry("mean: 1.5", "mean: 1.6"), "cells[0].measured.bench.mean': 1.6 does not follow from the"
                + " values (they give 1.5)");
        assertRefused(entry("std: 0.7071067811865476", "std: 0.8"), "cells[0].measured.bench.std'");
        assertRefused(entry("      bench:\n        values", "      paper:\n        values"), "cells[0].measured.paper':"
                + " budget 'paper' is not one of the bench scale's [bench, smoke]");
        assertRefused(entry("budget: bench,", "budget: smoke,"), "provenance.budget': 'smoke' differs");
        assertRefused(entry("commit: ", "commit: x"), "provenance.commit'");
        if (!Provenances.commit().equals("unknown")) {
            assertRefused(entry("commit: ", "commit: 00000000").replaceAll("commit: 00000000[0-9a-f]*", "commit:"
                    + " 0000000000ab"), "is not a commit of this repository");
        }
        assertRefused(HEAD + "directions:\n  - id: d\n    bench:\n      bench: {verdict: holds}\n",
                "directions[0].bench.bench.pValue'");
        assertRefused(HEAD + "directions:\n  - id: d\n    bench:\n      tiny: {verdict: holds, pValue: 0.1}\n",
                "directions[0].bench.tiny': budget 'tiny'");
        assertRefused(HEAD + "directions:\n  - id: d\n    bench:\n      bench: {verdict: holds, pValue: 0.1}\n",
                "directions[0].bench.bench.provenance.commit': missing");
    }

    @Test
    void paperDirectionsLiveUnderDirectionsWithThePapersValue() throws IOException {
        ExpectedResultsFile f = ExpectedResultsFile.load(write(HEAD + "directions:\n  - id: paper/average/a>b\n"
                + "    scale: paper\n    paperValue: {mean: 1.76, source: poster}\n"));
        assertEquals(List.of("paper/average/a>b"), f.paperDirectionIds());
        assertEquals(1.76, f.direction("paper/average/a>b").paperValue.mean);
        assertTrue(f.paperCellIds().isEmpty());
        assertRefused(HEAD + "directions:\n  - id: paper/average/a>b\n    paperValue: {mean: 1.0, source: s}\n",
                "directions[0].scale': an id starting with paper/ needs 'scale: paper'");
        assertRefused(HEAD + "directions:\n  - id: paper/average/a>b\n    scale: paper\n",
                "directions[0].paperValue': a paper-scale cell or direction needs");
        assertRefused(HEAD + "directions:\n  - id: paper/average/a>b\n    scale: paper\n    paperValue: {mean: 1.0}\n",
                "directions[0].paperValue.source': missing");
        assertRefused(HEAD + "directions:\n  - id: bench/a>b\n    paperValue: {mean: 1.0, source: s}\n",
                "directions[0].paperValue': only a paper-scale direction has one");
        assertRefused(HEAD + "directions:\n  - id: bench/a>b\n    scale: bench\n", "directions[0].scale'");
        assertRefused(HEAD + "cells:\n  - id: x\n    scale: paper\n    paper: {absent: no}\ndirections:\n  - id: x\n",
                "directions[0].id': duplicate id 'x'");
    }

    private void assertRefused(String text, String expected) throws IOException {
        Path f = write(text);
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> ExpectedResultsFile.load(f));
        assertTrue(e.getMessage().startsWith("cx.yaml: field '") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theSuiteFamilyCountsEveryClaimFilesCells() throws IOException {
        Files.writeString(dir.resolve("c1.yaml"), entry("", ""));
        Files.writeString(dir.resolve("c2.yaml"), entry("", "").replace("claim: CX", "claim: CY"));
        Files.writeString(dir.resolve("c2-hyperparameters.yaml"), "purpose: not a claim\n");
        assertEquals(2, ExpectedResultsFile.claimFiles(dir).size());
        assertEquals(2, ExpectedResultsFile.suiteCellCount(dir, "bench"));
        assertEquals(1, ExpectedResultsFile.suiteCellCount(dir, "smoke"), "at least one");
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
