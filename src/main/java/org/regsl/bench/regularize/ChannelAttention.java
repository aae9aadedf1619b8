package org.regsl.bench.regularize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DELTA's channel attention (Li, Xiong, Wang, Huan, Chen and Dou, "DELTA: Deep Learning Transfer
 * using Feature Map with Attention for Convolutional Networks", ICLR 2019; TLlib's {@code
 * calculate_channel_attention}): per stage, the loss increase each channel causes when it is zeroed,
 * z-scored over the stage's channels and turned into weights
 *
 * <pre>
 *   a_{j,c} = softmax_c(z_{j,c} / 5),   z_{j,c} = (increase_{j,c} - mean_j) / std_j
 * </pre>
 *
 * (std the population standard deviation, as numpy's; a stage whose channels all cost the same gets
 * equal weights, where numpy would divide by zero).
 *
 * @param stages per stage name, in network order, the weights of its channels (summing to 1)
 * @param increases per stage, the measured loss increases the weights come from
 */
public record ChannelAttention(Map<String, double[]> stages, Map<String, double[]> increases) {

    /** The temperature of TLlib's softmax. */
    public static final double TEMPERATURE = 5.0;

    public ChannelAttention {
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        increases = Collections.unmodifiableMap(new LinkedHashMap<>(increases));
    }

    /** The attention of the measured loss {@code increases} (per stage, per channel). */
    public static ChannelAttention of(Map<String, double[]> increases) {
        Map<String, double[]> out = new LinkedHashMap<>();
        increases.forEach((stage, inc) -> out.put(stage, weights(inc)));
        return new ChannelAttention(out, increases);
    }

    /** softmax(z / 5) of the z-scores of {@code increase}. */
    static double[] weights(double[] increase) {
        int n = increase.length;
        double mean = 0;
        for (double v : increase) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : increase) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / n);
        double[] z = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            z[i] = std > 0 ? (increase[i] - mean) / std / TEMPERATURE : 0;
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < n; i++) {
            z[i] /= sum;
        }
        return z;
    }

    /** The stage names, in network order. */
    public List<String> stageNames() {
        return List.copyOf(stages.keySet());
    }
}
