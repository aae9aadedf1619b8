package org.regsl.bench.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.tools.PaperFixtures;
import org.regsl.bench.data.paper.PaperLayouts;

/**
 * The fetcher against a local HTTP server (with Range support) serving generated archives: a
 * clean install, a resume, a digest mismatch, a truncated archive, an entry with {@code ../},
 * and that nothing half-made is ever left where the data set belongs.
 */
class FetcherTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> ranges = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = files.get(ex.getRequestURI().getPath().substring(1));
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            String range = ex.getRequestHeaders().getFirst("Range");
            int status = 200;
            if (range != null) {
                synchronized (ranges) {
                    ranges.add(range);
                }
                int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                body = Arrays.copyOfRange(body, from, body.length);
                status = 206;
            }
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** A tgz of the CUB fixture (folder CUB_200_2011 at the top, as the real archive). */
    private byte[] cubArchive(String extraEntry) throws IOException {
        Path src = PaperFixtures.cub(tmp.resolve("src"), 2, 10, 2, 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Path> all;
            try (Stream<Path> s = Files.walk(src.getParent())) {
                all = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path p : all) {
                String name = src.getParent().relativize(p).toString();
                if (extraEntry != null && name.endsWith("images.txt")) {
                    add(tar, extraEntry, "escaped".getBytes(StandardCharsets.UTF_8));
                }
                add(tar, name, Files.readAllBytes(p));
            }
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private DatasetSpec spec(String digest) throws IOException {
        Path yaml = tmp.resolve("datasets.yaml");
        Files.writeString(yaml, "datasets:\n  - name: cub-200-2011\n    scale: paper\n"
                + "    source: {type: url, url: " + url("CUB_200_2011.tgz") + "}\n"
                + "    downloads:\n      - {url: " + url("CUB_200_2011.tgz") + ", file: CUB_200_2011.tgz, digest: \""
                + digest + "\", extract: true}\n"
                + "    integrity: unknown\n    license: test\n"
                + "    layout: {format: cub-200-2011, folder: CUB_200_2011}\n    classes: 2\n");
        return DatasetCatalog.load(yaml).get("cub-200-2011");
    }

    private static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String md5(byte[] b) throws Exception {
        return "md5:" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private void assertNothingInstalled(Path root) throws IOException {
        assertFalse(Files.exists(root.resolve("CUB_200_2011")), "a half-made data set was left in place");
        try (Stream<Path> s = Files.list(root)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".staging")), "staging left behind");
        }
    }

    @Test
    void installsAVerifiedArchiveThatItsLoaderReads() throws Exception {
        byte[] archive = cubArchive(null);
        files.put("CUB_200_2011.tgz", archive);
        Path root = tmp.resolve("data");
        Fetcher f = new Fetcher(root);
        Path dir = f.fetch(spec(md5(archive)));
        assertTrue(Files.exists(dir.resolve(Fetcher.MARKER)));
        assertEquals(2 + 2 * 2, PaperLayouts.load("cub-200-2011", "cub-200-2011", dir).val().size()
                + PaperLayouts.load("cub-200-2011", "cub-200-2011", dir).test().size());
        assertEquals(dir, new Fetcher(root).fetch(spec(md5(archive)))); // complete: nothing to do
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws Exception {
        byte[] archive = cubArchive(null);
        files.put("CUB_200_2011.tgz", archive);
        Path root = tmp.resolve("data");
        Path part = Files.createDirectories(root.resolve(".downloads/cub-200-2011")).resolve("CUB_200_2011.tgz.part");
        Files.write(part, Arrays.copyOf(archive, archive.length / 3));
        Fetcher f = new Fetcher(root);
        Path dir = f.fetch(spec(sha256(archive)));
        assertEquals(List.of("bytes=" + archive.length / 3 + "-"), ranges);
        assertArrayEquals(archive, Files.readAllBytes(root.resolve(".downloads/cub-200-2011/CUB_200_2011.tgz")));
        assertTrue(f.log().stream().anyMatch(l -> l.contains("resuming at byte")), f.log().toString());
        assertTrue(Files.exists(dir.resolve("images.txt")));
    }

    @Test
    void aDigestMismatchStopsBeforeUnpackingAndNamesTheField() throws Exception {
        files.put("CUB_200_2011.tgz", cubArchive(null));
        Path root = tmp.resolve("data");
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Fetcher(root).fetch(spec("md5:00000000000000000000000000000000")));
        assertTrue(e.getMessage().contains("cub-200-2011.downloads[0].digest") && e.getMessage().contains("mismatch"),
                e.getMessage());
        assertNothingInstalled(root);
        assertTrue(Files.exists(root.resolve(".downloads/cub-200-2011/CUB_200_2011.tgz.mismatch")), "bytes kept");
    }

    @Test
    void aTruncatedArchiveLeavesNothingThatLooksComplete() throws Exception {
        byte[] archive = cubArchive(null);
        byte[] truncated = Arrays.copyOf(archive, archive.length * 2 / 3);
        files.put("CUB_200_2011.tgz", truncated);
        Path root = tmp.resolve("data");
        DatasetException e = assertThrows(DatasetException.class, () -> new Fetcher(root).fetch(spec("unknown")));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        assertNothingInstalled(root);
    }

    @Test
    void anEntryEscapingTheFolderIsRefused() throws Exception {
        files.put("CUB_200_2011.tgz", cubArchive("CUB_200_2011/../../evil.txt"));
        Path root = tmp.resolve("data");
        DatasetException e = assertThrows(DatasetException.class, () -> new Fetcher(root).fetch(spec("unknown")));
        assertTrue(e.getMessage().contains("../evil.txt") && e.getMessage().contains("outside"), e.getMessage());
        assertNothingInstalled(root);
        assertFalse(Files.exists(root.resolve("evil.txt")));
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
    }

    @Test
    void aFolderPlacedByHandIsNeverOverwritten() throws Exception {
        files.put("CUB_200_2011.tgz", cubArchive(null));
        Path root = tmp.resolve("data");
        Files.createDirectories(root.resolve("CUB_200_2011"));
        DatasetException e = assertThrows(DatasetException.class, () -> new Fetcher(root).fetch(spec("unknown")));
        assertTrue(e.getMessage().contains(Fetcher.MARKER), e.getMessage());
    }

    @Test
    void aManualDataSetIsUsedWhenPlacedAndNamedWithItsInstructionsWhenNot() throws Exception {
        org.regsl.bench.data.DatasetSpec chest = org.regsl.bench.data.DatasetCatalog.load(
                org.regsl.bench.config.Settings.projectDir().resolve("datasets.yaml")).get("chestx-ray14");
        Path root = tmp.resolve("manual");
        DatasetException e = assertThrows(DatasetException.class, () -> new Fetcher(root).fetch(chest));
        assertTrue(e.getMessage().contains("chestx-ray14.downloads"), e.getMessage());
        Path placed = Files.createDirectories(root.resolve(chest.layoutString("folder")));
        assertEquals(placed, new Fetcher(root).fetch(chest));
    }

    @Test
    void aBadDigestFormInDatasetsYamlNamesTheField() {
        DatasetException e = assertThrows(DatasetException.class, () -> spec("crc32:1234"));
        assertTrue(e.getMessage().contains("datasets[0].downloads[0].digest"), e.getMessage());
    }
}
