package org.regsl.bench.data.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.regsl.bench.cache.CacheEntry;
import org.regsl.bench.cache.ConfigHash;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.EmbeddingSet;
import org.regsl.bench.data.paper.SentEval;
import org.regsl.bench.data.paper.SentEvalFolds;

/**
 * C9's paper-scale tasks: SentEval's six classification tasks ({@link SentEval}) in frozen sentence embeddings, each
 * part embedded once and cached (a {@link CacheEntry} keyed by the task, the SHA-256 of its sentences and labels,
 * the encoder and the cache format), cut by SentEval's protocols:
 *
 * <ul>
 *   <li>MR, CR, SUBJ, MPQA: {@link SentEvalFolds#K}-fold cross-validation in SentEval's order and labels (its
 *       positives first: for SUBJ the objective sentences), split {@code k} testing fold {@code k}; its validation
 *       (the checkpoint's) is the first inner fold of the same splitter over the other nine, as SentEval's inner
 *       cross-validation draws it, and the rest trains;
 *   <li>TREC: its test file tests; validation the first fold of the splitter over the training file in SentEval's
 *       order; one split;
 *   <li>SST-2: train, dev (validation) and test as given; one split.
 * </ul>
 */
public final class SentEvalTasks {

    /** One split of a task: what trains, what picks the checkpoint, what is measured. */
    public record Split(EmbeddingSet train, EmbeddingSet val, EmbeddingSet test) {}

    /** The tasks SentEval evaluates by cross-validation. */
    public static final List<String> CROSS_VALIDATED = List.of("MR", "CR", "SUBJ", "MPQA");

    private final Path dir;
    private final Path cacheDir;
    private final String encoderId;
    private final Supplier<TextTasks.Encoder> encoder;
    private final Map<String, Embedded> loaded = new ConcurrentHashMap<>();
    private TextTasks.Encoder open;

    /** A cross-validated task's sentences in SentEval's order and the outer test fold of each (computed once). */
    private record CrossValidation(int[] order, int[] testFolds) {}

    private final Map<String, CrossValidation> folds = new ConcurrentHashMap<>();

    /** A task's sentences with their vectors, part by part. */
    private record Embedded(SentEval.Task task, Map<String, EmbeddingSet> parts) {}

    /** The tasks of the SentEval folder {@code dir}, embedded by {@link SentenceEncoder} and cached in {@code cacheDir}. */
    public SentEvalTasks(Path dir, Path cacheDir) {
        this(dir, cacheDir, SentenceEncoder.ARTIFACT, TextTasks::sentenceEncoder);
    }

    /** As above with another encoder of identity {@code encoderId} (tests). */
    public SentEvalTasks(Path dir, Path cacheDir, String encoderId, Supplier<TextTasks.Encoder> encoder) {
        this.dir = dir;
        this.cacheDir = cacheDir;
        this.encoderId = encoderId;
        this.encoder = encoder;
    }

    /** How many splits {@code task} is evaluated over: {@link SentEvalFolds#K} or 1. */
    public static int splits(String task) {
        return CROSS_VALIDATED.contains(task) ? SentEvalFolds.K : 1;
    }

    /** The classes of {@code task}. */
    public int numClasses(String task) {
        return embedded(task).task().classes().size();
    }

