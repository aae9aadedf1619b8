package org.regsl.bench.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.data.paper.SentEval;
import org.regsl.bench.data.paper.SentEvalFolds;
import org.regsl.bench.tools.PaperFixtures;

/**
 * C9's paper-scale splits on the generated SentEval fixture and a stand-in encoder: ten folds that partition a
 * cross-validated task, stratified, each with a disjoint validation inside its training part; SentEval's order
 * (SUBJ's objective sentences as its positives); TREC and SST-2 as given; embeddings cached once.
 */
class SentEvalTasksTest {

    @TempDir
    Path dir;

    private final int[] embeds = {0};

    private Supplier<TextTasks.Encoder> encoder() {
        return TextFixtures.encoder(embeds, t -> new float[] {t.length(), t.hashCode() % 97});
    }

    @Test
    void tenStratifiedFoldsPartitionACrossValidatedTask() throws IOException {
        Path root = PaperFixtures.sentEval(dir, 30, 5);
        SentEvalTasks tasks = new SentEvalTasks(root, dir.resolve("cache"), "stub", encoder());
        assertEquals(10, SentEvalTasks.splits("MR"));
        Set<Integer> tested = new HashSet<>();
        for (int k = 0; k < 10; k++) {
            SentEvalTasks.Split s = tasks.split("MR", k);
            assertEquals(6, s.test().size(), "60 sentences over 10 folds");
            assertEquals(3, java.util.Arrays.stream(s.test().labels()).filter(l -> l == 1).count(), "stratified");
            Set<Integer> train = TextFixtures.indices(s.train());
            Set<Integer> val = TextFixtures.indices(s.val());
            Set<Integer> test = TextFixtures.indices(s.test());
            assertTrue(!val.isEmpty() && train.size() + val.size() + test.size() == 60);
            train.retainAll(val);
            assertTrue(train.isEmpty(), "validation is not trained on");
            val.retainAll(test);
            assertTrue(val.isEmpty());
            tested.addAll(test);
        }
        assertEquals(60, tested.size(), "every sentence is tested once");
        assertThrows(IllegalArgumentException.class, () -> tasks.split("MR", 10));
        assertEquals(1, embeds[0], "one task embedded once");
        new SentEvalTasks(root, dir.resolve("cache"), "stub", () -> {
            throw new AssertionError("cached");
        }).split("MR", 3);
    }

    @Test
    void sentEvalsOrderPutsItsPositivesFirstAndSortsByTokensThenLabel() throws IOException {
        Path root = PaperFixtures.sentEval(dir, 30, 5);
        SentEval.Task subj = SentEval.load(root, "SUBJ");
        List<SentEval.Sentence> all = subj.parts().get("all");
        int[] ours = all.stream().mapToInt(SentEval.Sentence::label).toArray();
        int[] y = SentEvalTasks.sentEvalLabels("SUBJ", ours);
        assertEquals(1 - ours[0], y[0], "SentEval's SUBJ positives are the objective sentences");
        int[] order = SentEvalTasks.sentEvalOrder(all.stream().map(SentEval.Sentence::text).toList(), y);
        for (int i = 1; i < order.length; i++) {
            int a = SentEvalFolds.tokens(all.get(order[i - 1]).text());
            int b = SentEvalFolds.tokens(all.get(order[i]).text());
            assertTrue(a < b || a == b && y[order[i - 1]] <= y[order[i]], "sorted by (tokens, label) at " + i);
            if (a == b && y[order[i - 1]] == y[order[i]] && y[order[i]] == 1) {
                assertTrue(order[i - 1] < order[i], "stable among equals");
            }
        }
    }

    @Test
    void trecAndSst2KeepTheirFiles() throws IOException {
        Path root = PaperFixtures.sentEval(dir, 30, 5);
        SentEvalTasks tasks = new SentEvalTasks(root, dir.resolve("cache"), "stub", encoder());
        SentEvalTasks.Split trec = tasks.split("TREC", 0);
        assertEquals(6, tasks.numClasses("TREC"));
        assertEquals(180, trec.train().size() + trec.val().size());
        assertEquals(18, trec.val().size(), "one fold of ten, three per class");
        assertEquals(6 * 8, trec.test().size());
        SentEvalTasks.Split sst = tasks.split("SST2", 0);
        assertEquals(60, sst.train().size());
        assertEquals(16, sst.val().size());
        assertArrayEquals(sst.test().labels(), new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
    }
}
