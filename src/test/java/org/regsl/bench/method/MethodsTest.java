package org.regsl.bench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regsl.bench.experiment.NoiseHyperparameters;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.train.Objective;
import org.regsl.bench.objective.SelfLabeling;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.regularize.Regularization;

/** One registry of methods: every label-noise method builds from its YAML values, schedules scale with the run. */
class MethodsTest {

    @Test
    void everyLabelNoiseMethodBuildsFromTheBenchFile() {
        NoiseHyperparameters hp = NoiseHyperparameters.bench();
        int[] labels = {0, 1, 2, 0, 1, 2};
        try (Net net = Net.create(3, 1); Net peer = Net.create(3, 2); WeightSnapshot init = WeightSnapshot.of(net)) {
            for (String id : Methods.NOISE) {
                Method m = Methods.get(id);
                try (Objective o = m.objective(hp.of(id), new ObjectiveInputs(labels, labels, 3, 15,
                        m.trainsPeer() ? peer : null, 0.2))) {
                    assertNotNull(o, id);
                }
                Regularization r = m.regularization(hp.of(id), new RegularizationInputs(init, LayerRadii.STAGES,
                        Map.of()));
                boolean constrained = id.equals("regsl") || id.equals("constraint");
                assertEquals(constrained ? 1 : 0, r.constraints().size(), id);
                assertEquals(id.equals("l2-sp") ? 1 : 0, r.penalties().size(), id);
            }
        }
    }

    @Test
    void theBaselinesAreNamedNotSlicedFromAList() {
        assertEquals(List.of("constraint", "fine-tuning", "l2-sp", "label-smoothing", "gce", "sce", "apl", "elr", "sat",
                "co-teaching", "dac"), Methods.NOISE_BASELINES);
        assertTrue(Methods.NOISE.containsAll(Methods.NOISE_BASELINES));
        assertTrue(Methods.ids().containsAll(Methods.C3));
    }

    @Test
    void schedulesAreSharesAtBenchAndEpochsAtPaperScale() {
        MethodParams bench = NoiseHyperparameters.bench().of("regsl");
        assertEquals(5, bench.epoch("correct", 15, 1)); // round(0.35 x 15)
        assertEquals(3, bench.epoch("reweight", 15, 1));
        assertEquals(1, bench.epoch("reweight", 1, 1), "at least one epoch");
        MethodParams paper = new MethodParams("regsl", Map.of("correctEpoch", 10.0, "reweightEpoch", 5.0));
        assertEquals(10, paper.epoch("correct", 1, 1), "the official absolute epoch, whatever the run's length");
    }

    @Test
    void radiiFollowTheMethodAndTheNetsStages() {
        MethodParams p = new MethodParams("layer-wise", Map.of("d", 1.0, "gamma", 2.0, "head", 10.0));
        LayerRadii r = Methods.get("layer-wise").radii(p, List.of("layer1", "layer2", "layer3", "layer4"), Map.of());
        assertEquals(8.0, r.radius("layer4"));
        assertNull(Methods.get("l2-sp").radii(new MethodParams("l2-sp", Map.of()), LayerRadii.STAGES, Map.of()));
    }

    @Test
    void unknownMethodsAndParametersAreErrorsThatNameThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.get("mixup"));
        assertTrue(e.getMessage().contains("mixup") && e.getMessage().contains("regsl"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.get("gce").check(
                new MethodParams("gce", Map.of("qq", 0.7)), "x.yaml: field 'methods.gce'"));
        assertTrue(e.getMessage().contains("'qq'") && e.getMessage().contains("x.yaml"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MethodParams("gce", Map.of()).get("q"));
        assertTrue(e.getMessage().contains("gce needs hyper-parameter 'q'"), e.getMessage());
    }

    @Test
    void selfLabelingGetsTheBenchScheduleOfTheOldRecord() {
        // the values the issue-11 record ran with (then Java constants): E_c 5, p0 0.9, E_r 3, T0 2 of 15 epochs
        MethodParams p = NoiseHyperparameters.bench().of("self-labeling");
        assertEquals(SelfLabeling.Params.of(5, 0.9, 3, 2.0), SelfLabeling.Params.of(p.epoch("correct", 15, 1),
                p.get("threshold"), p.epoch("reweight", 15, 1), p.get("temperature")));
    }
}
