package org.regsl.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** C8's split and episodes: disjoint category sets, support and query disjoint, classes from the set, seeds. */
class EpisodeTest {

    /** 120 categories of 30 one-pixel images whose value encodes (category, image). */
    private static LabeledImages all() {
        int cats = 120;
        int per = 30;
        byte[] px = new byte[cats * per];
        int[] labels = new int[cats * per];
        int[] idx = new int[cats * per];
        for (int i = 0; i < px.length; i++) {
            labels[i] = i % cats;
            idx[i] = i;
            px[i] = (byte) i;
        }
        return new LabeledImages("fake", px, labels, idx, 1, 1, cats);
    }

    @Test
    void theSplitIsDisjointAndFixedBySeed() {
        FewShotSplit s = FewShotSplit.of(all());
        assertEquals(64, s.base().length);
        assertEquals(16, s.validation().length);
        assertEquals(20, s.novel().length);
        Set<Integer> seen = new HashSet<>();
        IntStream.concat(IntStream.concat(Arrays.stream(s.base()), Arrays.stream(s.validation())),
                Arrays.stream(s.novel())).forEach(c -> assertTrue(seen.add(c), "category " + c + " in two sets"));
        assertArrayEquals(s.novel(), FewShotSplit.of(all()).novel(), "same seed, same split");
        TaskData base = s.baseTask(5);
        assertEquals(64, base.numClasses());
        assertEquals(64 * 25, base.train().size());
        assertEquals(64 * 5, base.test().size());
        Set<Integer> train = new HashSet<>();
        Arrays.stream(base.train().indices()).forEach(train::add);
        assertTrue(Arrays.stream(base.test().indices()).noneMatch(train::contains), "source train and test disjoint");
    }

    @Test
    void anEpisodeDrawsDisjointSupportAndQueryFromItsSetOnly() {
        FewShotSplit s = FewShotSplit.of(all());
        Episode e = Episode.draw(s, s.novel(), 5, 5, 15, 42);
        assertEquals(25, e.support().size());
        assertEquals(75, e.query().size());
        Set<Integer> novel = new HashSet<>();
        Arrays.stream(s.novel()).forEach(novel::add);
        Arrays.stream(e.categories()).forEach(c -> assertTrue(novel.contains(c), "category " + c + " is novel"));
        assertEquals(5, Arrays.stream(e.categories()).distinct().count());
        Set<Integer> support = new HashSet<>();
        Arrays.stream(e.support().indices()).forEach(support::add);
        assertTrue(Arrays.stream(e.query().indices()).noneMatch(support::contains), "support and query disjoint");
        for (int i = 0; i < e.query().size(); i++) {
            int original = e.query().indices()[i];
            assertEquals(e.categories()[e.query().labels()[i]], original % 120, "labels follow the categories");
        }
        Episode again = Episode.draw(s, s.novel(), 5, 5, 15, 42);
        assertArrayEquals(e.support().indices(), again.support().indices(), "same seed, same episode");
        assertArrayEquals(e.query().indices(), again.query().indices());
        assertNotEquals(Arrays.toString(e.support().indices()),
                Arrays.toString(Episode.draw(s, s.novel(), 5, 5, 15, 43).support().indices()), "another seed differs");
        assertThrows(IllegalArgumentException.class, () -> Episode.draw(s, s.novel(), 21, 1, 1, 1));
        assertThrows(DatasetException.class, () -> Episode.draw(s, s.novel(), 5, 20, 15, 1));
    }
}
