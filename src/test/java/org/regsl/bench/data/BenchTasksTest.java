package org.regsl.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The split rule: disjoint train / val / test, and superset sources that never touch a target split. */
class BenchTasksTest {

    private static LabeledImages images(int classes, int perClass) {
        int n = classes * perClass;
        int[] labels = new int[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            idx[i] = i;
        }
        return new LabeledImages("fixture", new byte[n * 4], labels, idx, 2, 2, classes);
    }

    private static Set<Integer> ids(LabeledImages... sets) {
        Set<Integer> s = new HashSet<>();
        for (LabeledImages l : sets) {
            Arrays.stream(l.indices()).forEach(s::add);
        }
        return s;
    }

    @Test
    void supersetSourceFromTheEndNeverSharesAnImageWithATarget() {
        LabeledImages all = images(10, 40);
        TaskData target = BenchTasks.split("fashion-novel", all, new int[] {5, 6, 7, 8, 9}, 5, 4, 6, false);
        TaskData source = BenchTasks.split("fashion-all", all, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 20, 0, 5,
                true);
        Set<Integer> t = ids(target.train(), target.val(), target.test());
        assertEquals(5 * 15, t.size(), "train, val and test are disjoint");
        Set<Integer> s = ids(source.train(), source.test());
        assertEquals(10 * 25, s.size());
        s.retainAll(t);
        assertTrue(s.isEmpty(), "shared images: " + s);
        assertTrue(Arrays.stream(target.train().labels()).allMatch(l -> l >= 0 && l < 5), "relabelled 0-4");
    }

    @Test
    void tooSmallAClassIsAClearError() {
        DatasetException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
                () -> BenchTasks.split("digits-0-4", images(5, 10), new int[] {0, 1}, 8, 0, 5, false));
        assertTrue(e.getMessage().contains("class 0 has 10 images, the digits-0-4 split needs 13"), e.getMessage());
    }
}
