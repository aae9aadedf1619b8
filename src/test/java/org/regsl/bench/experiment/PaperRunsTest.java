package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.config.PaperBudget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.tools.PaperFixtures;
import org.regsl.bench.measure.PerturbedLoss;
import org.regsl.bench.model.ResNet;

/**
 * The paper-scale C1 pipeline end to end on CPU at the tiny budget: a CUB-200-2011 fixture,
 * the official split, file decoding, ResNet-18 from a random and from an imported weights file,
 * one epoch, the perturbed loss at the poster's three sigmas.
 */
class PaperRunsTest {

    @TempDir
    Path tmp;

    @Test
    void aPaperScaleC1RunGoesEndToEndOnAFixture() throws IOException {
        Path data = tmp.resolve("data");
        PaperFixtures.cub(data, 4, 10, 3, 11);
        Path weights = tmp.resolve("weights");
        PaperFixtures.weights(weights.resolve("resnet18-imagenet.safetensors"), ResNet.Depth.RESNET18, false, 42);
        PaperRuns runs = new PaperRuns(PaperBudget.TINY, DatasetCatalog.load(Settings.projectDir().resolve(
                "datasets.yaml")), data, weights, Device.cpu(), new RunStore(tmp.resolve("runs")));
        PaperRun r = runs.perturbedLossRun("cub-200-2011", "random", 0);
        assertArrayEquals(new int[] {36, 4, 12}, r.splitSizes());
        assertEquals(3, r.perturbed().size());
        for (PerturbedLoss.Result p : r.perturbed()) {
            assertTrue(Double.isFinite(p.perturbedLoss()) && p.perturbedLoss() > 0, p.toString());
            assertEquals(2, p.draws());
            assertEquals(12, p.samples());
        }
        assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1);
        assertSame(r, runs.perturbedLossRun("cub-200-2011", "random", 0));
        assertTrue(Files.exists(tmp.resolve("runs").resolve(r.id().replace('/', '_') + ".json")));

