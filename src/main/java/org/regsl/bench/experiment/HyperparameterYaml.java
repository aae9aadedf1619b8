package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.claim.ExpectedResultsException;
import org.regsl.bench.config.Settings;
import org.regsl.bench.method.Methods;
import org.regsl.bench.method.MethodParams;

/**
 * A hyper-parameter file of {@code expected-results/}: YAML whose values are numbers, or
 * {@code {value: number, source: text}}. Every error names the file and the field.
 */
final class HyperparameterYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final JsonNode root;

    private HyperparameterYaml(String file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** Reads {@code expected-results/<name>}. */
    static HyperparameterYaml of(String name) {
        return read(Settings.projectDir().resolve("expected-results").resolve(name));
    }

    /** Reads {@code path}. */
    static HyperparameterYaml read(Path path) {
        try {
            return new HyperparameterYaml(path.getFileName().toString(), YAML.readTree(Files.readString(path)));
        } catch (IOException e) {
            throw new ExpectedResultsException(path.getFileName() + ": cannot be read as YAML: " + e.getMessage(), e);
        }
    }

    /** The object at the dotted {@code field} ({@code a.b.c}); missing or not an object is an error naming it. */
    JsonNode object(String field) {
        JsonNode n = root;
        for (String part : field.split("\\.")) {
            n = n.path(part);
        }
        if (!n.isObject()) {
            throw new ExpectedResultsException(file + ": field '" + field + "': missing or not a mapping");
        }
        return n;
    }

    /** A number: a YAML number, {@code "inf"}, or the {@code value} of {@code {value, source}}. */
    double number(JsonNode n, String field) {
        JsonNode v = n.isObject() ? n.path("value") : n;
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual() && v.asText().equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        throw new ExpectedResultsException(file + ": field '" + field + "': not a number (" + v + ")");
    }

    /** The mapping at {@code field} as name -> number ({@link #number}), in file order. */
    Map<String, Double> numbers(String field) {
        Map<String, Double> values = new LinkedHashMap<>();
        object(field).fields().forEachRemaining(e -> values.put(e.getKey(), number(e.getValue(), field + "."
                + e.getKey())));
        return values;
    }

    /**
     * The hyper-parameters of {@code method} in the mapping at {@code field} (name -> number), each
     * a parameter the method takes.
     */
    MethodParams params(String field, String method) {
        MethodParams p = new MethodParams(method, numbers(field));
        try {
            Methods.get(method).check(p, file + ": field '" + field + "'");
        } catch (IllegalArgumentException e) {
            throw new ExpectedResultsException(e.getMessage(), e);
        }
        return p;
    }

    /** The whole document. */
    JsonNode root() {
        return root;
    }

    /** The file's name, for messages and provenance. */
    String file() {
        return file;
    }
}
