package org.regsl.bench.data;


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
        EpisodeDraw d = EpisodeDraw.of(from, split::positions, split.all().name(), ways, shots, queries, seed);
        int[] labelMap = d.labelMap(split.all().numClasses());
        String name = "episode-" + seed + "/" + ways + "-way-" + shots + "-shot";
        return new Episode(seed, d.chosen(), split.all().select(name + "/support", d.support(), labelMap, ways),
                split.all().select(name + "/query", d.query(), labelMap, ways));
    }
}
