package org.regsl.bench.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.data.fetch.Fetcher;
import org.regsl.bench.data.paper.PaperLayouts;
import org.regsl.bench.data.paper.PaperSplits;

/**
 * The fetch command: downloads paper-scale data sets into {@code REGSL_DATA} with
 * {@link Fetcher} (digests, resume, no escaping entries, all-or-nothing install), then loads each
 * with its layout's loader and prints the split sizes next to the counts of {@code datasets.yaml}.
 *
 * <p>Run: {@code REGSL_DATA=/data mvn -q compile exec:exec -Dregsl.args="fetch cub-200-2011 flowers-102"}
 * (or {@code all}: every set with downloads).
 */
public final class FetchData {

    private FetchData() {}

    /**
     * Fetches the data sets {@code names} ({@code all}: every set with downloads) into
     * {@code REGSL_DATA}; a missing root or an empty list is an error saying what to do.
     */
    public static void run(List<String> names) throws Exception {
        Path root = Settings.paperDataRoot();
        if (root == null) {
            throw new IllegalArgumentException("REGSL_DATA is not set: point it (or -Dregsl.data) at the folder the"
                    + " data sets go in");
        }
        DatasetCatalog catalog = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml"));
        List<DatasetSpec> todo = new ArrayList<>();
        for (String a : names) {
            if (a.equals("all")) {
                catalog.all().stream().filter(s -> !s.downloads().isEmpty()).forEach(todo::add);
            } else {
                todo.add(catalog.get(a));
            }
        }
        if (todo.isEmpty()) {
            throw new IllegalArgumentException("name the data sets to fetch (or all); known: "
                    + catalog.all().stream().filter(s -> s.scale().equals("paper")).map(DatasetSpec::name).toList());
        }
        java.nio.file.Files.createDirectories(root);
        Fetcher fetcher = new Fetcher(root);
        for (DatasetSpec spec : todo) {
            Path dir = fetcher.fetch(spec);
            if (PaperLayouts.FORMATS.contains(spec.format())) {
                PaperSplits s = PaperLayouts.load(spec.name(), spec.format(), dir);
                System.out.printf("%s: %d classes, train %d / val %d / test %d (datasets.yaml: %s)%n", spec.name(),
                        s.numClasses(), s.train().size(), s.val().size(), s.test().size(),
                        spec.layout().getOrDefault("splitSizes", "no sizes declared"));
            }
        }
        fetcher.log().forEach(System.out::println);
    }
}