        PaperRun pre = runs.perturbedLossRun("cub-200-2011", "pretrained", 0);
        assertEquals(100, pre.weights().get("tensorsLoaded"));
        assertTrue(pre.at(1e-3).loss() != r.at(1e-3).loss());
    }

    @Test
    void aPaperScaleLabelNoiseRunTrainsRegslOnNoisyLabelsWithCleanValidation() throws IOException {
        Path data = tmp.resolve("data");
        PaperFixtures.indoor(data, java.util.List.of("kitchen", "bar", "airport_inside"), 10, 3);
        Path weights = tmp.resolve("weights");
        PaperFixtures.weights(weights.resolve("resnet18-imagenet.safetensors"), ResNet.Depth.RESNET18, false, 42);
        PaperRuns runs = new PaperRuns(PaperBudget.TINY, DatasetCatalog.load(Settings.projectDir().resolve(
                "datasets.yaml")), data, weights, Device.cpu(), new RunStore(tmp.resolve("runs")));
        PaperRun regsl = runs.noisyRun("mit-indoor-67", 40, "regsl", 0);
        PaperRun ft = runs.noisyRun("mit-indoor-67", 40, "fine-tuning", 0);
        assertArrayEquals(new int[] {27, 3, 9}, regsl.splitSizes());
        assertEquals(0.4, regsl.setting().get("nominalRate"));
        double realised = (double) regsl.setting().get("realisedRate");
        assertTrue(realised > 0 && realised <= 0.4, "independent noise redraws over all classes: " + realised);
        assertEquals(realised, ft.setting().get("realisedRate"), "the same noise for every method (seed 1024)");
        assertTrue(regsl.perturbed().isEmpty());
        assertTrue(regsl.testAccuracy() >= 0 && regsl.testAccuracy() <= 1);
        assertTrue(String.valueOf(regsl.setting().get("hyperparameters")).contains("8.4714"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> runs.noisyRun("mit-indoor-67", 40, "gce", 0));

        // correlated noise from the labeler, and a baseline that trains a peer (C5's other paper cells)
        PaperRun co = runs.noisyRun("mit-indoor-67", "correlated", "co-teaching", 0);
        PaperRun gce = runs.noisyRun("mit-indoor-67", "correlated", "gce", 0);
        assertEquals("correlated", co.setting().get("noise"));
        assertEquals(co.setting().get("realisedRate"), gce.setting().get("realisedRate"), "one labeler per data set");
        assertTrue(String.valueOf(co.setting().get("labeler")).contains("1 epochs"), "tiny: min(8, 1) epochs");
        assertTrue(Double.isFinite(co.testAccuracy()) && Double.isFinite(gce.testAccuracy()));
        PaperRun constraint = runs.noisyRun("mit-indoor-67", "independent-20", "constraint", 0);
        assertTrue(constraint.layers().stream().filter(l -> l.group().equals("layer4")).allMatch(
                l -> l.distance() <= 7.8025 * (1 + 1e-5)), "C6's constraint alone binds each layer4 tensor at D");
    }

    /**
     * C7's paper cells end to end on the fixture: the budget's ViT from a checkpoint in Google's npz layout (every
     * array but the checkpoint's own head and pre-logits), noisy Indoor labels, and REGSL's one encoder radius
     * holding on every 2-D encoder weight.
     */
    @Test
    void aPaperScaleVitRunImportsTheCheckpointAndKeepsEveryEncoderWeightWithinItsRadius() throws IOException {
        Path data = tmp.resolve("data");
        PaperFixtures.indoor(data, java.util.List.of("kitchen", "bar", "airport_inside"), 10, 3);
        Path weights = tmp.resolve("weights");
        PaperFixtures.vitCheckpoint(weights.resolve(PaperRuns.VIT_WEIGHTS), PaperRuns.vitConfig(PaperBudget.TINY
                .imageSize()), 42);
        PaperRuns runs = new PaperRuns(PaperBudget.TINY, DatasetCatalog.load(Settings.projectDir().resolve(
                "datasets.yaml")), data, weights, Device.cpu(), new RunStore(tmp.resolve("runs")));
        PaperRun regsl = runs.vitNoisyRun("mit-indoor-67", "independent-80", "regsl", 0);
        PaperRun ft = runs.vitNoisyRun("mit-indoor-67", "independent-80", "fine-tuning", 0);
        assertEquals(PaperRuns.VIT_NET, regsl.net());
        assertEquals(38, regsl.weights().get("arraysLoaded"), "4 embedding arrays, 16 per block (2 blocks), the norm");
        assertTrue(String.valueOf(regsl.weights().get("arraysIgnored")).contains("head/kernel"), "the checkpoint's head");
        assertEquals(regsl.setting().get("realisedRate"), ft.setting().get("realisedRate"), "the same noise");
        double d = 0.1568903647089986;
        var encoder = regsl.layers().stream().filter(l -> l.group().equals("encoder") && l.name().endsWith("weight"))
                .toList();
        assertEquals(12, encoder.size(), "q, k, v, out, fc1, fc2 of 2 blocks");
        assertTrue(encoder.stream().allMatch(l -> l.distance() <= d * (1 + 1e-5)), "every encoder weight within D");
        assertTrue(Double.isFinite(regsl.testAccuracy()) && Double.isFinite(ft.testAccuracy()));
    }

    @Test
    void aPaperScaleChestXrayRunTrainsMultiLabelAndGivesTheMeanAuc() throws IOException {
        Path data = tmp.resolve("data");
        PaperFixtures.chestXray(data, 12, 3);
        Path weights = tmp.resolve("weights");
        PaperFixtures.weights(weights.resolve("resnet18-imagenet.safetensors"), ResNet.Depth.RESNET18, false, 42);
        PaperRuns runs = new PaperRuns(PaperBudget.TINY, DatasetCatalog.load(Settings.projectDir().resolve(
                "datasets.yaml")), data, weights, Device.cpu(), new RunStore(tmp.resolve("runs")));
        MultiLabelRun layerWise = runs.multiLabelRun("chestx-ray14",
                PaperHyperparameters.multiLabel("chestx-ray14", "layer-wise"), 0);
        assertEquals(14, layerWise.testAuc().length);
        assertTrue(layerWise.testMeanAuc() >= 0 && layerWise.testMeanAuc() <= 1, "AUC " + layerWise.testMeanAuc());
        assertTrue(layerWise.layers().stream().filter(l -> l.group().equals("layer4")).allMatch(
                l -> l.distance() <= 6.1248 * (1 + 1e-3)), "layer4 bound by d scale^2");
        MultiLabelRun l2sp = runs.multiLabelRun("chestx-ray14", PaperHyperparameters.multiLabel("chestx-ray14", "l2-sp"),
                0);
        assertTrue(Double.isFinite(l2sp.testLoss()));
    }
}
