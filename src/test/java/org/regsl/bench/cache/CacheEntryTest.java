package org.regsl.bench.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache entry is used only when complete and as recorded; anything else is discarded. */
class CacheEntryTest {

    @TempDir
    Path dir;

    private static final Map<String, Object> CONFIG = Map.of("task", "digits-0-4", "seed", 7);

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private CacheEntry written() throws IOException {
        CacheEntry e = CacheEntry.of(CONFIG, dir.resolve("m.params"), dir.resolve("m.json"));
        e.write(List.of(out -> out.write(payload(10_000)), out -> out.write("{\"acc\":0.9}".getBytes())));
        return e;
    }

    @Test
    void aCompleteEntryIsValidAndAnAbsentOneQuietlyNot() throws IOException {
        CacheEntry absent = CacheEntry.of(CONFIG, dir.resolve("m.params"));
        assertFalse(absent.isValid());
        CacheEntry e = written();
        assertNull(e.problem());
        assertTrue(e.isValid());
        assertArrayEquals(payload(10_000), Files.readAllBytes(dir.resolve("m.params")));
        assertTrue(Files.exists(e.manifest()));
    }

    @Test
    void aTruncatedFileIsNamedAndDiscarded() throws IOException {
        CacheEntry e = written();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("m.params").toFile(), "rw")) {
            f.setLength(4_000);
        }
        assertTrue(e.problem().contains("m.params has 4000 bytes"), e.problem());
        assertFalse(e.isValid());
        assertNothingLeft();
    }

    @Test
    void flippedBytesAreCaughtByTheChecksum() throws IOException {
        CacheEntry e = written();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("m.params").toFile(), "rw")) {
            f.seek(5_000);
            int b = f.read();
            f.seek(5_000);
            f.write(b ^ 0x10);
        }
        assertTrue(e.problem().contains("SHA-256 of m.params"), e.problem());
        assertFalse(e.isValid());
        assertNothingLeft();
    }

    @Test
    void aStaleSidecarIsCaught() throws IOException {
        CacheEntry e = written();
        Files.writeString(dir.resolve("m.json"), "{\"acc\":0.8}"); // same length, another run's metrics
        assertTrue(e.problem().contains("m.json"), e.problem());
        assertFalse(e.isValid());
        assertNothingLeft();
    }

    @Test
    void anEntryOfAnotherConfigurationIsStale() throws IOException {
        written();
        CacheEntry other = CacheEntry.of(Map.of("task", "digits-0-4", "seed", 8), dir.resolve("m.params"),
                dir.resolve("m.json"));
        assertTrue(other.problem().startsWith("stale"), other.problem());
        assertFalse(other.isValid());
    }

    @Test
    void filesWithoutAManifestAndADamagedManifestAreNeverUsed() throws IOException {
        CacheEntry e = written();
        Files.delete(e.manifest());
        assertTrue(e.problem().contains("without its manifest"), e.problem());
        assertFalse(e.isValid());
        e = written();
        Files.writeString(e.manifest(), "{\"format\": 1, \"conf", StandardCharsets.UTF_8);
        assertTrue(e.problem().startsWith("unreadable"), e.problem());
        assertFalse(e.isValid());
        assertNothingLeft();
    }

    @Test
    void aProcessKilledMidWriteLeavesNothingUsableAndTheNextRunRecovers() throws Exception {
        Path file = dir.resolve("big.bin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SlowWriter.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (temporaryBytes() < 100_000) { // it is half way through its temporary file
                assertTrue(System.nanoTime() < deadline, "the writer never started");
                assertTrue(p.isAlive(), () -> "the writer ended early: " + output(p));
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        CacheEntry e = SlowWriter.entry(file);
        assertFalse(e.isValid(), "a killed writer's entry is not valid");
        e.write(out -> out.write(SlowWriter.content()));
        assertTrue(e.isValid());
        assertArrayEquals(SlowWriter.content(), Files.readAllBytes(file));
    }

    private long temporaryBytes() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".tmp")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void assertNothingLeft() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "a discarded entry leaves no file");
        }
    }

    /** A writer slow enough to be killed in the middle of its temporary file. */
    public static final class SlowWriter {
        static CacheEntry entry(Path file) {
            return CacheEntry.of(Map.of("what", "slow"), file);
        }

        static byte[] content() {
            return payload(400_000);
        }

        public static void main(String[] args) throws Exception {
            byte[] c = content();
            entry(Path.of(args[0])).write(out -> {
                for (int i = 0; i < c.length; i += 1_000) {
                    out.write(c, i, 1_000);
                    out.flush();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }
            });
        }
    }
}
