package org.regsl.bench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Subresource-integrity digests ({@code sha512-<base64>}), as npm records them in dist.integrity. */
public final class Integrity {

    private Integrity() {}

    /** The {@code sha512-<base64>} digest of a file. */
    public static String sha512(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
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
