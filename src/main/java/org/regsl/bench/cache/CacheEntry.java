package org.regsl.bench.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry of an on-disk cache: one or more files plus a manifest ({@code <first file>.check.json})
 * holding the entry's configuration and, per file, its length and SHA-256. The manifest is written
 * last, after every file has been written to a temporary file, flushed to disk and renamed into
 * place; so an entry whose writer was killed has no (or a stale) manifest and never looks complete.
 *
 * <p>{@link #isValid()} checks the manifest against the expected configuration and every file
 * against its recorded length and digest. A damaged, truncated, foreign or half-written entry is
 * named in a warning and deleted, and the caller rebuilds it; it is never used.
 */
public final class CacheEntry {

    private static final Logger LOG = LoggerFactory.getLogger(CacheEntry.class);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    static final int FORMAT = 1;

    /** Writes the content of one file of an entry. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Map<String, Object> config;
    private final List<Path> files;

    private CacheEntry(Map<String, Object> config, List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a cache entry needs at least one file");
        }
        Path dir = files.get(0).getParent();
        for (Path f : files) {
            if (!f.getParent().equals(dir)) {
                throw new IllegalArgumentException("the files of a cache entry share one folder: " + files);
            }
        }
        this.config = config;
        this.files = List.copyOf(files);
    }

    /** The entry made of {@code files} (all in one folder) built from {@code config}. */
    public static CacheEntry of(Map<String, Object> config, Path... files) {
        return new CacheEntry(config, List.of(files));
    }

    /** The manifest: configuration, and length and SHA-256 of each file. */
    public Path manifest() {
        Path first = files.get(0);
        return first.resolveSibling(first.getFileName() + ".check.json");
    }

    /** The files of this entry. */
    public List<Path> files() {
        return files;
    }

    /**
     * True when the entry is complete: its manifest names this configuration and every file has
     * the recorded length and digest. An absent entry (no file, no manifest) is quietly false; any
     * other failed check is named in a warning and the entry's files are deleted.
     */
    public boolean isValid() {
        boolean anything = Files.exists(manifest()) || files.stream().anyMatch(Files::exists);
        if (!anything) {
            return false;
        }
        String problem = problem();
        if (problem == null) {
            return true;
        }
        LOG.warn("cache entry {} is {}; discarding it and rebuilding", files.get(0), problem);
        discard();
        return false;
    }

    /** What is wrong with the entry as found on disk, or null when it is complete and matches. */
    String problem() {
        if (!Files.exists(manifest())) {
            return "without its manifest " + manifest().getFileName() + " (an unverified or half-written entry)";
        }
        JsonNode m;
        try {
            m = CANONICAL.readTree(manifest().toFile());
        } catch (IOException e) {
            return "unreadable: its manifest " + manifest().getFileName() + " does not parse (" + e.getMessage() + ")";
        }
        if (m == null || m.path("format").asInt() != FORMAT) {
            return "of an unknown manifest format in " + manifest().getFileName();
        }
        if (!canonical(config).equals(m.path("config"))) {
            return "stale: its manifest records another configuration";
        }
        for (Path f : files) {
            JsonNode rec = m.path("files").path(f.getFileName().toString());
            if (rec.isMissingNode()) {
                return "incomplete: the manifest does not list " + f.getFileName();
            }
            if (!Files.exists(f)) {
                return "incomplete: " + f.getFileName() + " is missing";
            }
            try {
                long length = Files.size(f);
                if (length != rec.path("length").asLong(-1)) {
                    return "truncated or damaged: " + f.getFileName() + " has " + length + " bytes, the manifest "
                            + rec.path("length").asLong(-1);
                }
                if (!sha256(f).equals(rec.path("sha256").asText())) {
                    return "damaged: the SHA-256 of " + f.getFileName() + " differs from its manifest";
                }
            } catch (IOException e) {
                return "unreadable: " + f.getFileName() + " (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    /** Deletes the manifest first (the entry stops being valid), then every file. */
    public void discard() {
        try {
            Files.deleteIfExists(manifest());
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot delete the cache entry " + files.get(0), e);
        }
    }

    /**
     * Writes the entry: {@code contents.get(i)} becomes {@code files().get(i)}, each through a
     * temporary file, flushed and renamed into place, then the manifest the same way.
     */
    public void write(List<Content> contents) throws IOException {
        if (contents.size() != files.size()) {
            throw new IllegalArgumentException(files.size() + " files, " + contents.size() + " contents");
        }
        Files.createDirectories(files.get(0).getParent());
        Files.deleteIfExists(manifest());
        Map<String, Object> records = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            writeAtomically(f, contents.get(i));
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("length", Files.size(f));
            rec.put("sha256", sha256(f));
            records.put(f.getFileName().toString(), rec);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("config", config);
        m.put("files", records);
        byte[] json = CANONICAL.writeValueAsBytes(m);
        writeAtomically(manifest(), out -> out.write(json));
    }

    /** {@link #write(List)} for a one-file entry. */
    public void write(Content content) throws IOException {
        write(List.of(content));
    }

    /** Writes {@code file} through a temporary file in its folder, flushed to disk, then one rename. */
    public static void writeAtomically(Path file, Content content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                    OutputStream out = new BufferedOutputStream(os, 1 << 16)) {
                content.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static JsonNode canonical(Map<String, Object> config) {
        try {
            return CANONICAL.readTree(CANONICAL.writeValueAsString(config));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lowercase hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(FileDigest.of(file, "SHA-256"));
    }

    /**
     * Removes temporary files ({@code *.tmp}) older than an hour from {@code dir}: what writers
     * killed mid-write left behind. Younger ones may belong to a writer still at work.
     */
    public static void sweepTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        long cutoff = System.currentTimeMillis() - 3_600_000L;
        List<Path> stale = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(stale::add);
        }
        for (Path p : stale) {
            try {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // another process removed it
            }
        }
    }
}
