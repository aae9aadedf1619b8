package org.regsl.bench.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.objective.ActivePassiveLoss;
import org.regsl.bench.objective.CoTeaching;
import org.regsl.bench.objective.DeepAbstainingClassifier;
import org.regsl.bench.train.CrossEntropy;
import org.regsl.bench.objective.EarlyLearningRegularization;
import org.regsl.bench.objective.GeneralizedCrossEntropy;
import org.regsl.bench.objective.LabelSmoothing;
import org.regsl.bench.objective.SelfAdaptiveTraining;
import org.regsl.bench.objective.SelfLabeling;
import org.regsl.bench.objective.SymmetricCrossEntropy;
import org.regsl.bench.regularize.BatchSpectralShrinkage;
import org.regsl.bench.regularize.DeltaPenalty;
import org.regsl.bench.regularize.FrobeniusConstraint;
import org.regsl.bench.regularize.L2SpPenalty;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.regularize.MarsConstraint;
import org.regsl.bench.regularize.Regularization;

/**
 * Every method of the suite, once: the C3 regularizers, REGSL and its ablation variants, and the
 * noisy-label baselines (REGSL-SPEC 1 and 8), used alike by the bench runs of C1-C3, C5/C6 and the
 * paper-scale runs. The hyper-parameter values live in data: {@code expected-results/
 * c3-hyperparameters.yaml} (searched), {@code noise-hyperparameters.yaml} and
 * {@code paper-hyperparameters.yaml} (with their sources).
 *
 * <p>Adding a method: its objective or regularization class, one {@link #register} line here,
 * its hyper-parameters in the YAML of the claim that runs it.
 */
public final class Methods {

    private static final Map<String, Method> ALL = new LinkedHashMap<>();

    /** The methods of C3, in table order. */
    public static final List<String> C3 = List.of("fine-tuning", "l2-sp", "delta", "bss", "constant-frobenius",
            "constant-mars", "layer-wise", "distance-proportional");

    /** The noisy-label baselines C5 compares REGSL with, in table order. */
    public static final List<String> NOISE_BASELINES = List.of("constraint", "fine-tuning", "l2-sp", "label-smoothing",
            "gce", "sce", "apl", "elr", "sat", "co-teaching", "dac");

    /** The ablation variants of C6: REGSL without one of its parts. */
    public static final List<String> ABLATION = List.of("self-labeling", "constraint");

    /** Every label-noise method: REGSL, the ablation variants, the baselines (each once, in that order). */
    public static final List<String> NOISE = List.of("regsl", "self-labeling", "constraint", "fine-tuning", "l2-sp",
            "label-smoothing", "gce", "sce", "apl", "elr", "sat", "co-teaching", "dac");

    private static final List<String> SELF_LABELING = List.of("correctShare", "correctEpoch", "threshold",
            "reweightShare", "reweightEpoch", "temperature");

