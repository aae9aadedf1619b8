package org.regsl.bench.data.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.regsl.bench.data.DatasetCatalog;

/** Catalogs of one text data set for the text-layer tests. */
final class TextFixtures {

    private TextFixtures() {}

    /** A catalog with the one data set {@code name} of {@code format} and the given integrity. */
    static DatasetCatalog catalog(Path dir, String name, String format, String integrity) throws IOException {
        Path yaml = dir.resolve("datasets.yaml");
        Files.writeString(yaml, "datasets:\n  - name: " + name + "\n    scale: bench\n"
                + "    source: {type: npm, package: tiny, version: 1.0.0}\n"
                + "    integrity: " + integrity + "\n    license: MIT\n"
                + "    layout: {format: " + format + ", files: package/data/<file>.json}\n"
                + "    classes: [a, b]\n");
        return DatasetCatalog.load(yaml);
    }

    /** A stand-in encoder: {@code vector} of each text; {@code calls[0]} counts the calls to embed. */
    static java.util.function.Supplier<TextTasks.Encoder> encoder(int[] calls,
            java.util.function.Function<String, float[]> vector) {
        return () -> new TextTasks.Encoder() {
            @Override
            public java.util.List<float[]> embed(java.util.List<String> texts) {
                calls[0]++;
                return texts.stream().map(vector).toList();
            }

            @Override
            public void close() {}
        };
    }

    /** The text indices of {@code s}. */
    static java.util.Set<Integer> indices(org.regsl.bench.data.EmbeddingSet s) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int i : s.indices()) {
            out.add(i);
        }
        return out;
    }

    /** AFINN-style words.json: {@code perSign} negative words, {@code perSign} positive, a few neutral. */
    static String afinnWords(int perSign) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < perSign; i++) {
            sb.append(i == 0 ? "" : ",").append("[\"bad").append(i).append("\",").append(-1 - i % 5).append("],")
                    .append("[\"good").append(i).append("\",").append(1 + i % 5).append("]");
            if (i % 100 == 0) {
                sb.append(",[\"meh").append(i).append("\",0]");
            }
        }
        return sb.append("]").toString();
    }
}
