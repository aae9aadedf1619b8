package org.regsl.bench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds small npm-style tarballs for data-layer tests. */
public final class TarballFixtures {

    private TarballFixtures() {}

    /** A .tgz at {@code file} with the given entries (name to text). */
    public static Path tgz(Path file, Map<String, String> entries) throws IOException {
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        entries.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return tgzBytes(file, bytes);
    }

    /** The gzip of {@code text} (a QuickDraw category file). */
    static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A .tgz at {@code file} with the given entries (name to bytes). */
    public static Path tgzBytes(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(os))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] b = e.getValue();
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(b.length);
                tar.putArchiveEntry(te);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** A digits-layout class file with {@code images} 2x2 images of value {@code v}. */
    static String digits(int images, double v) {
        StringBuilder sb = new StringBuilder("{\"data\": [");
        for (int i = 0; i < images * 4; i++) {
            sb.append(i == 0 ? "" : ",").append(v);
        }
        return sb.append("]}").toString();
    }

    /** A catalog with one npm data set {@code tiny} of two classes of 2x2 images in {@code format}. */
    static DatasetCatalog catalog(Path dir, String format, String integrity, Integer perClass) throws IOException {
        String files = switch (format) {
            case "npm-digits-json" -> "package/src/digits/<class>.json";
            case "npm-quickdraw-ndjson-gz" -> "package/src/drawings/<class>.ndjson.gz";
            default -> "package/src/clothes/<class>.json";
        };
        Path yaml = dir.resolve("datasets.yaml");
        Files.writeString(yaml, "datasets:\n  - name: tiny\n    scale: bench\n"
                + "    source: {type: npm, package: tiny, version: 1.0.0}\n"
                + "    integrity: " + integrity + "\n    license: MIT\n"
                + "    layout: {format: " + format + ", files: " + files + ", rows: 2, cols: 2}\n"
                + "    classes: [a, b]\n" + (perClass == null ? "" : "    expectedPerClass: " + perClass + "\n"));
        return DatasetCatalog.load(yaml);
    }
}
