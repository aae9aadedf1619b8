package org.regsl.bench.claims;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.experiment.PaperRuns;

/**
 * The guards of every paper-scale case: it runs only when the paper scale is selected
 * ({@code -Dregsl.scale=paper}), its data set is under REGSL_DATA, a GPU is present (or
 * {@code -Dregsl.device=cpu} forces the CPU) and, for a pretrained start, its weights file is
 * under REGSL_WEIGHTS; otherwise it is skipped (aborted) with the reason, never passed. The
 * messages start with the words {@code categories.json} matches on.
 */
final class PaperScale {

    private PaperScale() {}

    /** Skips the calling test unless paper-scale data set {@code name} and a device for it are available. */
    static void assumeAvailable(String name) {
        Assumptions.assumeTrue(Settings.scale().equals("paper"), () -> "paper scale not selected: " + name
                + " cells run with -Dregsl.scale=paper (GPU runners: mvn verify -Pgpu -Dregsl.scale=paper)");
        DatasetSpec spec = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml")).get(name);
        Path root = Settings.paperDataRoot();
        Path dir = root == null ? null : root.resolve(spec.layoutString("folder"));
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), () -> "data set missing: " + name
                + " is not under REGSL_DATA" + (root == null ? " (REGSL_DATA is not set)" : " (looked in " + dir + ")")
                + "; fetch it with the FetchData command (README)");
        Assumptions.assumeTrue(Settings.device().equals("cpu") || Engine.getInstance().getGpuCount() > 0,
                () -> "no GPU: the paper scale of " + name + " needs a CUDA device (mvn verify -Pgpu"
                        + " -Dregsl.scale=paper on a GPU runner), or -Dregsl.device=cpu to force the CPU");
    }

    /** Skips the calling test unless the weights of start {@code init} are present. */
    static void assumeWeights(PaperRuns runs, String init) {
        Path file = runs.weightsFile(runs.budget().perturbedLossNet(), init);
        Assumptions.assumeTrue(file == null ? init.equals("random") : Files.isRegularFile(file),
                () -> "weights missing: the " + init + " start needs " + (file == null
                        ? "REGSL_WEIGHTS (not set) holding " + runs.budget().perturbedLossNet() + "-"
                                + (init.equals("adversarial") ? "robust" : "imagenet") + ".safetensors"
                        : file) + " (README, pretrained weights)");
    }

    /**
     * Skips a paper-scale case of a claim whose paper-scale runner does not exist yet (after the
     * availability checks, so the reason shown is the first one that applies).
     */
    static void assumeRunnable(String name) {
        assumeAvailable(name);
        Assumptions.abort("paper-scale runner not implemented yet: " + name + " is present, but only C1's"
                + " perturbed-loss cells have a paper-scale runner so far");
    }
}
