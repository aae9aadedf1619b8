package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.config.PaperBudget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.model.ResNet12;
import org.regsl.bench.model.ResNet12Checkpoint;
import org.regsl.bench.model.Net;
import org.regsl.bench.tools.PaperFixtures;

/**
 * C8's paper cells end to end on the fixture at the tiny budget: miniImageNet's layout, episodes of the novel
 * classes only, the pretrained backbone from RFS's layout, the three methods on the same sets, and the layer-wise
 * radii derived from the same episode's fine-tuning.
 */
class PaperFewShotRunsTest {

    @TempDir
    Path tmp;

    private PaperFewShotRuns runs(Path weights) throws IOException {
        Path data = tmp.resolve("data");
        PaperFixtures.miniImageNet(data, 3, 2, 5, 8, 7);
        PaperRuns paper = new PaperRuns(PaperBudget.TINY, DatasetCatalog.load(Settings.projectDir().resolve(
                "datasets.yaml")), data, weights, Device.cpu(), new RunStore(tmp.resolve("runs")));
        return new PaperFewShotRuns(paper, new RunStore(tmp.resolve("runs")));
    }

    @Test
    void episodesComeFromTheNovelClassesAndTheirSeed() throws IOException {
        PaperFewShotRuns runs = runs(tmp.resolve("weights"));
        PaperFewShotRuns.Episode a = runs.episode(5, 0);
        assertEquals(25, a.support().size());
        assertEquals(15, a.query().size(), "the tiny budget's 3 queries per class");
        for (var f : a.support().labels()) {
            assertTrue(f >= 0 && f < 5);
        }
        assertTrue(a.support().name().contains("episode-" + FewShotProtocol.episodeSeed("novel", 5, 0)));
        PaperFewShotRuns.Episode b = runs.episode(5, 0);
        assertArrayEquals(a.categories(), b.categories());
        assertEquals(a.support().name(), b.support().name());
        assertTrue(runs.splits().test().stream().allMatch(f -> f.file().getFileName().toString().matches(
                "n0000000[5-9].*")), "novel classes are the fixture's last five (n00000005..9)");
        for (var f : a.support().labels()) {
            assertTrue(f >= 0 && f < 5);
        }
    }

    @Test
    void theThreeMethodsRunOnOneEpisodeAndTheRadiiFollowFineTuning() throws IOException {
        Path weights = tmp.resolve("weights");
        PaperFixtures.resNet12Checkpoint(weights.resolve(PaperFewShotRuns.CHECKPOINT), PaperFewShotRuns.TINY_NET,
                PaperBudget.TINY.imageSize(), 3);
        PaperFewShotRuns runs = runs(weights);
        FewShotValues v = PaperHyperparameters.fewShot(1);
        EpisodeRun ft = runs.get(1, 0, "fine-tuning", v);
        EpisodeRun lw = runs.get(1, 0, "layer-wise", v);
        EpisodeRun rfs = runs.get(1, 0, FewShotRuns.RFS, v);
        for (EpisodeRun r : new EpisodeRun[] {ft, lw, rfs}) {
            assertTrue(r.queryAccuracy() >= 0 && r.queryAccuracy() <= 1, r.id());
            assertEquals(ft.episodeSeed(), r.episodeSeed(), "the same episode");
            assertEquals(80, r.config().get("tensorsLoaded"), "4 stages x (4 convolutions + 4 batch norms x 4 arrays)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Double> travelled = (Map<String, Double>) ft.config().get("travelled");
        @SuppressWarnings("unchecked")
        Map<String, Double> radii = (Map<String, Double>) lw.config().get("hyperparameters");
        assertEquals(v.f() * travelled.get("stage1"), radii.get("d"), 1e-12);
        assertEquals(v.h() * travelled.get("head"), radii.get("head"), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Double> lwTravelled = (Map<String, Double>) lw.config().get("travelled");
        assertTrue(lwTravelled.get("stage1") <= radii.get("d") * (1 + 1e-5), "stage 1 within its radius");
        assertSame(ft, runs.get(1, 0, "fine-tuning", v), "computed once");
        assertTrue(Files.exists(tmp.resolve("runs").resolve(lw.id().replace('/', '_') + ".json")));
    }

    @Test
    void aCheckpointOfOtherWidthsIsRefusedNamingTheKey() throws IOException {
        Path weights = tmp.resolve("weights");
        PaperFixtures.resNet12Checkpoint(weights.resolve(PaperFewShotRuns.CHECKPOINT), new ResNet12.Config(new int[] {
            4, 4, 4, 4}, 0, 1), PaperBudget.TINY.imageSize(), 3);
        PaperFewShotRuns runs = runs(weights);
        try (Net net = runs.net(5, 0)) {
            IOException e = assertThrows(IOException.class, () -> ResNet12Checkpoint.importInto((ResNet12) net.block(),
                    weights.resolve(PaperFewShotRuns.CHECKPOINT)));
            assertTrue(e.getMessage().contains("layer1.0.conv1.weight") && e.getMessage().contains(
                    PaperFewShotRuns.CHECKPOINT), e.getMessage());
        }
    }

    @Test
    void pretrainingOnTheBaseClassesWritesABackboneTheEpisodesLoad() throws IOException {
        Path weights = tmp.resolve("weights");
        PaperFewShotRuns runs = runs(weights);
        Path out = weights.resolve(PaperFewShotRuns.CHECKPOINT);
        double acc = runs.pretrain(out, 2, 5);
        assertTrue(acc >= 0 && acc <= 1);
        assertTrue(Files.size(out) > 0);
        EpisodeRun rfs = runs.get(5, 0, FewShotRuns.RFS, PaperHyperparameters.fewShot(5));
        assertEquals(80, rfs.config().get("tensorsLoaded"));
    }

    @Test
    void rfsMilestonesLowerTheRateAfterEpochs60And80() {
        org.regsl.bench.train.LrPolicy p = org.regsl.bench.train.LrPolicy.milestones(0.05, 0.1, 60, 80);
        assertEquals(0.05, p.lr(1), 1e-15);
        assertEquals(0.05, p.lr(60), 1e-15);
        assertEquals(0.005, p.lr(61), 1e-15);
        assertEquals(0.0005, p.lr(81), 1e-15);
        assertEquals(0.0005, p.lr(100), 1e-15);
    }
}
