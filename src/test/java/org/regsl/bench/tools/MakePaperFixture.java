package org.regsl.bench.tools;

import java.nio.file.Path;
import org.regsl.bench.data.paper.PaperFixtures;

/**
 * Writes a tiny CUB-200-2011 fixture (official layout, 4 classes, 10 train + 3 test images each)
 * under a folder, to run a paper-scale cell end to end on CPU without the real data set:
 *
 * <pre>
 * mvn -q test-compile exec:exec -Dregsl.main=org.regsl.bench.tools.MakePaperFixture -Dregsl.args=/tmp/regsl-fixture
 * REGSL_DATA=/tmp/regsl-fixture mvn verify -Dregsl.scale=paper -Dregsl.budget=tiny -Dregsl.device=cpu -Dit.test=PerturbedLossClaimIT
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
        System.out.println("CUB-200-2011 fixture written to " + dir);
    }
}
