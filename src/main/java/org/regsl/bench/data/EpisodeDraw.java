package org.regsl.bench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The draw of one few-shot episode, shared by the bench's QuickDraw episodes ({@link Episode}) and the paper
 * scale's miniImageNet episodes: {@code java.util.Random(seed)} shuffles the category set (the first {@code ways}
 * are the episode's), then, per chosen category in order, the positions of its images (the first {@code shots}
 * support, the next {@code queries} query). Labels are 0..ways-1 in draw order.
 *
 * @param chosen the chosen categories, in label order
 * @param support support positions, category by category
 * @param query query positions, category by category
 */
public record EpisodeDraw(int[] chosen, int[] support, int[] query) {

    /**
     * The draw of {@code seed} over categories {@code from}; {@code positions} gives a category's image positions
     * (a fresh list each call, in a fixed order); {@code setName} names the set in errors.
     */
    public static EpisodeDraw of(int[] from, IntFunction<List<Integer>> positions, String setName, int ways,
            int shots, int queries, long seed) {
        if (ways > from.length) {
            throw new IllegalArgumentException(ways + "-way episodes need " + ways + " categories, the set has "
                    + from.length);
        }
        Random r = new Random(seed);
        List<Integer> cats = new ArrayList<>();
        for (int c : from) {
            cats.add(c);
        }
        Collections.shuffle(cats, r);
        int[] chosen = cats.subList(0, ways).stream().mapToInt(Integer::intValue).toArray();
        int[] support = new int[ways * shots];
        int[] query = new int[ways * queries];
        for (int k = 0; k < ways; k++) {
            List<Integer> pos = positions.apply(chosen[k]);
            if (pos.size() < shots + queries) {
                throw new DatasetException(setName + ": category " + chosen[k] + " has " + pos.size()
                        + " images, an episode needs " + (shots + queries));
            }
            Collections.shuffle(pos, r);
            for (int i = 0; i < shots; i++) {
                support[k * shots + i] = pos.get(i);
            }
            for (int i = 0; i < queries; i++) {
                query[k * queries + i] = pos.get(shots + i);
            }
        }
        return new EpisodeDraw(chosen, support, query);
    }

    /** Category -> its episode label (0..ways-1), -1 for the others, over {@code numClasses} categories. */
    public int[] labelMap(int numClasses) {
        int[] m = new int[numClasses];
        Arrays.fill(m, -1);
        for (int k = 0; k < chosen.length; k++) {
            m[chosen[k]] = k;
        }
        return m;
    }
}
