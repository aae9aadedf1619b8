package org.regsl.bench.noise;

import java.util.Locale;

/**
 * A label-noise setting of C5/C6: independent noise at a nominal rate, or correlated noise from an
 * auxiliary model (REGSL-SPEC 3). The noise is drawn once per setting from {@link #NOISE_SEED}
 * (the official seed), apart from the training seeds, so every method and seed sees the same
 * noisy labels.
 *
 * @param kind {@code independent} or {@code correlated}
 * @param rate nominal rate (independent), NaN for correlated
 */
public record NoiseSetting(String kind, double rate) {

    /** The official noise seed (numpy seed 1024 in {@code train_label_noise.py}). */
    public static final long NOISE_SEED = 1024;

    /** Independent noise at {@code rate}. */
    public static NoiseSetting independent(double rate) {
        return new NoiseSetting("independent", rate);
    }

    /** Correlated noise. */
    public static NoiseSetting correlated() {
        return new NoiseSetting("correlated", Double.NaN);
    }

    /** The correlated-noise rate the poster reports (25.18 %, REGSL-SPEC 3.2): what a method may assume there. */
    public static final double POSTER_CORRELATED_RATE = 0.2518;

    /**
     * The noise rate a method that needs one (co-teaching's forget rate) may assume: the nominal
     * rate of independent noise, the poster's 25.18 % for correlated noise. Never the realised rate,
     * which only the clean labels reveal.
     */
    public double assumedRate() {
        return kind.equals("independent") ? rate : POSTER_CORRELATED_RATE;
    }

    /** {@code independent-20} or {@code correlated}. */
    public String id() {
        return kind.equals("independent") ? String.format(Locale.ROOT, "independent-%d", Math.round(rate * 100))
                : kind;
    }

    /** The setting named {@code id}. */
    public static NoiseSetting of(String id) {
        if (id.equals("correlated")) {
            return correlated();
        }
        if (id.startsWith("independent-")) {
            return independent(Integer.parseInt(id.substring("independent-".length())) / 100.0);
        }
        throw new IllegalArgumentException("unknown noise setting '" + id + "'; use independent-<percent> or correlated");
    }
}
