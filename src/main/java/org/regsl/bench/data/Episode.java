package org.regsl.bench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One few-shot episode (Vinyals et al. 2016): {@code ways} categories drawn from a category set, per category
 * {@code shots} support and {@code queries} query images, disjoint; labels 0..ways-1 in draw order. Everything
 * follows from the seed: {@code java.util.Random(seed)} shuffles the set's categories (the first {@code ways}
 * are the episode's), then, per chosen category in order, its images (the first {@code shots} support, the next
 * {@code queries} query).
 *
 * @param seed the episode's seed (recorded with every value)
 * @param categories the chosen categories (labels of the full set), in label order
 * @param support the support images, category by category
 * @param query the query images, category by category
 */
public record Episode(long seed, int[] categories, LabeledImages support, LabeledImages query) {

    /** The episode of {@code seed} over {@code set}'s categories {@code from}. */
    public static Episode draw(FewShotSplit split, int[] from, int ways, int shots, int queries, long seed) {
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
        int[] labelMap = new int[split.all().numClasses()];
        Arrays.fill(labelMap, -1);
        int[] support = new int[ways * shots];
        int[] query = new int[ways * queries];
        for (int k = 0; k < ways; k++) {
            labelMap[chosen[k]] = k;
            List<Integer> pos = split.positions(chosen[k]);
            if (pos.size() < shots + queries) {
                throw new DatasetException(split.all().name() + ": category " + chosen[k] + " has " + pos.size()
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
        String name = "episode-" + seed + "/" + ways + "-way-" + shots + "-shot";
        return new Episode(seed, chosen, split.all().select(name + "/support", support, labelMap, ways),
                split.all().select(name + "/query", query, labelMap, ways));
    }
}
