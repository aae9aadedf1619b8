package org.regsl.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The minor page faults this process has taken so far: field 10 ({@code minflt}) of Linux's
 * {@code /proc/self/stat}, as {@code getrusage}'s {@code ru_minflt} counts them for Python. A fault
 * is a first touch of a fresh page (a buffer the allocator just mapped); the benchmark counts them
 * per training step on both sides. -1 where the file is absent (not Linux).
 */
final class MinorFaults {

    private MinorFaults() {}

    /** The count, or -1 where {@code /proc/self/stat} cannot be read. */
    static long ofThisProcess() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count from after it
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
