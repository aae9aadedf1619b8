package org.regsl.bench.data;

import java.io.IOException;
import java.nio.file.Path;
import org.regsl.bench.cache.FileDigest;
import java.util.Base64;

/**
 * File digests in the forms {@code datasets.yaml} uses: subresource integrity
 * ({@code sha512-<base64>}, npm's dist.integrity) and {@code md5:<hex>} / {@code sha256:<hex>}
 * (what data set pages and torchvision publish for archives).
 */
public final class Integrity {

    private Integrity() {}

    /** The {@code sha512-<base64>} digest of a file. */
    public static String sha512(Path file) throws IOException {
        return "sha512-" + Base64.getEncoder().encodeToString(hash(file, "SHA-512"));
    }

    /**
     * The digest of {@code file} in the form of {@code expected} ({@code sha512-<base64>},
     * {@code sha256:<hex>} or {@code md5:<hex>}), or null when {@code expected} has no known form.
     */
    public static String sameForm(Path file, String expected) throws IOException {
        if (expected.startsWith("sha512-")) {
            return sha512(file);
        }
        if (expected.startsWith("sha256:")) {
            return "sha256:" + hex(hash(file, "SHA-256"));
        }
        if (expected.startsWith("md5:")) {
            return "md5:" + hex(hash(file, "MD5"));
        }
        return null;
    }

    private static byte[] hash(Path file, String algorithm) throws IOException {
        return FileDigest.of(file, algorithm);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    /** Throws, naming the file and the field, unless {@code file} has the expected digest. */
    public static void verify(Path file, String expected, String specName) throws IOException {
        String actual = sha512(file);
        if (!actual.equals(expected)) {
            throw DatasetException.at("datasets.yaml", specName + ".integrity",
                    "digest mismatch for " + file.getFileName() + ": expected " + expected + " but the file has "
                            + actual + "; nothing was unpacked or cached");
        }
    }
}
