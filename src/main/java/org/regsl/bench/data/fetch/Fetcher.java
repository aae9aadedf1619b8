package org.regsl.bench.data.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.regsl.bench.data.DataFiles;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.data.Download;
import org.regsl.bench.data.Integrity;

/**
 * Fetches a paper-scale data set into {@code REGSL_DATA} (the {@code downloads} of its
 * {@code datasets.yaml} entry) so that it is either complete or absent:
 *
 * <ol>
 *   <li>each file downloads to {@code .downloads/<set>/<file>.part}, resuming with an HTTP Range
 *       request where a part exists; a finished file is checked against its published digest (a
 *       mismatch keeps the bytes as {@code <file>.mismatch} and stops, naming the field);
 *   <li>archives unpack into a fresh staging folder; an entry whose path would leave it
 *       ({@code ../}, an absolute path, a link pointing out) is refused, a truncated or corrupt
 *       archive stops the fetch, and in both cases the staging folder is deleted;
 *   <li>only when everything unpacked is the data set folder moved into place (one rename), with a
 *       {@value #MARKER} file recording what was fetched, digests computed and when.
 * </ol>
 *
 * A folder that exists without the marker (placed by hand) is left alone.
 */
public final class Fetcher {

    /** The file that marks a data set folder as completely fetched. */
    public static final String MARKER = ".regsl-fetched.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final HttpClient http;
    private final List<String> log = new ArrayList<>();

    /** A fetcher into the data root {@code root}. */
    public Fetcher(Path root) {
        this.root = root;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** What the fetcher did, line by line (downloads, resumes, skips). */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Fetches {@code spec} unless it is already complete; returns its folder. */
    public Path fetch(DatasetSpec spec) throws IOException {
        Path target = root.resolve(spec.layoutString("folder"));
        if (Files.exists(target.resolve(MARKER))) {
            log.add(spec.name() + ": complete (" + target + "), nothing to do");
            return target;
        }
        if (spec.downloads().isEmpty() && Files.isDirectory(target)) {
            log.add(spec.name() + ": placed by hand (" + target + "; a manual data set), used as it is");
            return target;
        }
        if (Files.exists(target)) {
            throw new DatasetException(target + ": exists without " + MARKER + " (placed by hand or left by another"
                    + " tool); the fetcher does not overwrite it — use it as it is, or remove it to fetch " + spec.name());
        }
        if (spec.downloads().isEmpty()) {
            throw DatasetException.at("datasets.yaml", spec.name() + ".downloads", "none declared: "
                    + spec.source().getOrDefault("instructions", "this data set is obtained by hand"));
        }
        Path downloads = Files.createDirectories(root.resolve(".downloads").resolve(spec.name()));
        Map<String, String> fetched = new LinkedHashMap<>();
        for (int i = 0; i < spec.downloads().size(); i++) {
            Download d = spec.downloads().get(i);
            fetched.put(d.file(), download(spec, i, d, downloads));
        }
        Path staging = Files.createTempDirectory(root, ".staging-" + spec.name() + "-");
        try {
            for (Download d : spec.downloads()) {
                Path into = staging.resolve(d.into()).normalize();
                Files.createDirectories(into);
                if (d.extract()) {
                    unpack(downloads.resolve(d.file()), into);
                } else {
                    Files.copy(downloads.resolve(d.file()), into.resolve(d.file()));
                }
            }
            Path built = staging.resolve(spec.layoutString("folder"));
            if (!Files.isDirectory(built)) {
                throw DatasetException.at("datasets.yaml", spec.name() + ".layout.folder", "the downloads do not"
                        + " contain the folder '" + spec.layoutString("folder") + "'; nothing was installed");
            }
            Map<String, Object> marker = new LinkedHashMap<>();
            marker.put("dataset", spec.name());
            marker.put("fetchedAt", Instant.now().toString());
            marker.put("files", fetched);
            JSON.writeValue(built.resolve(MARKER).toFile(), marker);
            try {
                Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new DatasetException(target + ": appeared while " + spec.name() + " was being fetched; left as"
                        + " it is", e);
            }
            log.add(spec.name() + ": installed in " + target);
            return target;
        } finally {
            DataFiles.deleteTree(staging);
        }
    }

    /** Downloads (or resumes) one file and checks its digest; returns the digest it has. */
    private String download(DatasetSpec spec, int index, Download d, Path dir) throws IOException {
        Path done = dir.resolve(d.file());
        String field = spec.name() + ".downloads[" + index + "].digest";
        if (Files.exists(done)) {
            log.add(d.file() + ": already downloaded");
            return check(done, d, field);
        }
        Path part = dir.resolve(d.file() + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(d.url())).GET();
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(d.url() + ": interrupted", e);
        }
        boolean append = have > 0 && resp.statusCode() == 206;
        if (resp.statusCode() != 200 && !append) {
            resp.body().close();
            throw new IOException(d.url() + ": HTTP " + resp.statusCode() + " (" + spec.name() + ", " + d.file()
                    + "); the part downloaded so far is kept for a resume");
        }
        log.add(d.file() + (append ? ": resuming at byte " + have : ": downloading"));
        try (InputStream in = resp.body();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(out);
        }
        String digest = digestOf(part, d);
        if (d.verified() && !digest.equals(d.digest())) {
            Path bad = dir.resolve(d.file() + ".mismatch");
            Files.move(part, bad, StandardCopyOption.REPLACE_EXISTING);
            throw DatasetException.at("datasets.yaml", field, "digest mismatch for " + d.file() + ": expected "
                    + d.digest() + " but the download has " + digest + "; kept as " + bad + ", nothing was unpacked");
        }
        Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
        if (!d.verified()) {
            log.add(d.file() + ": no published digest; it has " + digest + " (recorded in " + MARKER + ")");
        }
        return digest;
    }

