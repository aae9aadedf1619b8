package org.regsl.bench.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.LayerGroups;
import org.regsl.bench.model.WeightSnapshot;

/**
 * The granularity every hard constraint of the official code shares (REGSL-SPEC 1.2, pitfall 3):
 * each conv or linear weight tensor of a stage is projected separately onto its own set of radius
 * D_stage around its pretrained value; biases and BN beta are skipped; a BN layer's effective scale
 * d = gamma / sqrt(running_var + 1e-6) is clipped per channel to |d - d0| &lt;= D_stage (d0 from
 * the pretrained gamma and running variance) and written back through gamma; the groups of
 * {@link LayerGroups#UNCONSTRAINED} (the ResNets' stem, the ViT's embeddings) are free; the head
 * weight, new at the start, is bounded <em>from zero</em> by D_head in every architecture. A ViT's
 * encoder (one radius, REGSL-SPEC 1.2) constrains its 2-D weights only: its LayerNorms have no
 * running variance and stay free. Subclasses give the norm.
 *
 * <p>The arithmetic runs on host copies of the tensors (the bench net has 78k weights): one read
 * per tensor, and one write only for a tensor outside its set, which keeps a feasible tensor's
 * bits and costs far fewer native calls than the same work as tensor ops (measured by
 * {@code ProjectionBenchmark}). Norms are accumulated in double precision.
 */
public abstract class StageConstraint implements Constraint {

    private static final NDIndex ALL = new NDIndex("...");

    static final float BN_EPS = 1e-6f;

    /** One constrained tensor (with its BN running variance, if a gamma): reference (null: origin), radius. */
    private record Target(String name, Parameter weight, Parameter runningVar, float[] reference, long[] shape, double radius) {}

    private final WeightSnapshot reference;
    private final LayerRadii radii;
    private List<Target> targets;
    private Net boundTo;

    protected StageConstraint(WeightSnapshot reference, LayerRadii radii) {
        this.reference = reference;
        this.radii = radii;
    }

    /** The radii. */
    public LayerRadii radii() {
        return radii;
    }

    @Override
    public void project(Net net) {
        if (boundTo != net) { // parameters are resolved once per net, not looked up by name every step
            targets = targetsOf(net);
            boundTo = net;
        }
        for (Target t : targets) {
            NDArray w = t.weight.getArray();
            float[] x = w.toFloatArray();
            boolean changed = t.runningVar != null
                    ? clipBatchNormScale(x, t.runningVar.getArray().toFloatArray(), t.reference, (float) t.radius)
                    : projectWeight(x, t.reference, t.shape, t.radius);
            if (changed) { // in place: the parameter may be a view of the optimizer's flat buffer
                try (NDArray projected = w.getManager().create(x, w.getShape())) {
                    w.set(ALL, projected);
                }
            }
        }
    }

    /**
     * Moves weight {@code w} (host copy, in place) into the set of radius {@code d} around
     * {@code w0} ({@code null} = the origin); returns false, touching nothing, if it is inside.
     */
    protected abstract boolean projectWeight(float[] w, float[] w0, long[] shape, double d);

    private List<Target> targetsOf(Net net) {
        List<Target> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.parameters()) {
            String name = p.getKey();
            if (!p.getValue().requiresGradient() || LayerGroups.isShift(name)) {
                continue;
            }
            String group = LayerGroups.groupOf(name);
            long[] shape = p.getValue().getArray().getShape().getShape();
            boolean rank2 = shape.length > 1;
            if (LayerGroups.isHead(name)) {
                if (rank2) { // the head is new: bounded from zero, never from a start
                    out.add(new Target(name, p.getValue(), null, null, shape, radii.head()));
                }
            } else if (!LayerGroups.UNCONSTRAINED.contains(group) && radii.radius(group) == null) {
                throw new IllegalStateException(radii.scheme() + ": no radius for layer group '" + group + "' ("
                        + name + "); only " + LayerGroups.UNCONSTRAINED + " are unconstrained");
            } else if (radii.radius(group) != null) {
                String var = name.endsWith("gamma") ? name.substring(0, name.length() - "gamma".length()) + "runningVar"
                        : null;
                if (rank2) {
                    out.add(new Target(name, p.getValue(), null, reference.floats(name), shape, radii.radius(group)));
                } else if (var != null && hasParameter(net, var)) { // a BN scale; a LayerNorm's gamma has no running variance
                    out.add(new Target(name, p.getValue(), parameterNamed(net, var),
                            pretrainedScale(reference.floats(name), reference.floats(var)), shape, radii.radius(group)));
                }
            }
        }
        return out;
    }

    /** The names of the tensors this constraint projects on {@code net}, in network order (for tests and reports). */
    List<String> constrainedNames(Net net) {
        List<String> names = new ArrayList<>();
        for (Target t : targetsOf(net)) {
            names.add(t.name());
        }
        return names;
    }

    private static boolean hasParameter(Net net, String name) {
        return net.parameters().stream().anyMatch(q -> q.getKey().equals(name));
    }

    private static Parameter parameterNamed(Net net, String name) {
        return net.parameters().stream().filter(q -> q.getKey().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no parameter " + name)).getValue();
    }

    /** d0 = gamma0 / sqrt(running_var0 + eps). */
    static float[] pretrainedScale(float[] gamma0, float[] var0) {
        float[] d0 = new float[gamma0.length];
        for (int i = 0; i < d0.length; i++) {
            d0[i] = gamma0[i] / (float) Math.sqrt(var0[i] + BN_EPS);
        }
        return d0;
    }

    /**
     * The BN rule, in place on {@code gamma}: with d = gamma / sqrt(var + eps),
     * t = clip(d - d0, -D, D) and gamma = (d0 + t) sqrt(var + eps); returns false, touching
     * nothing, when every channel is inside its box.
     */
    static boolean clipBatchNormScale(float[] gamma, float[] var, float[] d0, float d) {
        boolean outside = false;
        for (int i = 0; i < gamma.length && !outside; i++) {
            outside = Math.abs(gamma[i] / (float) Math.sqrt(var[i] + BN_EPS) - d0[i]) > d;
        }
        if (!outside) {
            return false;
        }
        for (int i = 0; i < gamma.length; i++) {
            float sd = (float) Math.sqrt(var[i] + BN_EPS);
            float t = Math.max(-d, Math.min(d, gamma[i] / sd - d0[i]));
            gamma[i] = (d0[i] + t) * sd;
        }
        return true;
    }
}
