package org.regsl.bench.data;

import java.io.IOException;
import java.nio.file.Path;

/** Fetches a package tarball into a directory and returns its path (unverified). */
@FunctionalInterface
public interface PackageSource {

    /** Fetches {@code name@version} into {@code dir}. */
    Path fetch(String name, String version, Path dir) throws IOException;
}
