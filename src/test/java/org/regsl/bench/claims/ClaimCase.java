package org.regsl.bench.claims;

import io.qameta.allure.Allure;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.config.Settings;
import org.regsl.bench.report.Ledger;

/**
 * What every claim case shares around its body:
 * <ul>
 *   <li>its report name is the case's own ("C3 direction · average · layer-wise > constant-mars"),
 *       not the Java method signature in front of it;
 *   <li>a case that throws after naming its cell ({@link ClaimSupport#begin}) but before its check
 *       still gets its ledger row, with the exception;
 *   <li>after the class, when every test method of it ran at the bench scale outside record mode:
 *       the cells and directions it produced must be those recorded in its expected-results file
 *       for this budget; stale (recorded, produced by no test) and missing (produced, not recorded)
 *       ids are named.
 * </ul>
 */
public final class ClaimCase implements BeforeEachCallback, TestWatcher, AfterAllCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        String name = context.getDisplayName();
        Allure.getLifecycle().updateTestCase(r -> r.setName(name));
        ClaimSupport.CURRENT.remove();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ClaimSupport.Current c = ClaimSupport.CURRENT.get();
        ClaimSupport.CURRENT.remove();
        if (c == null || Ledger.rows().stream().anyMatch(r -> r.claim().equals(c.claim())
                && r.cell().equals(c.id().toString()))) {
            return;
        }
        Ledger.add(new Ledger.Row(c.claim(), c.id().toString(), "", "", "", "ERROR before its check: " + cause));
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        ClaimSupport.CURRENT.remove();
    }

    /** A skipped case's ledger row names the reason it was skipped for (data, weights, search, scale...). */
    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        ClaimSupport.Current c = ClaimSupport.CURRENT.get();
        ClaimSupport.CURRENT.remove();
        if (c == null) {
            return;
        }
        Ledger.rows().stream().filter(r -> r.claim().equals(c.claim()) && r.cell().equals(c.id().toString())
                        && r.verdict().startsWith("skipped"))
                .findFirst().ifPresent(r -> {
                    Ledger.remove(r);
                    Ledger.add(new Ledger.Row(r.claim(), r.cell(), r.paper(), r.expected(), r.measured(),
                            "skipped: " + String.valueOf(cause.getMessage()).replaceFirst("^Assumption failed: ", "")));
                });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Class<?> claimClass = context.getRequiredTestClass();
        if (!Settings.scale().equals("bench") || Settings.recordMode() || !ReportListener.wholeClassPlanned(claimClass)) {
            return;
        }
        StringBuilder problems = new StringBuilder();
        ClaimSupport.LOADED.forEach((file, cls) -> {
            if (cls.equals(claimClass)) {
                Optional.ofNullable(cellSetProblem(file, Settings.budgetName())).ifPresent(problems::append);
            }
        });
        if (problems.length() > 0) {
            throw new AssertionError(problems.toString());
        }
    }

    /**
     * What differs between the ids {@code file}'s tests produced and those recorded for
     * {@code budget}, or null when they are the same set.
     */
    static String cellSetProblem(ExpectedResultsFile file, String budget) {
        Set<String> produced = ClaimSupport.produced(file);
        Set<String> recorded = file.recordedIds(budget);
        Set<String> stale = new LinkedHashSet<>(recorded);
        stale.removeAll(produced);
        Set<String> missing = new LinkedHashSet<>(produced);
        missing.removeAll(recorded);
        missing.removeIf(id -> CellId.parse(id).scale().equals("paper"));
        if (stale.isEmpty() && missing.isEmpty()) {
            return null;
        }
        return file.path().getFileName() + " (" + budget + " budget): the tests and the record differ;"
                + (stale.isEmpty() ? "" : " stale (recorded, produced by no test): " + stale + ";")
                + (missing.isEmpty() ? "" : " missing (produced, not recorded): " + missing + ";")
                + " record again (-Dregsl.record=true) or fix the test. ";
    }
}
