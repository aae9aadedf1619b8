package org.regsl.bench.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.EmbeddingSet;
import org.regsl.bench.data.Integrity;
import org.regsl.bench.data.PackageSource;
import org.regsl.bench.data.TarballFixtures;

/**
 * C9's tasks and their embedding cache, on a small AFINN-style package and a stand-in encoder: the recipe's
 * per-class split (sizes, disjoint, labels, same seed same split), the cache read back without fetching or
 * embedding, rebuilt when damaged, keyed by the encoder's identity; a digest mismatch is named.
 */
class TextTasksTest {

    @TempDir
    Path dir;

    private Path tgz;
    private DatasetCatalog catalog;
    private final int[] fetches = {0};
    private final int[] embeds = {0};

    private static final TextRecipe AFINN = TextRecipe.of("afinn-polarity");

    @BeforeEach
    void fixture() throws IOException {
        tgz = TarballFixtures.tgz(dir.resolve("tiny-1.0.0.tgz"), Map.of("package/data/words.json",
                TextFixtures.afinnWords(460)));
        catalog = TextFixtures.catalog(dir, AFINN.dataset(), TextCorpora.AFINN, Integrity.sha512(tgz));
    }

    private PackageSource serving() {
        return (name, version, into) -> {
            fetches[0]++;
            return Files.copy(tgz, into.resolve(tgz.getFileName()));
        };
    }

    /** A stand-in encoder: (polarity of the word, a hash of it, its length). */
    private Supplier<TextTasks.Encoder> encoder() {
        return TextFixtures.encoder(embeds, t -> new float[] {t.startsWith("good") ? 1 : 0, t.hashCode() % 1000,
                t.length()});
    }

    private TextTasks tasks(Path cache, String encoderId) {
        return new TextTasks(catalog, cache, serving(), encoderId, encoder());
    }

    @Test
    void theRecipesSplitIsPerClassDisjointLabelledAndSeeded() {
        TextTask t = tasks(dir.resolve("cache"), "stub-1").get(AFINN);
        assertEquals(2 * AFINN.poolPerClass(), t.pool().size());
        assertEquals(2 * AFINN.valPerClass(), t.val().size());
        assertEquals(2 * AFINN.testPerClass(), t.test().size());
        for (EmbeddingSet s : List.of(t.pool(), t.val(), t.test())) {
            for (int i = 0; i < s.size(); i++) {
                assertEquals(s.labels()[i], (int) s.vectors()[i * s.dim()], s.name() + " row " + i + ": label = polarity");
            }
        }
        Set<Integer> all = new HashSet<>(TextFixtures.indices(t.pool()));
        all.addAll(TextFixtures.indices(t.val()));
        all.addAll(TextFixtures.indices(t.test()));
        assertEquals(t.pool().size() + t.val().size() + t.test().size(), all.size(), "pool, val and test disjoint");
        EmbeddingSet ten = t.train(10);
        assertEquals(20, ten.size());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, ten.labels());
        TextTask again = tasks(dir.resolve("other-cache"), "stub-1").get(AFINN);
        assertArrayEquals(t.pool().indices(), again.pool().indices(), "same seed, same split");
        assertArrayEquals(t.test().vectors(), again.test().vectors());
    }

    @Test
    void theCacheIsReadBackRebuiltWhenDamagedAndKeyedByTheEncoder() throws IOException {
        Path cache = dir.resolve("cache");
        TextTasks first = tasks(cache, "stub-1");
        TextTask t = first.get(AFINN);
        assertEquals(1, fetches[0]);
        Path file = first.entry(AFINN, catalog.get(AFINN.dataset()), "stub-1").files().get(0);
        assertTrue(Files.exists(file));
        int embedded = embeds[0];
        TextTask cached = new TextTasks(catalog, cache, (n, v, d) -> {
            throw new AssertionError("must not fetch when cached");
        }, "stub-1", () -> {
            throw new AssertionError("must not embed when cached");
        }).get(AFINN);
        assertArrayEquals(t.pool().vectors(), cached.pool().vectors());
        assertArrayEquals(t.val().indices(), cached.val().indices());

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        assertArrayEquals(t.test().vectors(), tasks(cache, "stub-1").get(AFINN).test().vectors(), "rebuilt");
        assertEquals(2, fetches[0], "a damaged entry is rebuilt from the verified package");
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 10));
        tasks(cache, "stub-1").get(AFINN);
        assertEquals(3, fetches[0], "a truncated entry is rebuilt too");

        TextTasks other = tasks(cache, "stub-2");
        other.get(AFINN);
        assertEquals(4, fetches[0], "another encoder identity is another entry");
        assertTrue(embeds[0] > embedded);
        assertNotEquals(file, other.entry(AFINN, catalog.get(AFINN.dataset()), "stub-2").files().get(0));
        assertTrue(Files.exists(file), "the first encoder's entry stays");
    }

    @Test
    void aDigestMismatchIsNamedAndLeavesNoEntry() throws IOException {
        DatasetCatalog wrong = TextFixtures.catalog(dir, AFINN.dataset(), TextCorpora.AFINN, "sha512-" + "A".repeat(86)
                + "==");
        Path cache = dir.resolve("cache");
        DatasetException e = assertThrows(DatasetException.class, () -> new TextTasks(wrong, cache, serving(),
                "stub-1", encoder()).get(AFINN));
        assertTrue(e.getMessage().contains(AFINN.dataset()), e.getMessage());
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        assertEquals(0, embeds[0], "nothing embedded from an unverified package");
        assertTrue(!Files.exists(cache.resolve("embeddings")) || Files.list(cache.resolve("embeddings")).findAny()
                .isEmpty(), "no cache entry");
    }

    @Test
    void tooFewTextsOfAClassIsNamed() throws IOException {
        tgz = TarballFixtures.tgz(dir.resolve("tiny-1.0.0.tgz"), Map.of("package/data/words.json",
                TextFixtures.afinnWords(40)));
        catalog = TextFixtures.catalog(dir, AFINN.dataset(), TextCorpora.AFINN, Integrity.sha512(tgz));
        DatasetException e = assertThrows(DatasetException.class, () -> tasks(dir.resolve("cache"), "stub-1")
                .get(AFINN));
        assertTrue(e.getMessage().contains("class 'negative' has 40 texts"), e.getMessage());
    }
}
