package org.regsl.bench.claims;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetSpec;

/**
 * The guard of every paper-scale case: it runs only when its data set is under REGSL_DATA and a
 * GPU is present; otherwise it is skipped (aborted) with the reason, never passed. The messages
 * start with the words {@code categories.json} matches on.
 */
final class PaperScale {

    private PaperScale() {}

    /** Skips the calling test unless paper-scale data set {@code name} and a GPU are available. */
    static void assumeRunnable(String name) {
        DatasetSpec spec = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml")).get(name);
        Path root = Settings.paperDataRoot();
        Path dir = root == null ? null : root.resolve(spec.layoutString("folder"));
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), () -> "data set missing: " + name
                + " is not under REGSL_DATA" + (root == null ? " (REGSL_DATA is not set)" : " (looked in " + dir + ")")
                + "; see datasets.yaml for its source and the README for the layout");
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() > 0, () -> "no GPU: the paper scale of " + name
                + " needs a CUDA device (mvn verify -Pgpu -Dregsl.scale=paper on a GPU runner)");
        Assumptions.abort("paper-scale runner not implemented yet: " + name + " and a GPU are present, but the"
                + " ImageNet-pretrained ResNet pipeline lands with the paper-scale issue (#5)");
    }
}
