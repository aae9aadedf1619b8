package org.regsl.bench.tools;

import java.nio.file.Path;
import org.regsl.bench.data.paper.PaperFixtures;
import org.regsl.bench.model.ResNet;

/**
 * Writes tiny CUB-200-2011 (4 classes) and MIT-Indoor-67 (3 classes) fixtures in their official
 * layouts (10 train + 3 test images per class)
 * and random stand-in ResNet-18 weights files ({@code weights/resnet18-imagenet.safetensors}, and
 * {@code resnet18-robust.safetensors} in the robust checkpoints' key layout) under a folder, to run
 * the paper-scale C1 cells and C5's README cells end to end on CPU without the real data or weights:
 *
 * <pre>
 * mvn -q test-compile exec:exec -Dregsl.main=org.regsl.bench.tools.MakePaperFixture -Dregsl.args=/tmp/regsl-fixture
 * REGSL_DATA=/tmp/regsl-fixture REGSL_WEIGHTS=/tmp/regsl-fixture/weights mvn verify -Dregsl.scale=paper -Dregsl.budget=tiny -Dregsl.device=cpu -Dit.test=PerturbedLossClaimIT,LabelNoiseClaimIT
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
        PaperFixtures.indoor(Path.of(args[0]), java.util.List.of("airport_inside", "bar", "kitchen"), 10, 3);
        Path weights = Path.of(args[0]).resolve("weights");
        PaperFixtures.weights(weights.resolve("resnet18-imagenet.safetensors"), ResNet.Depth.RESNET18, false, 1);
        PaperFixtures.weights(weights.resolve("resnet18-robust.safetensors"), ResNet.Depth.RESNET18, true, 2);
        System.out.println("CUB-200-2011 and MIT-Indoor-67 fixtures written next to " + dir + "; random stand-in weights (not ImageNet) in "
                + weights);
    }
}
