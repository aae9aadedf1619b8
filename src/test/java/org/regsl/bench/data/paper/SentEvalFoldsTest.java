package org.regsl.bench.data.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SentEval's folds against scikit-learn 1.2.1 ({@code src/test/python/senteval_folds.py} wrote
 * {@code golden/senteval-folds.json}): StratifiedKFold with shuffling for several label vectors, and one binary
 * task in SentEval's order (positives first, stable sort by token count and label, a no-break space counted as
 * Python counts it).
 */
class SentEvalFoldsTest {

    private static JsonNode golden() throws IOException {
        try (InputStream in = SentEvalFoldsTest.class.getResourceAsStream("/golden/senteval-folds.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    @Test
    void stratifiedFoldsEqualScikitLearns() throws IOException {
        JsonNode cases = golden().get("cases");
        assertEquals(6, cases.size());
        for (JsonNode c : cases) {
            assertArrayEquals(ints(c.get("testFolds")), SentEvalFolds.testFolds(ints(c.get("y")), c.get("k").asInt(),
                    c.get("seed").asLong()), c.get("name").asText());
        }
    }

    @Test
    void aBinaryTaskInSentEvalsOrderGetsScikitLearnsFolds() throws IOException {
        JsonNode t = golden().get("binaryTask");
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        t.get("positive").forEach(s -> {
            texts.add(s.asText());
            labels.add(1);
        });
        t.get("negative").forEach(s -> {
            texts.add(s.asText());
            labels.add(0);
        });
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        int[] order = SentEvalFolds.sentEvalOrder(texts, y);
        assertArrayEquals(ints(t.get("order")), order);
        int[] sortedLabels = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sortedLabels[i] = y[order[i]];
        }
        assertArrayEquals(ints(t.get("labels")), sortedLabels);
        assertArrayEquals(ints(t.get("testFolds")), SentEvalFolds.testFolds(sortedLabels, t.get("k").asInt(),
                t.get("seed").asLong()));
    }

    @Test
    void tokensAndTooFewMembers() {
        assertEquals(3, SentEvalFolds.tokens("  the best\u00a0thing "));
        assertEquals(0, SentEvalFolds.tokens(" \t"));
        assertThrows(IllegalArgumentException.class, () -> SentEvalFolds.testFolds(new int[] {0, 1, 0}, 10, 1111));
    }
}
