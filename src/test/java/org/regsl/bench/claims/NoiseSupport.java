package org.regsl.bench.claims;

import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.noise.NoiseSetting;
import org.regsl.bench.experiment.NoisyRun;
import org.regsl.bench.experiment.NoisyRuns;
import org.regsl.bench.report.Charts;
import org.regsl.bench.report.Format;

/** What C5 and C6 share: the runs, the self-labeling chart per run and the markdown tables. */
final class NoiseSupport {

    /** The paper's two settings: independent 20 % and correlated noise. */
    static final List<NoiseSetting> SETTINGS = List.of(NoiseSetting.independent(0.2), NoiseSetting.correlated());

    private NoiseSupport() {}

    static NoisyRun run(NoiseSetting setting, String method, int seed) {
        return NoisyRuns.shared().get(setting, method, seed);
    }

    /** Test accuracy in percent. */
    static double accuracy(NoiseSetting setting, String method, int seed) {
        return 100 * run(setting, method, seed).testAccuracy();
    }

    /** Per-seed test accuracy averaged over the two settings. */
    static double average(String method, int seed) {
        return SETTINGS.stream().mapToDouble(s -> accuracy(s, method, seed)).average().orElseThrow();
    }

    /**
     * Attaches, per seed, the chart over epochs of the labels self-labeling changed and of the
     * training labels that now equal the clean ones (methods that log them).
     */
    static void attachLabelCharts(NoiseSetting setting, String method, int[] seeds) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (int seed : seeds) {
            List<Map<String, Double>> log = run(setting, method, seed).objectiveLog();
            if (log.isEmpty() || !log.get(0).containsKey("labelsChanged")) {
                return;
            }
            series.put("changed, seed " + seed, log.stream().map(m -> m.get("labelsChanged")).toList());
            series.put("equal to clean, seed " + seed, log.stream().map(m -> m.get("labelsEqualClean")).toList());
        }
        NoisyRun first = run(setting, method, seeds[0]);
        Allure.addAttachment("self-labeling over epochs (" + setting.id() + ", " + method + ")", "image/png",
                new ByteArrayInputStream(Charts.linesOverEpochs(String.format(
                        "%s, %s: training labels changed per epoch / equal to the clean ones (of %d; noise %.1f %%)",
                        setting.id(), method, NoisyRuns.shared().labels(setting).labels().length,
                        100 * first.realisedRate()), "labels", series)), "png");
    }

    /** Methods x settings (+ Average) table of mean ± std test accuracy over {@code seeds} (C5/C6's runs). */
    static String table(List<String> methods, List<NoiseSetting> settings, int[] seeds, boolean average) {
        return table(NoisyRuns.shared(), "", methods, settings, seeds, average);
    }

    /**
     * The same table over the runs of {@code runs} ({@code subject} opens its footnote, e.g. "Bench ViT, "); the
     * Average column is the per-seed mean over {@code settings}.
     */
    static String table(NoisyRuns runs, String subject, List<String> methods, List<NoiseSetting> settings, int[] seeds,
            boolean average) {
        java.util.function.BiFunction<String, Integer, Double> mean = (m, x) -> settings.stream()
                .mapToDouble(s -> 100 * runs.get(s, m, x).testAccuracy()).average().orElseThrow();
        StringBuilder sb = new StringBuilder("| method |");
        settings.forEach(s -> sb.append(' ').append(s.id()).append(String.format(" (%.1f %% wrong) |",
                100 * runs.get(s, methods.get(0), seeds[0]).realisedRate())));
        sb.append(average ? " Average |\n|---|" : "\n|---|");
        settings.forEach(s -> sb.append("---|"));
        sb.append(average ? "---|\n" : "\n");
        for (String m : methods) {
            sb.append("| ").append(m).append(" |");
            for (NoiseSetting s : settings) {
                sb.append(' ').append(Format.values(Arrays.stream(seeds).mapToDouble(x -> 100 * runs.get(s, m, x)
                        .testAccuracy()).toArray())).append(" |");
            }
            if (average) {
                sb.append(' ').append(Format.values(Arrays.stream(seeds).mapToDouble(x -> mean.apply(m, x)).toArray()))
                        .append(" |");
            }
            sb.append('\n');
        }
        return sb.append("\n").append(subject).append(subject.isEmpty() ? "Test" : "test")
                .append(" accuracy (%), mean ± std over seeds ").append(Arrays.toString(seeds))
                .append("; validation and test labels are clean; noise on the training labels only.\n").toString();
    }
}
