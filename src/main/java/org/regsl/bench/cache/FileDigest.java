package org.regsl.bench.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest of a file's bytes, read in 64 KiB chunks (memory stays flat for any size). */
public final class FileDigest {

    private FileDigest() {}

    /** The raw digest of {@code file} with {@code algorithm} (SHA-256, SHA-512, MD5). */
    public static byte[] of(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return md.digest();
    }
}