    /** Split {@code k} (0-based) of {@code task}. */
    public Split split(String task, int k) {
        if (k < 0 || k >= splits(task)) {
            throw new IllegalArgumentException(task + " has " + splits(task) + " splits, asked for " + k);
        }
        Embedded e = embedded(task);
        if (task.equals("SST2")) {
            return new Split(e.parts().get("train"), e.parts().get("dev"), e.parts().get("test"));
        }
        if (task.equals("TREC")) {
            EmbeddingSet train = e.parts().get("train");
            int[] order = SentEvalFolds.sentEvalOrder(texts(e.task(), "train"), train.labels());
            int[] inner = SentEvalFolds.testFolds(pick(train.labels(), order), SentEvalFolds.K, SentEvalFolds.SEED);
            return new Split(train.select(task + "/train", where(order, inner, false)), train.select(task + "/val",
                    where(order, inner, true)), e.parts().get("test"));
        }
        EmbeddingSet all = e.parts().get("all");
        int[] y = sentEvalLabels(task, all.labels());
        CrossValidation cv = folds.computeIfAbsent(task, t -> {
            int[] order = sentEvalOrder(texts(e.task(), "all"), y);
            return new CrossValidation(order, SentEvalFolds.testFolds(pick(y, order), SentEvalFolds.K,
                    SentEvalFolds.SEED));
        });
        int[] order = cv.order();
        int[] outer = cv.testFolds();
        List<Integer> rest = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            (outer[i] == k ? test : rest).add(order[i]);
        }
        int[] restPos = rest.stream().mapToInt(Integer::intValue).toArray();
        int[] inner = SentEvalFolds.testFolds(pick(y, restPos), SentEvalFolds.K, SentEvalFolds.SEED);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int i = 0; i < restPos.length; i++) {
            (inner[i] == 0 ? val : train).add(restPos[i]);
        }
        String name = task + "/fold-" + k;
        return new Split(all.select(name + "/train", ints(train)), all.select(name + "/val", ints(val)),
                all.select(name + "/test", ints(test)));
    }

    /** SentEval's labels of a binary task: 1 for its "positive" file (SUBJ's objective sentences), else 0. */
    static int[] sentEvalLabels(String task, int[] ours) {
        int[] y = ours.clone();
        if (task.equals("SUBJ")) {
            for (int i = 0; i < y.length; i++) {
                y[i] = 1 - y[i];
            }
        }
        return y;
    }

    /** SentEval's order of a binary task: its positives, then its negatives, in file order, then the stable sort. */
    static int[] sentEvalOrder(List<String> texts, int[] y) {
        List<Integer> initial = new ArrayList<>();
        for (int label : new int[] {1, 0}) {
            for (int i = 0; i < y.length; i++) {
                if (y[i] == label) {
                    initial.add(i);
                }
            }
        }
        List<String> t = new ArrayList<>();
        int[] yy = new int[y.length];
        for (int i = 0; i < initial.size(); i++) {
            t.add(texts.get(initial.get(i)));
            yy[i] = y[initial.get(i)];
        }
        int[] sorted = SentEvalFolds.sentEvalOrder(t, yy);
        int[] out = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            out[i] = initial.get(sorted[i]);
        }
        return out;
    }

    private static List<String> texts(SentEval.Task task, String part) {
        return task.parts().get(part).stream().map(SentEval.Sentence::text).toList();
    }

    private static int[] pick(int[] values, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = values[positions[i]];
        }
        return out;
    }

    private static int[] where(int[] order, int[] folds, boolean inFirst) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            if ((folds[i] == 0) == inFirst) {
                out.add(order[i]);
            }
        }
        return ints(out);
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private synchronized Embedded embedded(String task) {
        Embedded e = loaded.get(task);
        if (e != null) {
            return e;
        }
        SentEval.Task t = SentEval.load(dir, task);
        List<String> names = new ArrayList<>(t.parts().keySet());
        CacheEntry entry = entry(t);
        try {
            List<EmbeddingSet> parts = entry.isValid() ? EmbeddingCache.read(entry.files().get(0), task, names) : null;
            if (parts == null) {
                if (open == null) {
                    open = encoder.get();
                }
                parts = new ArrayList<>();
                for (String part : names) {
                    List<SentEval.Sentence> s = t.parts().get(part);
                    int[] labels = s.stream().mapToInt(SentEval.Sentence::label).toArray();
                    int[] idx = java.util.stream.IntStream.range(0, s.size()).toArray();
                    parts.add(TextTasks.set(task + "/" + part, open.embed(texts(t, part)), labels, idx,
                            t.classes().size()));
                }
                List<EmbeddingSet> written = parts;
                entry.write(out -> EmbeddingCache.write(written, out));
            }
            Map<String, EmbeddingSet> byName = new LinkedHashMap<>();
            for (int p = 0; p < names.size(); p++) {
                byName.put(names.get(p), parts.get(p));
            }
            e = new Embedded(t, byName);
            loaded.put(task, e);
            return e;
        } catch (IOException io) {
            throw new DatasetException(dir.resolve(task) + ": embedding SentEval task " + task + ": " + io, io);
        }
    }

    /** The cache entry of a task's embeddings: keyed by its sentences and labels, the encoder and the format. */
    CacheEntry entry(SentEval.Task t) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", "senteval/" + t.name());
        config.put("content", contentDigest(t));
        config.put("encoder", encoderId);
        config.put("format", EmbeddingCache.FORMAT);
        return CacheEntry.of(config, cacheDir.resolve("embeddings").resolve("senteval-" + t.name().toLowerCase(
                java.util.Locale.ROOT) + "-" + ConfigHash.of(config, 12) + ".bin"));
    }

    /** SHA-256 over every part's name, sentences and labels, in order. */
    static String contentDigest(SentEval.Task t) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            t.parts().forEach((part, sentences) -> {
                sha.update(("part " + part + "\n").getBytes(StandardCharsets.UTF_8));
                for (SentEval.Sentence s : sentences) {
                    sha.update((s.label() + "\t" + s.text() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }
}
