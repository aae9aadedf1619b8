package org.regsl.bench.experiment;

import org.regsl.bench.objective.SelfLabeling;

/**
 * The hyper-parameters of the label-noise methods at bench scale, with their sources. They were
 * not searched by the suite: self-labeling and the radius follow the PyTorch pilot of the same
 * protocol (BENCH.md: E_c 7 and E_r 4 of 20 epochs, kept as shares of the run's epochs; T0 2,
 * p0 0.9, one radius D 2 searched over {0.5, 1, 2}); the
 * baselines use their papers' defaults as REGSL-SPEC 8 lists them; L2-SP uses C3's choice.
 *
 * @param correctShare E_c as a share of the epochs (rounded, at least 1)
 * @param threshold p0
 * @param reweightShare E_r as a share of the epochs (rounded, at least 1)
 * @param temperature T0
 * @param radius the constraint's radius for every stage
 * @param headRadius the head's radius (from zero)
 * @param l2spAlpha L2-SP alpha
 * @param l2spBeta L2-SP beta
 * @param labelSmoothing epsilon
 * @param gceQ GCE q
 * @param sceAlpha SCE alpha
 * @param sceBeta SCE beta
 * @param elrBeta ELR target momentum
 * @param elrLambda ELR weight
 * @param satMomentum SAT target momentum
 * @param satStartShare SAT start as a share of the epochs (60 of 200 in the paper)
 * @param coTeachingRampShare co-teaching T_k as a share of the epochs (10 of 30 at the paper's length)
 */
public record NoiseHyperparameters(double correctShare, double threshold, double reweightShare, double temperature,
        double radius, double headRadius, double l2spAlpha, double l2spBeta, double labelSmoothing, double gceQ,
        double sceAlpha, double sceBeta, double elrBeta, double elrLambda, double satMomentum, double satStartShare,
        double coTeachingRampShare) {

    /** The bench values (see the class comment for their sources). */
    public static final NoiseHyperparameters BENCH = new NoiseHyperparameters(0.35, 0.9, 0.2, 2.0, 2.0, 10.0, 0.01, 0.01,
            0.1, 0.7, 0.1, 1.0, 0.7, 3.0, 0.9, 0.3, 1.0 / 3);

    /** Self-labeling's parameters (both parts on) for a run of {@code epochs}. */
    public SelfLabeling.Params selfLabeling(int epochs) {
        return SelfLabeling.Params.of(share(correctShare, epochs), threshold, share(reweightShare, epochs), temperature);
    }

    private static int share(double share, int epochs) {
        return Math.max(1, (int) Math.round(share * epochs));
    }

    /** SAT's first epoch of target updates for a run of {@code epochs}. */
    public int satStart(int epochs) {
        return Math.max(2, (int) Math.round(satStartShare * epochs));
    }

    /** Co-teaching's T_k for a run of {@code epochs}. */
    public int coTeachingRamp(int epochs) {
        return Math.max(2, (int) Math.round(coTeachingRampShare * epochs));
    }
}
