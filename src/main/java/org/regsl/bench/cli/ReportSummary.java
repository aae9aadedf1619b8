package org.regsl.bench.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of a reproduction ledger ({@code reports/REPRODUCTION.md}): per claim, rows by outcome. */
final class ReportSummary {

    private ReportSummary() {}

    /** The outcome class of a ledger verdict cell. */
    static String outcome(String verdict) {
        String v = verdict.trim();
        if (v.startsWith("FAILED") || v.startsWith("VERDICT") || v.startsWith("ERROR")) {
            return "failed";
        }
        if (v.startsWith("recorded")) {
            return "recorded";
        }
        if (v.startsWith("skipped")) {
            return "skipped";
        }
        if (v.startsWith(org.regsl.bench.report.Scorecard.MEASURED_WITHOUT_REFERENCE)) {
            return "measured without a reference (not a pass)";
        }
        if (v.startsWith("verdict differs")) {
            return "passed (verdict differs on this platform)";
        }
        return "passed";
    }

    /** One line per claim: its rows by outcome. */
    static String ofLedger(List<String> lines) {
        Map<String, Map<String, Integer>> byClaim = new TreeMap<>();
        String claim = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                String heading = line.substring(3).trim();
                claim = heading.endsWith(" (every cell and direction)")
                        ? heading.substring(0, heading.length() - " (every cell and direction)".length()) : null;
            } else if (claim != null && line.startsWith("| ") && !line.startsWith("| cell ")) {
                String[] cells = line.split("(?<!\\\\)\\|");
                if (cells.length >= 6) {
                    byClaim.computeIfAbsent(claim, k -> new TreeMap<>()).merge(outcome(cells[5]), 1, Integer::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        byClaim.forEach((c, counts) -> sb.append(c).append(": ").append(counts).append('\n'));
        return sb.toString().strip();
    }

    /** {@code scale/budget} of a run row's file name ({@code bench_smoke_pilot_...json}). */
    static String scaleAndBudget(String fileName) {
        String[] p = fileName.split("_");
        return p.length > 2 ? p[0] + "/" + p[1] : "other";
    }
}
