package org.regsl.bench.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema of one {@code expected-results/<claim>.yaml} file (documented in
 * expected-results/README.md). Plain mutable beans so that Jackson can read and, in record mode,
 * rewrite them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"claim", "title", "source", "quantity", "notes", "acceptance", "cells", "directions"})
public final class ExpectedResults {

    /** Claim id, e.g. {@code C1}. */
    public String claim;
    /** One-line statement of the claim. */
    public String title;
    /** Where the claim and its paper values come from. */
    public String source;
    /** What the numbers are (quantity, unit, estimator). */
    public String quantity;
    /** Free-form notes: protocol choices, deviations. */
    public List<String> notes;
    /** How a measured cell is compared with its recorded values. */
    public Acceptance acceptance;
    /** The table cells, paper scale and bench scale. */
    public List<Cell> cells = new ArrayList<>();
    /** The bench directions of the paper (e.g. "pretrained &lt; random"), with their recorded verdicts. */
    public List<Direction> directions = new ArrayList<>();

    /** The statistical acceptance rule of a claim file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Acceptance {
        /** {@code replay-or-pooled-t}: equal per seed under the recorded numerics, else a pooled t-test per cell at alpha / cells. */
        public String test;
        /** Significance level: a cell fails when p &lt; alpha. */
        public Double alpha;
        /** Floor: a cell whose mean is within atol + rtol |recorded mean| passes without a test. */
        public Double atol;
        /** Relative part of the floor. */
        public Double rtol;
        /** Why the floor is what it is. */
        public String note;
    }

    /** One table cell. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "scale", "paper", "measured"})
    public static final class Cell {
        /** Unique id, e.g. {@code bench/mnist/standard/sigma=1e-2}. */
        public String id;
        /** {@code bench} or {@code paper}. */
        public String scale;
        /** The paper's value for this cell (paper-scale cells), or its absence with the reason. */
        public PaperValue paper;
        /**
         * Measured values per budget name: {@code bench} and {@code smoke} for bench cells,
         * {@code paper} (and, on request, {@code tiny}) for paper cells recorded on a GPU runner.
         */
        public Map<String, Measured> measured;
    }

    /** A value from the paper, or the statement that it is not available. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class PaperValue {
        /** Mean as printed. */
        public Double mean;
        /** Std as printed (population std over 3 runs in the official code). */
        public Double std;
        /** Where it is printed. */
        public String source;
        /** Set instead of mean when the paper's number is not available: why. */
        public String absent;
    }

    /** Recorded per-seed values of a bench cell, with provenance. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"values", "seeds", "mean", "std", "provenance"})
    public static final class Measured {
        /** One value per seed, in seed order. */
        public List<Double> values;
        /** The seeds. */
        public List<Integer> seeds;
        /** Mean of the values. */
        public Double mean;
        /** Sample std (n - 1) of the values. */
        public Double std;
        /** Where and how the values were produced. */
        public Provenance provenance;
    }

    /**
     * A direction of the paper: at bench scale with its recorded verdicts per budget; at paper
     * scale ({@code scale: paper}, e.g. {@code paper/average/layer-wise>constant-frobenius}) with
     * the poster's value of the effect.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "scale", "statement", "paper", "paperValue", "bench"})
    public static final class Direction {
        /** Unique id, e.g. {@code bench/mnist/sigma=1e-2/standard<random}. */
        public String id;
        /** {@code paper} for a paper-scale direction; absent (bench) otherwise. */
        public String scale;
        /** A paper-scale direction's value in the paper (e.g. the +1.76 points of C3), or its absence. */
        public PaperValue paperValue;
        /** The claim in words. */
        public String statement;
        /** What the paper reports for this direction. */
        public String paper;
        /** Recorded verdicts per bench budget name ({@code bench}, {@code smoke}). */
        public Map<String, RecordedVerdict> bench;
    }

    /** A recorded verdict with its statistic. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"statement", "verdict", "unadjusted", "family", "test", "effect", "interval", "statistic",
        "pValue", "holmPValue", "detectableEffect", "provenance"})
    public static final class RecordedVerdict {
        /** The direction in words as measured under this budget (it may quote this budget's numbers). */
        public String statement;
        /** {@code holds}, {@code not significant} or {@code contradicted}: Holm-adjusted over the family. */
        public String verdict;
        /** The verdict of this direction's test alone, at alpha, before the adjustment. */
        public String unadjusted;
        /** The family the adjustment ran over: its name, size and level. */
        public String family;
        /** The test used. */
        public String test;
        /** The estimated effect, oriented: positive is the paper's way round. */
        public Double effect;
        /** The two one-sided 1 - alpha bounds of the effect (the 90 % interval at alpha 0.05). */
        public List<Double> interval;
        /** The t statistic, oriented as the effect. */
        public Double statistic;
        /** Raw one-sided p of the side the verdict points at (the paper's side unless contradicted). */
        public Double pValue;
        /** Holm-adjusted p of that side; the verdict is not significant unless it is below alpha. */
        public Double holmPValue;
        /** The smallest effect the test detects with 80 % power at the recorded spread (power analysis). */
        public Double detectableEffect;
        /** Where and how. */
        public Provenance provenance;
    }

    /** Where a recorded value came from. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"commit", "date", "machine", "jdk", "djl", "libtorch", "threads", "fingerprint", "budget",
        "seeds", "wallSeconds"})
    public static final class Provenance {
        public String commit;
        public String date;
        public String machine;
        public String jdk;
        public String djl;
        public String libtorch;
        public Integer threads;
        /** The numerics fingerprint (canary/libtorch/threads/device) the values were produced under; replay needs it equal. */
        public String fingerprint;
        public String budget;
        public List<Integer> seeds;
        public Double wallSeconds;
    }
}
