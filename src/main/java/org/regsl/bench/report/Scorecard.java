package org.regsl.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The top of {@code REPRODUCTION.md}: per poster claim, what the poster says, the bench verdicts
 * of its directions (Holm-adjusted, with effect and interval) and the paper-scale status (compared
 * with the paper, compared with a record, measured without a reference, or not run and why); then
 * a forest plot per claim (PNG beside the ledger) and each direction's line.
 */
public final class Scorecard {

    private Scorecard() {}

    /** The scorecard's Markdown; writes {@code forest-<claim>.png} into {@code dir}. */
    public static String markdown(List<Ledger.Claim> claims, List<Ledger.Direction> directions, List<Ledger.Row> rows,
            Path dir) throws IOException {
        Map<String, List<Ledger.Direction>> byClaim = new TreeMap<>();
        directions.forEach(d -> byClaim.computeIfAbsent(d.claim(), k -> new ArrayList<>()).add(d));
        Map<String, Ledger.Claim> titles = new TreeMap<>();
        claims.forEach(c -> titles.put(c.id(), c));
        java.util.Set<String> ids = new java.util.TreeSet<>(titles.keySet());
        ids.addAll(byClaim.keySet());
        rows.forEach(r -> ids.add(r.claim()));
        StringBuilder sb = new StringBuilder("## Scorecard\n\n");
        sb.append("Each poster claim: its bench directions' verdicts (one-sided t-tests at alpha 0.05, Holm-adjusted over"
                + " the claim's directions; effect positive = the paper's way round, with its 90 % interval) and what"
                + " happened at paper scale. *holds* is the only verdict that reproduces a direction.\n\n");
        sb.append("| claim | the poster says | bench verdicts | headline direction (bench) | paper scale |\n");
        sb.append("|---|---|---|---|---|\n");
        for (String id : ids) {
            List<Ledger.Direction> ds = byClaim.getOrDefault(id, List.of());
            Ledger.Claim c = titles.get(id);
            sb.append("| ").append(id).append(" | ").append(Ledger.esc(c == null ? "" : c.title())).append(" | ")
                    .append(Ledger.esc(counts(ds))).append(" | ").append(Ledger.esc(headline(ds))).append(" | ")
                    .append(Ledger.esc(paperStatus(id, rows))).append(" |\n");
        }
        for (Map.Entry<String, List<Ledger.Direction>> e : byClaim.entrySet()) {
            String claim = e.getKey();
            List<Ledger.Direction> ds = e.getValue();
            String png = "forest-" + claim + ".png";
            Files.write(dir.resolve(png), forest(claim, ds));
            sb.append("\n### ").append(claim).append(" directions\n\n![").append(claim).append(" forest plot](")
                    .append(png).append(")\n\n");
            for (Ledger.Direction d : ds) {
                sb.append("- ").append(Ledger.esc(d.id())).append(": **").append(d.verdict()).append("** ")
                        .append(effect(d)).append(d.unadjusted().equals(d.verdict()) ? ""
                                : " (unadjusted: " + d.unadjusted() + ")")
                        .append(d.paperEffect() == null ? "" : String.format(Locale.ROOT, "; poster %+.2f",
                                d.paperEffect()))
                        .append(" — ").append(Ledger.esc(d.statement())).append('\n');
            }
        }
        return sb.toString();
    }

    /** The forest plot of one claim's directions. */
    public static byte[] forest(String claim, List<Ledger.Direction> ds) {
        return Charts.forest(claim + ": effect of each direction with its 90 % interval (Holm-adjusted verdicts in the"
                + " ledger)", "the claim's units", ds.stream().map(d -> new Charts.ForestRow(shortLabel(d.id()),
                        d.effect(), d.lower(), d.upper(), d.paperEffect())).toList());
    }

    /** "+1.23 [90 % CI +0.50, +1.96], p 0.004, Holm 0.02 over 15". */
    static String effect(Ledger.Direction d) {
        return String.format(Locale.ROOT, "%+.3g [%.0f %% CI %+.3g, %+.3g], p %.2g, Holm %.2g over %d", d.effect(),
                100 * d.level(), d.lower(), d.upper(), d.p(), d.holm(), d.familySize());
    }

    private static String shortLabel(String id) {
        return id.replaceFirst("^bench/", "").replaceFirst("^paper/", "paper ");
    }

    private static String counts(List<Ledger.Direction> ds) {
        if (ds.isEmpty()) {
            return "no bench direction";
        }
        Map<String, Long> n = new LinkedHashMap<>();
        for (String v : List.of("holds", "not significant", "contradicted")) {
            n.put(v, ds.stream().filter(d -> d.verdict().equals(v)).count());
        }
        return n.entrySet().stream().filter(x -> x.getValue() > 0).map(x -> x.getKey() + " " + x.getValue())
                .collect(Collectors.joining(" · ")) + " (of " + ds.size() + ")";
    }

    /**
     * The claim's headline direction: an average the poster gives a number for (C3's +1.76, C5's
     * +3.56), else any direction with a poster value, else the first; with its verdict and effect.
     */
    private static String headline(List<Ledger.Direction> ds) {
        if (ds.isEmpty()) {
            return "";
        }
        Ledger.Direction d = ds.stream().filter(x -> x.paperEffect() != null && x.id().contains("/average/"))
                .findFirst().orElse(ds.stream().filter(x -> x.paperEffect() != null).findFirst().orElse(ds.get(0)));
        return d.id().replaceFirst("^bench/", "") + ": " + d.verdict() + " " + effect(d)
                + (d.paperEffect() == null ? "" : String.format(Locale.ROOT, " (poster %+.2f)", d.paperEffect()));
    }

    /** How the claim's paper cells ended: compared, measured without a reference, skipped (by reason). */
    static String paperStatus(String claim, List<Ledger.Row> rows) {
        Map<String, Integer> n = new TreeMap<>();
        rows.stream().filter(r -> r.claim().equals(claim) && r.cell().startsWith("paper/")).forEach(r -> {
            String v = r.verdict();
            String kind = v.startsWith("skipped: ") ? "not run (" + v.substring(9).split(":")[0] + ")"
                    : v.startsWith(MEASURED_WITHOUT_REFERENCE) ? MEASURED_WITHOUT_REFERENCE
                    : v.startsWith("consistent with the paper") ? "consistent with the paper"
                    : v.startsWith("differs from the paper") ? "DIFFERS FROM THE PAPER"
                    : v.startsWith("recorded") ? "recorded"
                    : v.startsWith("passed") || v.startsWith("replay") || v.startsWith("portable") ? "compared with its record"
                    : v.split("[:(]")[0].trim();
            n.merge(kind, 1, Integer::sum);
        });
        if (n.isEmpty()) {
            return "no paper cell in this run";
        }
        return n.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(" · "));
    }

    /** The outcome of a cell or direction that ran but had nothing to be compared with. */
    public static final String MEASURED_WITHOUT_REFERENCE = "measured without a reference";
}
