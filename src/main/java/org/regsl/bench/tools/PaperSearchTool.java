package org.regsl.bench.tools;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.experiment.PaperRun;
import org.regsl.bench.experiment.PaperRuns;
import org.regsl.bench.experiment.PaperSearch;
import org.regsl.bench.method.MethodParams;

/**
 * The paper-scale C3 search (a GPU runner's job): for each data set, plain fine-tuning on the
 * search seed gives the travelled distances, then every configuration of the grid
 * ({@code c3-paper-search.yaml}) runs once and the best validation accuracy is kept per method;
 * the choices, every trial and the provenance go to {@code c3-paper-hyperparameters.yaml}. The test
 * split is not read for the choice.
 *
 * <p>Run: {@code REGSL_DATA=... REGSL_WEIGHTS=... mvn -q -Pgpu compile exec:exec -Dregsl.budget=paper
 * -Dregsl.args="search-paper cub-200-2011"}.
 */
public final class PaperSearchTool {

    private PaperSearchTool() {}

    /** Searches each of {@code datasets} and records the choices. */
    public static void run(List<String> datasets) throws Exception {
        Path grid = PaperSearch.file(PaperSearch.GRID);
        Path results = PaperSearch.file(PaperSearch.RESULTS);
        PaperRuns runs = PaperRuns.shared();
        int seed = PaperSearch.seed(grid);
        for (String dataset : datasets) {
            long start = System.nanoTime();
            PaperRun plain = runs.regularizationRun(dataset, MethodParams.none("fine-tuning"), seed);
            Map<String, Double> travelled = SearchSupport.stages(SearchSupport.travelled(plain.layers()));
            Map<String, PaperSearch.Choice> choices = new LinkedHashMap<>();
            for (String method : PaperSearch.methods(grid)) {
                Map<String, Double> forMethod = method.equals("distance-proportional") ? travelled : Map.of();
                PaperSearch.Choice c = PaperSearch.choose(PaperSearch.configurations(grid, method), params -> {
                    PaperRun r = runs.regularizationRun(dataset, new MethodParams(method, params), forMethod, seed);
                    System.out.printf("%s %s %s: validation accuracy %.4f%n", dataset, method, params,
                            r.bestValAccuracy());
                    return new PaperSearch.Trial(params, r.bestValAccuracy(), r.id());
                });
                choices.put(method, c);
            }
            PaperSearch.record(results, dataset, travelled, choices, Provenances.now(runs.budget().name(), List.of(seed),
                    (System.nanoTime() - start) / 1e9));
            System.out.println(dataset + ": chosen " + choices.entrySet().stream().map(e -> e.getKey() + " "
                    + e.getValue().chosen()).toList() + " -> " + results);
        }
    }
}
