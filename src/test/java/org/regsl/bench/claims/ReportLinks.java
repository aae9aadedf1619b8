package org.regsl.bench.claims;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.ExpectedResultsFile;

/**
 * Where a claim case's evidence lives, as links of the Allure report: its expected-results file
 * (at the cell's line) and its runs' JSON rows. In a GitHub Actions run the file links point at the
 * commit on GitHub; elsewhere they are relative to {@code reports/allure-report/index.html}, so
 * they open from a developer's report as from the project folder.
 */
final class ReportLinks {

    private ReportLinks() {}

    /** The expected-results file of a cell, at the line that names it when found. */
    static String expectedResults(ExpectedResultsFile file, CellId id) {
        String name = file.path().getFileName().toString();
        String server = System.getenv("GITHUB_SERVER_URL");
        String repo = System.getenv("GITHUB_REPOSITORY");
        String sha = System.getenv("GITHUB_SHA");
        if (server != null && repo != null && sha != null) {
            int line = lineOf(file, id); // only a GitHub link can point at a line
            return server + "/" + repo + "/blob/" + sha + "/expected-results/" + name + (line > 0 ? "#L" + line : "");
        }
        return "../../expected-results/" + name;
    }

    /** The JSON row of a run in {@code reports/runs/}. */
    static String runRow(String runId) {
        return "../runs/" + runId.replace('/', '_') + ".json";
    }

    /** The 1-based line of {@code id: <id>} in the file, or 0. */
    static int lineOf(ExpectedResultsFile file, CellId id) {
        try {
            List<String> lines = Files.readAllLines(file.path());
            String bare = "id: " + id;
            String quoted = "id: \"" + id + "\"";
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).trim();
                if (l.endsWith(bare) || l.endsWith(quoted)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
