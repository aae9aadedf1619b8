package org.regsl.bench.data.paper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.data.DatasetException;

/**
 * Loader of the six SentEval classification tasks the paper's text experiment names (MR, CR,
 * SUBJ, MPQA, TREC, SST-2; REGSL-SPEC 6.6) in SentEval's {@code data/downstream} layout. Parts
 * follow SentEval: {@code all} for the tasks it evaluates by 10-fold cross-validation (MR, CR,
 * SUBJ, MPQA), {@code train}/{@code test} for TREC (6 coarse classes), {@code train}/{@code dev}/
 * {@code test} for SST-2. Files are read as Latin-1, as SentEval does for MR/CR/SUBJ/MPQA/TREC.
 */
public final class SentEval {

    /** One labelled sentence. */
    public record Sentence(String text, int label) {}

    /** A task: class names in label order and its parts. */
    public record Task(String name, List<String> classes, Map<String, List<Sentence>> parts) {}

    /** The task names. */
    public static final List<String> TASKS = List.of("MR", "CR", "SUBJ", "MPQA", "TREC", "SST2");

    /** TREC's coarse classes in SentEval's label order. */
    static final List<String> TREC_CLASSES = List.of("ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM");

    private SentEval() {}

    /** Loads {@code task} from the SentEval folder {@code dir}. */
    public static Task load(Path dir, String task) {
        try {
            return switch (task) {
                case "MR" -> binary(task, dir.resolve("MR"), "rt-polarity.neg", "rt-polarity.pos");
                case "CR" -> binary(task, dir.resolve("CR"), "custrev.neg", "custrev.pos");
                case "SUBJ" -> binary(task, dir.resolve("SUBJ"), "subj.objective", "subj.subjective");
                case "MPQA" -> binary(task, dir.resolve("MPQA"), "mpqa.neg", "mpqa.pos");
                case "TREC" -> trec(dir.resolve("TREC"));
                case "SST2" -> sst(dir.resolve("SST").resolve("binary"));
                default -> throw new DatasetException("senteval: unknown task '" + task + "' (known: " + TASKS + ")");
            };
        } catch (NoSuchFileException e) {
            throw new DatasetException(e.getFile() + ": missing (SentEval task " + task + ")", e);
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot read SentEval task " + task + ": " + e.getMessage(), e);
        }
    }

    private static Task binary(String name, Path dir, String negative, String positive) throws IOException {
        List<Sentence> all = new ArrayList<>();
        for (String line : PaperLayouts.lines(dir.resolve(negative))) {
            all.add(new Sentence(line, 0));
        }
        for (String line : PaperLayouts.lines(dir.resolve(positive))) {
            all.add(new Sentence(line, 1));
        }
        return new Task(name, List.of(negative, positive), Map.of("all", all));
    }

    private static Task trec(Path dir) throws IOException {
        Map<String, List<Sentence>> parts = new LinkedHashMap<>();
        for (String[] part : new String[][] {{"train", "train_5500.label"}, {"test", "TREC_10.label"}}) {
            Path f = dir.resolve(part[1]);
            List<Sentence> out = new ArrayList<>();
            int n = 0;
            for (String line : PaperLayouts.lines(f)) {
                n++;
                int colon = line.indexOf(':');
                int space = line.indexOf(' ');
                int label = colon < 0 ? -1 : TREC_CLASSES.indexOf(line.substring(0, colon));
                if (label < 0 || space < 0) {
                    throw new DatasetException(f + ": line " + n + ": expected COARSE:fine text, got '" + line + "'");
                }
                out.add(new Sentence(line.substring(space + 1), label));
            }
            parts.put(part[0], out);
        }
        return new Task("TREC", TREC_CLASSES, parts);
    }

    private static Task sst(Path dir) throws IOException {
        Map<String, List<Sentence>> parts = new LinkedHashMap<>();
        for (String part : List.of("train", "dev", "test")) {
            Path f = dir.resolve("sentiment-" + part);
            List<Sentence> out = new ArrayList<>();
            int n = 0;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                String label = tab < 0 ? "" : line.substring(tab + 1).trim();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new DatasetException(f + ": line " + n + ": expected text<TAB>0|1");
                }
                out.add(new Sentence(line.substring(0, tab), Integer.parseInt(label)));
            }
            parts.put(part, out);
        }
        return new Task("SST2", List.of("negative", "positive"), parts);
    }
}