    static {
        register(new Method("fine-tuning", "cross-entropy, nothing added", List.of(),
                Methods::crossEntropy, null, (p, in) -> Regularization.NONE, false));
        register(new Method("l2-sp", "cross-entropy + alpha/2 ||w_s - w_s^0||^2 + beta/2 ||w_head||^2 (Li et al. 2018)",
                List.of("alpha", "beta"), Methods::crossEntropy, null,
                (p, in) -> Regularization.of(new L2SpPenalty(in.init(), p.get("alpha"), p.get("beta"))), false));
        register(new Method("delta", "CE + alpha/2 sum_j sum_c C_j a_jc ||FM_jc(w) - FM_jc(w0)||^2 / HW + beta/2"
                + " ||w_head||^2, a the channel attention (Li et al. 2019, DELTA; TLlib)", List.of("alpha", "beta"),
                Methods::crossEntropy, null, (p, in) -> Regularization.of(new DeltaPenalty(
                        in.startOrThrow("delta").frozenCopy(), in.attention().get(), p.get("alpha"), p.get("beta"))),
                false));
        register(new Method("bss", "CE + eta sum_{i<=k} sigma_{-i}^2 of the batch's pooled features (Chen et al. 2019,"
                + " BSS; TLlib)", List.of("k", "eta"), Methods::crossEntropy, null,
                (p, in) -> Regularization.of(new BatchSpectralShrinkage((int) p.get("k"), p.get("eta"))), false));
        register(frobenius("constant-frobenius", "||W_k - W_k^0||_F <= D for every stage (Gouk et al. 2021)",
                List.of("d", "head"), (p, stages, t) -> LayerRadii.constant(stages, p.get("d"), p.get("head"))));
        register(new Method("constant-mars", "MARS norm of W_k - W_k^0 <= D for every stage (Gouk et al. 2021)",
                List.of("d", "head"), Methods::crossEntropy,
                (p, stages, t) -> LayerRadii.constant(stages, p.get("d"), p.get("head")),
                (p, in) -> Regularization.of(new MarsConstraint(in.init(),
                        LayerRadii.constant(in.stages(), p.get("d"), p.get("head")))), false));
        register(frobenius("layer-wise", "||W_k - W_k^0||_F <= D_k, radii growing with depth (Li & Zhang 2021): bench"
                + " D gamma^(k-1); official D, D, D s, D s^2 over layer1..4 (REGSL-SPEC 1.2)",
                List.of("d", "gamma", "scale", "head"), Methods::layerWiseRadii));
        register(frobenius("distance-proportional",
                "||W_k - W_k^0||_F <= c d_k, d_k the distance plain fine-tuning travels (the poster's key insight)",
                List.of("c", "head"), (p, stages, t) -> LayerRadii.proportional(stages, t, p.get("c"), p.get("head"))));
        register(new Method("regsl", "self-labeling under one Frobenius radius D per stage (Li & Zhang 2021, Alg. 1)",
                concat(SELF_LABELING, List.of("d", "head")), Methods::selfLabeling, Methods::constantRadii,
                (p, in) -> Regularization.of(new FrobeniusConstraint(in.init(), constantRadii(p, in.stages(), null))),
                false));
        register(new Method("self-labeling", "REGSL without the constraint (C6)", SELF_LABELING,
                Methods::selfLabeling, null, (p, in) -> Regularization.NONE, false));
        register(frobenius("constraint", "REGSL without self-labeling (C6): one Frobenius radius D per stage",
                List.of("d", "head"), Methods::constantRadii));
        register(noise("label-smoothing", "cross-entropy against (1 - eps) y + eps / K (Szegedy et al. 2016)",
                List.of("epsilon"), (p, in) -> new LabelSmoothing(in.labels(), p.get("epsilon"))));
        register(noise("gce", "(1 - p_y^q) / q (Zhang & Sabuncu 2018)", List.of("q"),
                (p, in) -> new GeneralizedCrossEntropy(in.labels(), p.get("q"))));
        register(noise("sce", "alpha CE + beta reverse CE (Wang et al. 2019)", List.of("alpha", "beta"),
                (p, in) -> new SymmetricCrossEntropy(in.labels(), p.get("alpha"), p.get("beta"))));
        register(noise("apl", "alpha normalized CE + beta reverse CE, NCE+RCE (Ma et al. 2020)", List.of("alpha", "beta"),
                (p, in) -> new ActivePassiveLoss(in.labels(), p.get("alpha"), p.get("beta"))));
        register(noise("elr", "CE + lambda log(1 - <p, t>), t a running average of predictions (Liu et al. 2020)",
                List.of("beta", "lambda"), (p, in) -> new EarlyLearningRegularization(in.labels(), in.classes(),
                        p.get("beta"), p.get("lambda"))));
        register(noise("sat", "targets = running average of predictions from epoch E_s (Huang et al. 2020)",
                List.of("momentum", "startShare", "startEpoch"), (p, in) -> new SelfAdaptiveTraining(in.labels(),
                        in.classes(), p.epoch("start", in.epochs(), 2), p.get("momentum"))));
        register(new Method("co-teaching", "two nets, each trains on the other's small-loss samples (Han et al. 2018)",
                List.of("rampShare", "rampEpoch"), (p, in) -> new CoTeaching(in.labels(), in.peer(), in.assumedRate(),
                        p.epoch("ramp", in.epochs(), 2)), null, (p, in) -> Regularization.NONE, true));
        register(new Method("dac", "K + 1 outputs: CE over all for E_w epochs, then (1 - p_abstain) CE_K - alpha"
                + " log(1 - p_abstain), alpha ramped to alpha_final (Thulasidasan et al. 2019)",
                List.of("learnShare", "learnEpoch", "alphaFinal", "alphaInitFactor"),
                (p, in) -> new DeepAbstainingClassifier(in.labels(), in.classes(), p.epoch("learn", in.epochs(), 1),
                        in.epochs(), p.get("alphaFinal"), p.get("alphaInitFactor")), null,
                (p, in) -> Regularization.NONE, false, 1));
    }

    private Methods() {}

    private static void register(Method m) {
        if (ALL.putIfAbsent(m.id(), m) != null) {
            throw new IllegalStateException("method '" + m.id() + "' registered twice");
        }
    }

    /** The method {@code id}; an unknown id is an error listing the known ones. */
    public static Method get(String id) {
        Method m = ALL.get(id);
        if (m == null) {
            throw new IllegalArgumentException("unknown method '" + id + "'; known: " + ALL.keySet());
        }
        return m;
    }

    /** Every method id, in registration order. */
    public static List<String> ids() {
        return List.copyOf(ALL.keySet());
    }

    private static Method frobenius(String id, String summary, List<String> params, Method.RadiiRule radii) {
        return new Method(id, summary, params, Methods::crossEntropy, radii, (p, in) -> Regularization.of(
                new FrobeniusConstraint(in.init(), radii.build(p, in.stages(), in.travelled()))), false);
    }

    private static Method noise(String id, String summary, List<String> params, Method.ObjectiveRule objective) {
        return new Method(id, summary, params, objective, null, (p, in) -> Regularization.NONE, false);
    }

    private static CrossEntropy crossEntropy(MethodParams p, ObjectiveInputs in) {
        return new CrossEntropy(in.labels());
    }

    private static SelfLabeling selfLabeling(MethodParams p, ObjectiveInputs in) {
        return new SelfLabeling(SelfLabeling.Params.of(p.epoch("correct", in.epochs(), 1), p.get("threshold"),
                p.epoch("reweight", in.epochs(), 1), p.get("temperature")), in.labels(), in.clean());
    }

    /**
     * Layer-wise radii: with {@code scale} the official layout (the first two stages at d, each later
     * stage times scale: REGSL-SPEC 1.2, the paper scale), else the bench's d gamma^(k-1).
     */
    private static LayerRadii layerWiseRadii(MethodParams p, List<String> stages, Map<String, Double> travelled) {
        if (!p.has("scale")) {
            return LayerRadii.layerWise(stages, p.get("d"), p.get("gamma"), p.get("head"));
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < stages.size(); k++) {
            m.put(stages.get(k), p.get("d") * Math.pow(p.get("scale"), Math.max(0, k - 1)));
        }
        return new LayerRadii(m, p.get("head"), String.format("layer-wise (official layout) D=%.4f scale=%.4f, head %.4f",
                p.get("d"), p.get("scale"), p.get("head")));
    }

    private static LayerRadii constantRadii(MethodParams p, List<String> stages, Map<String, Double> travelled) {
        return LayerRadii.constant(stages, p.get("d"), p.get("head"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
