package org.regsl.bench.golden;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference outputs of the Python stack the official code runs on (PyTorch 1.13, torchvision
 * 0.14, PIL 9.4, numpy), kept in the team's {@code shared/golden/} folder beside the checkout
 * ({@code -Dregsl.golden=DIR} elsewhere). A user's clone has no such folder: the golden tests then
 * skip with that reason instead of failing.
 */
final class Golden {

    private Golden() {}

    /** The golden folder, or a skipped test when it is absent. */
    static Path dir() {
        Path dir = Path.of(System.getProperty("regsl.golden", "../shared/golden")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir), "golden reference values absent: " + dir + " (set -Dregsl.golden=DIR)");
        return dir;
    }

    /** A file of the golden folder ({@code noise/independent-noise.json}); skips when absent. */
    static Path file(String relative) {
        Path f = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(f), "golden file absent: " + f);
        return f;
    }

    /** A golden JSON file, parsed. */
    static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of integers as an int array. */
    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** A JSON array of numbers as a double array. */
    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** {@code v} as floats. */
    static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** Fails unless every value of {@code actual} is within {@code tol} of {@code expected}; prints the largest gap. */
    static void assertClose(String model, double[] expected, float[] actual, double tol, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": count");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        System.out.printf("golden %s %s: largest difference %.2e%n", model, what, worst);
        org.junit.jupiter.api.Assertions.assertTrue(worst <= tol, what + ": largest difference " + worst + " > " + tol);
    }
}
