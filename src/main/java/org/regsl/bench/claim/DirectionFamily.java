package org.regsl.bench.claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The directions of one claim, judged together so that the family-wise error over them stays at
 * alpha: each direction's one-sided test ({@link Statistics.DirectionTest}) gives a p-value for
 * the paper's side and one for the opposite side; Holm's procedure ({@link Holm}) over the m
 * paper-side p-values decides {@code holds}, and over the m opposite-side p-values decides
 * {@code contradicted} (each family of m one-sided hypotheses at alpha); otherwise the verdict is
 * {@code not significant}. The tests are computed once, on the first look-up, from suppliers that
 * read finished runs; a supplier that fails names its direction.
 */
public final class DirectionFamily {

    /**
     * One direction's judgement.
     *
     * @param id the direction id
     * @param test its own test
     * @param verdict the Holm-adjusted verdict (the one a claim reports and records)
     * @param holmPaper Holm-adjusted p of the paper's side
     * @param holmOther Holm-adjusted p of the opposite side
     * @param paperEffect the poster's value of the effect (same units and orientation), or null
     * @param family the family's name
     * @param size how many directions the family has
     */
    public record Judged(String id, Statistics.DirectionTest test, Verdict verdict, double holmPaper, double holmOther,
            Double paperEffect, String family, int size) {

        /** The verdict without multiplicity adjustment. */
        public Verdict unadjusted() {
            return test.unadjusted();
        }

        /** The raw one-sided p of the side the verdict points at (the paper's side unless contradicted). */
        public double rawP() {
            return verdict == Verdict.CONTRADICTED ? test.pOther() : test.pPaper();
        }

        /** The Holm-adjusted p of that side. */
        public double adjustedP() {
            return verdict == Verdict.CONTRADICTED ? holmOther : holmPaper;
        }
    }

    private record Member(Double paperEffect, Supplier<Statistics.DirectionTest> test) {}

    private final String name;
    private final double alpha;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private Map<String, Judged> judged;

    /** An empty family called {@code name} (e.g. "C5 directions") at level {@code alpha}. */
    public DirectionFamily(String name, double alpha) {
        this.name = name;
        this.alpha = alpha;
    }

    /** Adds direction {@code id}, with the poster's value of its effect (null when it has none). */
    public synchronized DirectionFamily add(String id, Double paperEffect, Supplier<Statistics.DirectionTest> test) {
        if (judged != null) {
            throw new IllegalStateException(name + ": direction " + id + " added after the family was judged");
        }
        if (members.put(id, new Member(paperEffect, test)) != null) {
            throw new IllegalArgumentException(name + ": direction " + id + " added twice");
        }
        return this;
    }

    /** The family's name. */
    public String name() {
        return name;
    }

    /** The level the family-wise error is held at. */
    public double alpha() {
        return alpha;
    }

    /** The ids, in the order they were added. */
    public synchronized List<String> ids() {
        return List.copyOf(members.keySet());
    }

    /** The judgement of direction {@code id} (every direction is tested on the first call). */
    public synchronized Judged judge(String id) {
        Judged j = all().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (j == null) {
            throw new IllegalArgumentException(name + " has no direction " + id + "; it has " + members.keySet());
        }
        return j;
    }

    /** Every direction's judgement, in the order they were added. */
    public synchronized List<Judged> all() {
        if (judged == null) {
            judged = judgeAll();
        }
        return List.copyOf(judged.values());
    }

    /** A one-line description: "C5 directions: 15, Holm at alpha 0.05". */
    public String describe() {
        return name + ": " + members.size() + " direction" + (members.size() == 1 ? "" : "s") + ", Holm at alpha "
                + alpha;
    }

    private Map<String, Judged> judgeAll() {
        List<String> ids = new ArrayList<>(members.keySet());
        List<Statistics.DirectionTest> tests = new ArrayList<>();
        for (String id : ids) {
            try {
                tests.add(members.get(id).test().get());
            } catch (UntestableException e) {
                throw new UntestableException(id + ": " + e.getMessage(), e);
            }
        }
        double[] paper = tests.stream().mapToDouble(Statistics.DirectionTest::pPaper).toArray();
        double[] other = tests.stream().mapToDouble(Statistics.DirectionTest::pOther).toArray();
        double[] holmPaper = Holm.adjust(paper);
        double[] holmOther = Holm.adjust(other);
        Map<String, Judged> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Verdict v = holmPaper[i] < alpha ? Verdict.HOLDS : holmOther[i] < alpha ? Verdict.CONTRADICTED
                    : Verdict.NOT_SIGNIFICANT;
            out.put(ids.get(i), new Judged(ids.get(i), tests.get(i), v, holmPaper[i], holmOther[i],
                    members.get(ids.get(i)).paperEffect(), name, ids.size()));
        }
        return out;
    }
}
