package org.regsl.bench.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.method.MethodParams;

/**
 * C8's paper-scale values for one shot count ({@code paper-hyperparameters.yaml}, {@code few-shot.<k>-shot}): the
 * fine-tuning steps and AMSGrad learning rate both fine-tuning methods use, and the layer-wise constraint's rule
 * relative to the episode: D_k = f t_1 gamma^(k-1), head radius h t_head, with t_1 and t_head the largest
 * distances a stage-1 and a head weight travelled under plain fine-tuning on the same support set (the rule the
 * bench's search applies over validation episodes, {@code regsl search-fewshot}).
 *
 * @param steps full-batch fine-tuning steps on the support set
 * @param lr the learning rate
 * @param f stage 1's radius as a multiple of t_1
 * @param gamma the radius' growth per stage
 * @param h the head radius as a multiple of t_head
 */
public record FewShotValues(int steps, double lr, double f, double gamma, double h) {

    /** The values of a {@code few-shot.<k>-shot} entry; {@code where} names it in errors. */
    static FewShotValues of(String where, Map<String, Double> v) {
        for (String k : new String[] {"steps", "lr", "f", "gamma", "h"}) {
            if (!v.containsKey(k)) {
                throw new IllegalArgumentException(where + ": field '" + k + "' missing (steps, lr, f, gamma, h)");
            }
        }
        return new FewShotValues((int) Math.round(v.get("steps")), v.get("lr"), v.get("f"), v.get("gamma"), v.get("h"));
    }

    /** The layer-wise radii of an episode whose plain fine-tuning run is {@code fineTuning}. */
    public MethodParams layerWise(EpisodeRun fineTuning) {
        @SuppressWarnings("unchecked")
        Map<String, Double> travelled = (Map<String, Double>) fineTuning.config().get("travelled");
        if (travelled == null || !travelled.containsKey("stage1") || !travelled.containsKey("head")) {
            throw new IllegalStateException(fineTuning.id() + ": the fine-tuning run records no stage-1 and head"
                    + " distances ('travelled')");
        }
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("d", f * travelled.get("stage1"));
        v.put("gamma", gamma);
        v.put("head", h * travelled.get("head"));
        return new MethodParams("layer-wise", v);
    }
}
