package org.regsl.bench.data.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * How one C9 bench text task is cut from its corpus: which data set, which documents and which class each gets,
 * whether a document is split into sentences, and how many texts per class go to the labelled pool, validation and
 * test (drawn per class by a seeded shuffle, disjoint). One place for these facts: {@link #ALL}.
 *
 * <ul>
 *   <li>{@code sotu-era} (the source task): sentences of the State of the Union addresses of <em>even</em> years,
 *       labelled by era, five classes;
 *   <li>{@code sotu-party}: sentences of the addresses of <em>odd</em> years by a Democratic or a Republican
 *       president, labelled by party (no address is in both tasks);
 *   <li>{@code spam}: Spam Assassin e-mail bodies, spam against ham (easy and hard);
 *   <li>{@code afinn-polarity}: the AFINN-111 words, negative against positive score.
 * </ul>
 *
 * @param name the task's name
 * @param dataset its datasets.yaml entry
 * @param classes class names, in label order
 * @param selection the documents and labels, in words (part of the cache key)
 * @param sentences true when each document is split into sentences of {@link #MIN_WORDS}..{@link #MAX_WORDS} words
 * @param poolPerClass labelled texts per class (the most a run's labels can be)
 * @param valPerClass validation texts per class
 * @param testPerClass test texts per class
 * @param splitSeed the shuffle seed (class {@code c} uses {@code splitSeed + c})
 * @param label the class of a document, or -1 when the task does not use it
 */
public record TextRecipe(String name, String dataset, List<String> classes, String selection, boolean sentences,
        int poolPerClass, int valPerClass, int testPerClass, long splitSeed, ToIntFunction<Document> label) {

    /** Bump when a rule changes in a way the fields do not show. */
    public static final int VERSION = 1;

    /** The shortest and longest sentence kept, in words. */
    public static final int MIN_WORDS = 8;
    public static final int MAX_WORDS = 60;

    /** The first years of the source task's eras. */
    static final int[] ERAS = {1790, 1850, 1900, 1950, 1990};

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\"'A-Z])");

    /** The source task. */
    public static final TextRecipe SOURCE = new TextRecipe("sotu-era", "sotu",
            List.of("1790-1849", "1850-1899", "1900-1949", "1950-1989", "1990-2018"),
            "sentences of the addresses of even years; class = era of the year", true, 600, 0, 100, 20211201L,
            d -> d.year() % 2 == 0 ? era(d.year()) : -1);

    /** The target tasks, in table order. */
    public static final List<TextRecipe> TARGETS = List.of(
            new TextRecipe("spam", "spam-assassin", List.of("ham", "spam"),
                    "e-mail bodies; class = spam (spam-1, spam-2) or ham (easy-ham-1, easy-ham-2, hard-ham-1)", false,
                    100, 50, 300, 20211211L, d -> d.group().startsWith("spam") ? 1 : d.group().contains("ham") ? 0 : -1),
            new TextRecipe("sotu-party", "sotu", List.of("Democratic", "Republican"),
                    "sentences of the addresses of odd years by a Democratic or Republican president; class = party",
                    true, 100, 50, 300, 20211221L, d -> d.year() % 2 == 1 ? List.of("Democratic", "Republican")
                            .indexOf(d.group()) : -1),
            new TextRecipe("afinn-polarity", "afinn-111", List.of("negative", "positive"),
                    "AFINN-111 words scored below or above zero; class = the score's sign", false, 100, 50, 300,
                    20211231L, d -> d.group().equals("negative") ? 0 : d.group().equals("positive") ? 1 : -1));

    /** Every recipe: the source first. */
    public static final List<TextRecipe> ALL = concat();

    private static List<TextRecipe> concat() {
        List<TextRecipe> all = new ArrayList<>(List.of(SOURCE));
        all.addAll(TARGETS);
        return List.copyOf(all);
    }

    /** The recipe named {@code name}; unknown is an error listing the known ones. */
    public static TextRecipe of(String name) {
        return ALL.stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no C9 text task '" + name + "'; known: " + ALL.stream().map(TextRecipe::name).toList()));
    }

    static int era(int year) {
        for (int k = ERAS.length - 1; k >= 0; k--) {
            if (year >= ERAS[k]) {
                return k;
            }
        }
        return -1;
    }

    /** The texts of one document under this recipe: its sentences of the kept length, or the document. */
    public List<String> texts(Document d) {
        if (!sentences) {
            return d.text().isBlank() ? List.of() : List.of(d.text());
        }
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(d.text())) {
            String t = s.trim();
            int words = t.isEmpty() ? 0 : t.split("\\s+").length;
            if (words >= MIN_WORDS && words <= MAX_WORDS) {
                out.add(t);
            }
        }
        return out;
    }

    /** Number of classes. */
    public int numClasses() {
        return classes.size();
    }

    /** Everything the texts depend on, for the cache key and the runs' records (the label rule in words). */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("task", name);
        c.put("dataset", dataset);
        c.put("classes", classes);
        c.put("selection", selection);
        c.put("unit", sentences ? "sentence of " + MIN_WORDS + ".." + MAX_WORDS + " words" : "document");
        c.put("poolPerClass", poolPerClass);
        c.put("valPerClass", valPerClass);
        c.put("testPerClass", testPerClass);
        c.put("splitSeed", splitSeed);
        c.put("recipe", VERSION);
        return c;
    }
}
