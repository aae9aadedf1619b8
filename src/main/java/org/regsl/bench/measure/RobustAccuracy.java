package org.regsl.bench.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Batches;
import org.regsl.bench.train.PgdAttack;

/** Accuracy under a PGD attack on the first {@code n} images of a set, in chunks of 100. */
public final class RobustAccuracy {

    private RobustAccuracy() {}

    public static double of(Net net, ImageSet set, int n, PgdAttack attack) {
        int m = Math.min(n, set.size());
        int[] pos = Batches.identity(m);
        long correct = 0;
        for (int from = 0; from < m; from += 100) {
            int to = Math.min(m, from + 100);
            try (NDManager sub = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = Batches.images(sub, set, pos, from, to);
                NDArray y = Batches.labels(sub, set.labels(), pos, from, to);
                NDArray xa = attack.apply(net, x, y);
                correct += net.forward(xa, false).argMax(1).eq(y).sum().getLong();
            }
        }
        return (double) correct / m;
    }
}