    /** The digest of {@code file} in the form {@code d} publishes, or sha256 when it publishes none. */
    private static String digestOf(Path file, Download d) throws IOException {
        return Integrity.sameForm(file, d.verified() ? d.digest() : "sha256:");
    }

    private String check(Path file, Download d, String field) throws IOException {
        String digest = digestOf(file, d);
        if (d.verified() && !digest.equals(d.digest())) {
            throw DatasetException.at("datasets.yaml", field, "digest mismatch for " + file + ": expected "
                    + d.digest() + " but the file has " + digest + "; remove it to download again");
        }
        return digest;
    }

    /** Unpacks a tar, tar.gz / tgz or zip archive into {@code into}, refusing entries that escape it. */
    static void unpack(Path archive, Path into) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        Path base = into.toAbsolutePath().normalize();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                ArchiveInputStream<? extends ArchiveEntry> in = open(name, raw)) {
            ArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path out = base.resolve(e.getName()).normalize();
                if (!out.startsWith(base) || Path.of(e.getName()).isAbsolute()) {
                    throw new DatasetException(archive + ": entry '" + e.getName() + "' points outside the data set"
                            + " folder; refused, nothing was installed");
                }
                if (e instanceof TarArchiveEntry t && (t.isSymbolicLink() || t.isLink())) {
                    Path link = (t.isLink() ? base : out.getParent()).resolve(t.getLinkName()).normalize();
                    if (!link.startsWith(base)) {
                        throw new DatasetException(archive + ": link '" + e.getName() + "' -> '" + t.getLinkName()
                                + "' points outside the data set folder; refused, nothing was installed");
                    }
                    continue; // links are not needed by any layout
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (DatasetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(archive + ": truncated or corrupt archive (" + e.getMessage() + "); nothing was"
                    + " installed — remove it to download again", e);
        }
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(String name, InputStream raw) throws IOException {
        if (name.endsWith(".zip")) {
            return new ZipArchiveInputStream(raw);
        }
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new TarArchiveInputStream(new GzipCompressorInputStream(raw));
        }
        if (name.endsWith(".tar")) {
            return new TarArchiveInputStream(raw);
        }
        throw new DatasetException(name + ": not an archive this fetcher unpacks (.tar, .tar.gz, .tgz, .zip);"
                + " declare it with extract: false");
    }
}
