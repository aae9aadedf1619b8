package org.regsl.bench.tools;

import java.nio.file.Path;
import org.regsl.bench.data.paper.PaperFixtures;
import org.regsl.bench.model.ResNet;

/**
 * Writes a tiny CUB-200-2011 fixture (official layout, 4 classes, 10 train + 3 test images each)
 * and random stand-in ResNet-18 weights files ({@code weights/resnet18-imagenet.safetensors}, and
 * {@code resnet18-robust.safetensors} in the robust checkpoints' key layout) under a folder, to run
 * the paper-scale C1 cells end to end on CPU without the real data set or weights:
 *
 * <pre>
 * mvn -q test-compile exec:exec -Dregsl.main=org.regsl.bench.tools.MakePaperFixture -Dregsl.args=/tmp/regsl-fixture
 * REGSL_DATA=/tmp/regsl-fixture REGSL_WEIGHTS=/tmp/regsl-fixture/weights mvn verify -Dregsl.scale=paper -Dregsl.budget=tiny -Dregsl.device=cpu -Dit.test=PerturbedLossClaimIT
 * </pre>
 */
public final class MakePaperFixture {

    private MakePaperFixture() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MakePaperFixture <folder that will hold CUB_200_2011>");
            System.exit(2);
        }
        Path dir = PaperFixtures.cub(Path.of(args[0]), 4, 10, 3, 2021);
        Path weights = Path.of(args[0]).resolve("weights");
        PaperFixtures.weights(weights.resolve("resnet18-imagenet.safetensors"), ResNet.Depth.RESNET18, false, 1);
        PaperFixtures.weights(weights.resolve("resnet18-robust.safetensors"), ResNet.Depth.RESNET18, true, 2);
        System.out.println("CUB-200-2011 fixture written to " + dir + "; random stand-in weights (not ImageNet) in "
                + weights);
    }
}
