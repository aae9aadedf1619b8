package org.regsl.bench.experiment;

import java.util.List;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.objective.ActivePassiveLoss;
import org.regsl.bench.objective.CoTeaching;
import org.regsl.bench.objective.CrossEntropy;
import org.regsl.bench.objective.EarlyLearningRegularization;
import org.regsl.bench.objective.GeneralizedCrossEntropy;
import org.regsl.bench.objective.LabelSmoothing;
import org.regsl.bench.objective.Objective;
import org.regsl.bench.objective.SelfAdaptiveTraining;
import org.regsl.bench.objective.SelfLabeling;
import org.regsl.bench.objective.SymmetricCrossEntropy;
import org.regsl.bench.regularize.FrobeniusConstraint;
import org.regsl.bench.regularize.L2SpPenalty;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.regularize.Regularization;

/**
 * The methods of C5 and C6 under label noise, each an {@link Objective} plus a
 * {@link Regularization}, with the hyper-parameters of {@link NoiseHyperparameters}:
 *
 * <ul>
 *   <li>{@code regsl}: constraint + self-labeling (Li &amp; Zhang 2021);
 *   <li>{@code self-labeling}: REGSL without regularization (C6);
 *   <li>{@code constraint}: REGSL without self-labeling (C6), the regularizer alone;
 *   <li>{@code fine-tuning}, {@code l2-sp}, {@code label-smoothing}, {@code gce}, {@code sce},
 *       {@code apl}, {@code elr}, {@code sat}, {@code co-teaching}: the baselines (REGSL-SPEC 8).
 * </ul>
 *
 * The constraint of the noise runs has one radius for every stage (the official noise script runs
 * with scale factor 1, REGSL-SPEC 1.3) and bounds the head from zero.
 */
public final class NoiseMethod {

    /** Every method, REGSL first, then the ablation variants, then the baselines. */
    public static final List<String> METHODS = List.of("regsl", "self-labeling", "constraint", "fine-tuning", "l2-sp",
            "label-smoothing", "gce", "sce", "apl", "elr", "sat", "co-teaching");

    /** The baselines C5 compares REGSL with. */
    public static final List<String> BASELINES = METHODS.subList(2, METHODS.size());

    private NoiseMethod() {}

    /**
     * The objective of {@code method} on noisy {@code labels} ({@code clean} only for logging);
     * {@code peer} is co-teaching's second net (null otherwise); {@code assumedRate} is its tau.
     */
    public static Objective objective(String method, NoiseHyperparameters hp, int[] labels, int[] clean, int classes,
            int epochs, Net peer, double assumedRate) {
        return switch (method) {
            case "regsl", "self-labeling" -> new SelfLabeling(hp.selfLabeling(epochs), labels, clean);
            case "constraint", "fine-tuning", "l2-sp" -> new CrossEntropy(labels);
            case "label-smoothing" -> new LabelSmoothing(labels, hp.labelSmoothing());
            case "gce" -> new GeneralizedCrossEntropy(labels, hp.gceQ());
            case "sce" -> new SymmetricCrossEntropy(labels, hp.sceAlpha(), hp.sceBeta());
            case "apl" -> new ActivePassiveLoss(labels, 1.0, 1.0);
            case "elr" -> new EarlyLearningRegularization(labels, classes, hp.elrBeta(), hp.elrLambda());
            case "sat" -> new SelfAdaptiveTraining(labels, classes, hp.satStart(epochs), hp.satMomentum());
            case "co-teaching" -> new CoTeaching(labels, peer, assumedRate, hp.coTeachingRamp(epochs));
            default -> throw new IllegalArgumentException("unknown noise method '" + method + "'; known: " + METHODS);
        };
    }

    /** The regularization of {@code method} around the fine-tuning start {@code init}. */
    public static Regularization regularization(String method, NoiseHyperparameters hp, WeightSnapshot init) {
        return switch (method) {
            case "regsl", "constraint" -> Regularization.of(new FrobeniusConstraint(init,
                    LayerRadii.constant(hp.radius(), hp.headRadius())));
            case "l2-sp" -> Regularization.of(new L2SpPenalty(init, hp.l2spAlpha(), hp.l2spBeta()));
            default -> Regularization.NONE;
        };
    }

    /** True if the method trains a second net (co-teaching). */
    public static boolean needsPeer(String method) {
        return method.equals("co-teaching");
    }
}
