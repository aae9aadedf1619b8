package org.regsl.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reproduction ledger: one row per claim cell or direction checked in this JVM, written as
 * {@code reports/REPRODUCTION.md} when the test plan ends. Rows are added by the claim tests.
 */
public final class Ledger {

    /**
     * One line of the ledger.
     *
     * @param claim claim id (C1, C2, ...)
     * @param cell cell or direction id
     * @param paper the paper's value or direction, or why it is absent
     * @param expected the recorded bench value (mean ± std), if any
     * @param measured this run's value (mean ± std), if any
     * @param verdict passed / failed / skipped / recorded, or a direction verdict, with its statistic
     */
    public record Row(String claim, String cell, String paper, String expected, String measured, String verdict) {}

    /**
     * A judged direction, for the scorecard and the forest plots.
     *
     * @param claim claim id
     * @param id direction id
     * @param statement the direction in words
     * @param paper what the paper reports for it
     * @param verdict the Holm-adjusted verdict
     * @param unadjusted the verdict of its test alone
     * @param effect the effect, positive the paper's way round
     * @param lower lower bound of its interval
     * @param upper upper bound
     * @param level the interval's two-sided level (0.90)
     * @param p raw one-sided p of the side the verdict points at
     * @param holm Holm-adjusted p of that side
     * @param familySize how many directions were adjusted together
     * @param paperEffect the poster's value of the effect, or null
     */
    public record Direction(String claim, String id, String statement, String paper, String verdict, String unadjusted,
            double effect, double lower, double upper, double level, double p, double holm, int familySize,
            Double paperEffect) {}

    /** A claim's title and source, for the scorecard. */
    public record Claim(String id, String title, String source) {}

    private static final List<Row> ROWS = new ArrayList<>();
    private static final Map<String, Direction> DIRECTIONS = new java.util.LinkedHashMap<>();
    private static final Map<String, Claim> CLAIMS = new TreeMap<>();

    private Ledger() {}

    /** Adds a row. */
    public static synchronized void add(Row row) {
        ROWS.add(row);
    }

    /** Adds (or replaces) a judged direction. */
    public static synchronized void addDirection(Direction d) {
        DIRECTIONS.put(d.id(), d);
    }

    /** The judged directions so far. */
    public static synchronized List<Direction> directions() {
        return List.copyOf(DIRECTIONS.values());
    }

    /** Registers a claim's title and source (once per claim file). */
    public static synchronized void claim(Claim c) {
        CLAIMS.put(c.id(), c);
    }

    /** Removes a row added earlier (a provisional "skipped" row once the case ran). */
    public static synchronized void remove(Row row) {
        ROWS.remove(row);
    }

    /** The rows so far. */
    public static synchronized List<Row> rows() {
        return List.copyOf(ROWS);
    }

    /** Writes the ledger as Markdown to {@code file}; does nothing when there are no rows. */
    public static synchronized void write(Path file, Map<String, String> header) throws IOException {
        if (ROWS.isEmpty()) {
            return;
        }
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder("# Reproduction ledger\n\n");
        sb.append(Scorecard.markdown(List.copyOf(CLAIMS.values()), List.copyOf(DIRECTIONS.values()), List.copyOf(ROWS),
                file.getParent()));
        sb.append("\n## The run\n\n");
        sb.append("Written by `mvn verify` on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".\n\n");
        header.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("\nPaper values are the poster's (mean ± std over 3 runs) where the paper prints them; a bench cell"
                + " is the bench analog of the paper cell it names. Bench values are mean ± sample std over seeds, recorded"
                + " in `expected-results/` and re-measured by this run. Verdicts of directions: holds / not significant /"
                + " contradicted, each one-sided test at alpha = 0.05 with Holm's adjustment over the claim's directions;"
                + " the interval beside it is the 90 % two-sided interval (the two one-sided 95 % bounds).\n");
        Map<String, List<Row>> byClaim = new TreeMap<>();
        ROWS.stream().sorted(Comparator.comparing(Row::cell)).forEach(r ->
                byClaim.computeIfAbsent(r.claim(), k -> new ArrayList<>()).add(r));
        byClaim.forEach((claim, rows) -> {
            sb.append("\n## ").append(claim).append(" (every cell and direction)\n\n| cell | paper | recorded (bench) | measured | verdict |\n")
                    .append("|---|---|---|---|---|\n");
            for (Row r : rows) {
                sb.append("| ").append(esc(r.cell())).append(" | ").append(esc(r.paper())).append(" | ")
                        .append(esc(r.expected())).append(" | ").append(esc(r.measured())).append(" | ")
                        .append(esc(r.verdict())).append(" |\n");
            }
        });
        Files.writeString(file, sb.toString());
    }

    /** Clears the rows (tests only). */
    public static synchronized void clear() {
        ROWS.clear();
        DIRECTIONS.clear();
        CLAIMS.clear();
    }

    /** A Markdown table cell: pipes escaped, one line, and {@code < >} as entities so renderers show them. */
    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
                .replace("\n", " ");
    }
}
