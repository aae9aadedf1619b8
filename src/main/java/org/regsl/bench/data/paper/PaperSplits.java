package org.regsl.bench.data.paper;

import org.regsl.bench.data.NumpyRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The train / validation / test split of a paper-scale data set as the official code builds it,
 * with the class names in label order.
 */
public record PaperSplits(String dataset, List<String> classes, List<ImageFile> train, List<ImageFile> val,
        List<ImageFile> test) {

    /** Number of classes. */
    public int numClasses() {
        return classes.size();
    }

    /**
     * Splits {@code official} training images into (train, val) the way the official loaders hold
     * out validation: a {@code numpy.random.seed(0)} permutation, the first {@code floor(share n)}
     * positions to validation, the rest to training (REGSL-SPEC 6.1).
     */
    static List<List<ImageFile>> holdOut(List<ImageFile> official, double share) {
        int n = official.size();
        int[] perm = NumpyRandom.permutation(0, n);
        int nVal = (int) Math.floor(share * n);
        List<ImageFile> val = new ArrayList<>();
        List<ImageFile> train = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (i < nVal ? val : train).add(official.get(perm[i]));
        }
        return List.of(train, val);
    }
}
