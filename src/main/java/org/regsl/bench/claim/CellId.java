package org.regsl.bench.claim;

import java.util.Arrays;
import java.util.List;

/**
 * The id of a table cell or a direction in {@code expected-results/}: a scale ({@code bench} or
 * {@code paper}) and its path parts, written {@code scale/part/part...}; a direction's last part
 * is {@code better>worse}. Built and read here only, so no claim concatenates or splits ids.
 *
 * @param scale {@code bench} or {@code paper}
 * @param parts the path below the scale, e.g. {@code [mnist, layer-wise]}
 */
public record CellId(String scale, List<String> parts) {

    public CellId {
        if (!scale.equals("bench") && !scale.equals("paper")) {
            throw new IllegalArgumentException("a cell id starts with bench or paper, not '" + scale + "'");
        }
        parts = List.copyOf(parts);
        for (String p : parts) {
            if (p.isEmpty() || p.contains("/")) {
                throw new IllegalArgumentException("a cell id part is non-empty and has no '/': '" + p + "' in " + parts);
            }
        }
    }

    /** A bench cell, e.g. {@code bench("mnist", "layer-wise")}. */
    public static CellId bench(String... parts) {
        return new CellId("bench", Arrays.asList(parts));
    }

    /** A paper-scale cell. */
    public static CellId paper(String... parts) {
        return new CellId("paper", Arrays.asList(parts));
    }

    /** A direction: {@code context} parts, then {@code better>worse}. */
    public static CellId direction(String scale, String better, String worse, String... context) {
        List<String> p = new java.util.ArrayList<>(Arrays.asList(context));
        p.add(better + ">" + worse);
        return new CellId(scale, p);
    }

    /** Reads an id written by {@link #toString()}. */
    public static CellId parse(String id) {
        String[] p = id.split("/", -1);
        return new CellId(p[0], Arrays.asList(p).subList(1, p.length));
    }

    /** Part {@code i} below the scale (0-based); an error naming the id when it has fewer. */
    public String part(int i) {
        if (i >= parts.size()) {
            throw new IllegalArgumentException(this + " has no part " + i + " (it has " + parts.size() + ")");
        }
        return parts.get(i);
    }

    @Override
    public String toString() {
        return scale + "/" + String.join("/", parts);
    }
}
