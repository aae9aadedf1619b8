package org.regsl.bench.measure;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.LayerGroups;
import org.regsl.bench.model.WeightSnapshot;

/**
 * The layer-wise fine-tuned distances of the paper (Li and Zhang 2021, "Layer-wise Distances",
 * REGSL-SPEC 5): for every conv or linear weight W_i of the backbone, in network order,
 *
 * <pre>
 *   d_i = ||W_i - W_i^(s)||_F   and   r_i = d_i / ||W_i^(s)||_F,
 * </pre>
 *
 * and for the new head, measured from zero as the constraint does, d = ||W_head||_F (r is not
 * defined: the head has no pretrained value). A layer group aggregates its tensors as
 * sqrt(sum d_i^2) / sqrt(sum ||W_i^(s)||^2). Sums run in double precision.
 */
public final class LayerDistances {

    /** One weight tensor's distance. */
    public record Layer(String name, String group, int depth, double distance, double reference, double relative) {}

    private LayerDistances() {}

    /** Distances of every rank > 1 weight of {@code net} from {@code reference}, in network order. */
    public static List<Layer> measure(Net net, WeightSnapshot reference) {
        List<Layer> out = new ArrayList<>();
        int depth = 0;
        for (Pair<String, Parameter> p : net.trainable()) {
            if (p.getValue().getArray().getShape().dimension() < 2) {
                continue;
            }
            String name = p.getKey();
            String group = LayerGroups.groupOf(name);
            float[] w = p.getValue().getArray().toFloatArray();
            boolean head = group.equals("head");
            float[] w0 = head ? null : reference.floats(name);
            double d2 = 0;
            double r2 = 0;
            for (int i = 0; i < w.length; i++) {
                double diff = head ? w[i] : (double) w[i] - w0[i];
                d2 += diff * diff;
                if (!head) {
                    r2 += (double) w0[i] * w0[i];
                }
            }
            double d = Math.sqrt(d2);
            double ref = Math.sqrt(r2);
            out.add(new Layer(name, group, depth++, d, head ? Double.NaN : ref, head ? Double.NaN : d / ref));
        }
        return out;
    }

    /** Per group: {distance, relative distance}, in network order. */
    public static Map<String, double[]> byGroup(List<Layer> layers) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (Layer l : layers) {
            double[] a = acc.computeIfAbsent(l.group(), g -> new double[2]);
            a[0] += l.distance() * l.distance();
            a[1] += l.group().equals("head") ? 0 : l.reference() * l.reference();
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        acc.forEach((g, a) -> out.put(g, new double[] {Math.sqrt(a[0]),
                g.equals("head") ? Double.NaN : Math.sqrt(a[0]) / Math.sqrt(a[1])}));
        return out;
    }

    /** Relative distance of the whole backbone: sqrt(sum d_i^2) / sqrt(sum ||W_i^(s)||^2). */
    public static double backboneRelative(List<Layer> layers) {
        double d2 = 0;
        double r2 = 0;
        for (Layer l : layers) {
            if (!l.group().equals("head")) {
                d2 += l.distance() * l.distance();
                r2 += l.reference() * l.reference();
            }
        }
        return Math.sqrt(d2 / r2);
    }
}
