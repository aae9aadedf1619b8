package org.regsl.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.Design;
import org.regsl.bench.model.ResNet;
import org.regsl.bench.tools.DesignStudy;
import org.regsl.bench.tools.FetchData;
import org.regsl.bench.tools.HyperparameterSearch;
import org.regsl.bench.tools.NoiseDesignStudy;
import org.regsl.bench.tools.PaperFixtures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The one command line of the suite's tools, with a subcommand each. Run through Maven:
 * {@code mvn -q compile exec:exec -Dregsl.args="fetch cub-200-2011"} ({@code --help} on the
 * command or any subcommand). The budget of the bench tools is {@code -Dregsl.budget} as for the
 * tests; data and weights folders are {@code REGSL_DATA} and {@code REGSL_WEIGHTS}.
 */
@Command(name = "regsl", mixinStandardHelpOptions = true, version = "RegSL Bench 0.1.0",
        description = "Tools of RegSL Bench (reproduction of Li & Zhang, NeurIPS 2021).",
        subcommands = {Regsl.Fetch.class, Regsl.DesignStudyCommand.class, Regsl.Search.class, Regsl.SearchVit.class, Regsl.SearchFewShot.class, Regsl.SearchText.class,
                Regsl.NoiseStudy.class, Regsl.SearchPaper.class, Regsl.Fixture.class, Regsl.PretrainFewShot.class, Regsl.Report.class,
                Regsl.Gate.class, Regsl.BenchStep.class,
                CommandLine.HelpCommand.class})
public final class Regsl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line; the exit code is picocli's (0 done, 1 failed, 2 usage). */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line (tests call it without exiting). */
    public static CommandLine commandLine() {
        return new CommandLine(new Regsl());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download paper-scale data sets into REGSL_DATA (digests checked, resumable, all or nothing)"
                    + " and print their split sizes.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DATASET", description = "names from datasets.yaml, or all")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            FetchData.run(names);
            return 0;
        }
    }

    @Command(name = "design-study", mixinStandardHelpOptions = true,
            description = "The C3 bench design study on validation data; writes expected-results/c3-design-study.yaml.")
    static final class DesignStudyCommand implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "DESIGN", description = "designs to study (default: all)")
        List<String> designs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            DesignStudy.run(designs.stream().map(Design::named).toList());
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "C3's hyper-parameter search on validation data; writes expected-results/c3-hyperparameters.yaml.")
    static final class Search implements Callable<Integer> {
        @Parameters(paramLabel = "DESIGN", description = "the bench design (see expected-results/c3-design-log.md)")
        String design;

        @Override
        public Integer call() throws Exception {
            HyperparameterSearch.run(Design.named(design));
            return 0;
        }
    }

    @Command(name = "search-vit", mixinStandardHelpOptions = true,
            description = "C7's search of REGSL's values for the bench ViT per noise setting, on clean validation data;"
                    + " writes expected-results/c7-hyperparameters.yaml.")
    static final class SearchVit implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            org.regsl.bench.tools.VitNoiseSearch.run();
            return 0;
        }
    }

    @Command(name = "search-fewshot", mixinStandardHelpOptions = true,
            description = "C8's search on validation episodes: fine-tuning steps, learning rate and layer-wise radii per"
                    + " shot count; writes expected-results/c8-hyperparameters.yaml.")
    static final class SearchFewShot implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            org.regsl.bench.tools.FewShotSearch.run();
            return 0;
        }
    }

    @Command(name = "search-text", mixinStandardHelpOptions = true,
            description = "C9's design study and search on validation texts: labels per class, epochs, eligible targets"
                    + " and method values; writes expected-results/c9-hyperparameters.yaml.")
    static final class SearchText implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            org.regsl.bench.tools.TextSearch.run();
            return 0;
        }
    }

    @Command(name = "search-paper", mixinStandardHelpOptions = true,
            description = "C3's paper-scale search on validation data (a GPU runner's job; -Dregsl.budget=paper):"
                    + " the grid of expected-results/c3-paper-search.yaml per data set; writes"
                    + " expected-results/c3-paper-hyperparameters.yaml, which the C3 paper cells read.")
    static final class SearchPaper implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DATASET", description = "paper-scale data sets (under REGSL_DATA)")
        List<String> datasets;

        @Override
        public Integer call() throws Exception {
            org.regsl.bench.tools.PaperSearchTool.run(datasets);
            return 0;
        }
    }

    @Command(name = "noise-study", mixinStandardHelpOptions = true,
            description = "Sizing of the label-noise bench task (C5/C6) and the correlated-noise labelers.")
    static final class NoiseStudy implements Callable<Integer> {
        @Option(names = "--labelers-only", description = "only measure the correlated-noise labelers")
        boolean labelersOnly;

        @Override
        public Integer call() throws Exception {
            NoiseDesignStudy.run(labelersOnly);
            return 0;
        }
    }

    @Command(name = "fixture", mixinStandardHelpOptions = true,
            description = "Write generated CUB-200-2011, MIT-Indoor-67, ChestX-ray14, miniImageNet and SentEval fixtures in their official"
                    + " layouts and random stand-in ResNet-18 weights, a tiny ViT checkpoint and a tiny ResNet-12 backbone (not"
                    + " pretrained), for a paper-scale pipeline run on the CPU.")
    static final class Fixture implements Callable<Integer> {
        @Parameters(paramLabel = "FOLDER", description = "where the fixture goes (then REGSL_DATA=FOLDER"
                + " REGSL_WEIGHTS=FOLDER/weights)")
        Path folder;

        @Override
        public Integer call() throws Exception {
            Path dir = PaperFixtures.cub(folder, 4, 10, 3, 2021);
            PaperFixtures.indoor(folder, List.of("airport_inside", "bar", "kitchen"), 10, 3);
            PaperFixtures.chestXray(folder, 24, 2021);
            PaperFixtures.miniImageNet(folder, 3, 2, 5, 8, 2021);
            PaperFixtures.sentEval(folder, 30, 2021);
            Path weights = folder.resolve("weights");
            PaperFixtures.weights(weights.resolve("resnet18-imagenet.safetensors"), ResNet.Depth.RESNET18, false, 1);
            PaperFixtures.weights(weights.resolve("resnet18-robust.safetensors"), ResNet.Depth.RESNET18, true, 2);
            PaperFixtures.vitCheckpoint(weights.resolve(org.regsl.bench.experiment.PaperRuns.VIT_WEIGHTS),
                    org.regsl.bench.experiment.PaperRuns.vitConfig(org.regsl.bench.config.PaperBudget.TINY.imageSize()),
                    3);
            PaperFixtures.resNet12Checkpoint(weights.resolve(org.regsl.bench.experiment.PaperFewShotRuns.CHECKPOINT),
                    org.regsl.bench.experiment.PaperFewShotRuns.TINY_NET,
                    org.regsl.bench.config.PaperBudget.TINY.imageSize(), 4);
            System.out.println("CUB-200-2011, MIT-Indoor-67, ChestX-ray14, miniImageNet and SentEval fixtures written next to "
                    + dir + "; random stand-in weights (not ImageNet; a tiny ViT and a tiny ResNet-12 for the tiny"
                    + " budget) in " + weights);
            return 0;
        }
    }

    @Command(name = "pretrain-fewshot", mixinStandardHelpOptions = true,
            description = "Pretrain C8's paper-scale ResNet-12 on miniImageNet's 64 base classes as RFS does (SGD lr 0.05,"
                    + " momentum 0.9, weight decay 5e-4, batch 64, 100 epochs, x0.1 after 60 and 80) and write its backbone to"
                    + " REGSL_WEIGHTS/" + org.regsl.bench.experiment.PaperFewShotRuns.CHECKPOINT + " (a GPU runner's job;"
                    + " -Dregsl.scale=paper, -Dregsl.budget, -Dregsl.device as for the paper cells).")
    static final class PretrainFewShot implements Callable<Integer> {
        @Option(names = "--epochs", description = "epochs (default: 100 at the paper budget, the budget's epochs otherwise)")
        Integer epochs;

        @Option(names = "--seed", description = "the seed of the initialization, the batch order and the crops"
                + " (default: ${DEFAULT-VALUE})")
        long seed = 0;

        @Option(names = "--out", description = "the checkpoint (default: REGSL_WEIGHTS/"
                + org.regsl.bench.experiment.PaperFewShotRuns.CHECKPOINT + ")")
        Path out;

        @Override
        public Integer call() throws Exception {
            org.regsl.bench.experiment.PaperFewShotRuns runs = org.regsl.bench.experiment.PaperFewShotRuns.shared();
            Path file = out != null ? out : runs.checkpoint();
            if (file == null) {
                System.err.println("pretrain-fewshot: no weights folder: set REGSL_WEIGHTS or give --out");
                return 2;
            }
            int n = epochs != null ? epochs : runs.budget().comparable()
                    ? org.regsl.bench.experiment.PaperFewShotRuns.PRETRAIN_EPOCHS : runs.budget().epochs();
            long t0 = System.nanoTime();
            double acc = runs.pretrain(file, n, seed);
            System.out.printf(java.util.Locale.ROOT, "pretrain-fewshot: ResNet12(%s) at %d px, %d epochs, seed %d:"
                    + " base-class training accuracy %.4f; backbone written to %s (%.0f s)%n", runs.netConfig(),
                    runs.imageSize(), n, seed, acc, file, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(name = "gate", mixinStandardHelpOptions = true,
            description = "The nightly's gate: fail (exit 1) when a claim group's Allure results ran no paper-scale"
                    + " case, or a headline paper direction did not run (skipped cases count as success in Failsafe).")
    static final class Gate implements Callable<Integer> {
        @Option(names = "--results", description = "the Allure results folder (default: ${DEFAULT-VALUE})")
        Path results = Settings.reportsDir().resolve("allure-results");

        @Override
        public Integer call() throws IOException {
            java.util.List<NightlyGate.Case> cases = NightlyGate.read(results);
            java.util.List<String> problems = NightlyGate.problems(cases);
            long ran = cases.stream().filter(c -> c.paper() && c.ran()).count();
            System.out.println("gate: " + cases.size() + " cases, " + ran + " paper-scale cases ran");
            problems.forEach(p -> System.out.println("gate: FAIL: " + p));
            return problems.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Summarize the last mvn verify: ledger verdicts per claim, run rows per scale and budget,"
                    + " and where the reports are.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--reports", description = "the reports folder (default: ${DEFAULT-VALUE})")
        Path reports = Settings.reportsDir();

        @Override
        public Integer call() throws IOException {
            Path ledger = reports.resolve("REPRODUCTION.md");
            if (!Files.isRegularFile(ledger)) {
                System.err.println("no ledger at " + ledger + ": run mvn verify first");
                return 1;
            }
            System.out.println(ReportSummary.ofLedger(Files.readAllLines(ledger)));
            Path runs = reports.resolve("runs");
            Map<String, Integer> rows = new TreeMap<>();
            if (Files.isDirectory(runs)) {
                try (Stream<Path> s = Files.list(runs)) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                            .forEach(n -> rows.merge(ReportSummary.scaleAndBudget(n), 1, Integer::sum));
                }
            }
            System.out.println("run rows in " + runs + ": " + rows);
            System.out.println("ledger: " + ledger);
            System.out.println("Allure report: " + reports.resolve("allure-report/index.html")
                    + " (mvn allure:serve serves it)");
            return 0;
        }
    }

    @Command(name = "bench-step", mixinStandardHelpOptions = true,
            description = "Benchmark the training step of the bench ResNet-8 or ViT (img/s, min and median over repetitions,"
                    + " the split of a step), beside PyTorch eager when a python3 with torch is present.")
    static final class BenchStep implements Callable<Integer> {
        @Option(names = "--batch", split = ",", description = "batch sizes (default: 32,64,128; with --inference 250,"
                + " the bench sets' evaluation chunk)")
        List<Integer> batches;

        @Option(names = "--threads", split = ",", description = "libtorch intra-op threads (default: ${DEFAULT-VALUE})")
        List<Integer> threads = List.of(1, 2);

        @Option(names = "--parallel", split = ",", description = "concurrent runs of one thread each"
                + " (default: ${DEFAULT-VALUE}; the pairs of -Dregsl.parallel=auto)")
        List<Integer> parallel = List.of(2);

        @Option(names = "--steps", description = "timed steps per repetition (default: ${DEFAULT-VALUE})")
        int steps = 40;

        @Option(names = "--warmup", description = "untimed steps first (default: ${DEFAULT-VALUE})")
        int warmup = 5;

        @Option(names = "--repetitions", description = "repetitions per configuration (default: ${DEFAULT-VALUE})")
        int repetitions = 3;

        @Option(names = "--python", description = "python with torch for the PyTorch side (default: python3 if it"
                + " imports torch; none: skip)")
        String python;

        @Option(names = "--script", description = "the PyTorch side (default: ${DEFAULT-VALUE})")
        Path script = Path.of("src/main/python/bench_step.py");

        @Option(names = "--profile", description = "also profile one run of the first batch size (libtorch's profiler,"
                + " both sides) and write the chrome traces to this folder")
        Path profile;

        @Option(names = "--arch", description = "resnet8 (the bench net) or vit (the bench ViT proposed for C7;"
                + " default: ${DEFAULT-VALUE})")
        String arch = "resnet8";

        @Option(names = "--ops", description = "time the bench net's operators one at a time instead (conv, batch"
                + " norm, relu, add; forward and backward; first batch size, 1 thread), beside PyTorch's")
        boolean ops;

        @Option(names = "--inference", description = "time the evaluation pass instead of the training step (what"
                + " every validation pass and final evaluation runs: inference mode, per-image loss, arg-max), beside"
                + " PyTorch's in eval() under no_grad")
        boolean inference;

        @Override
        public Integer call() throws Exception {
            if (batches == null) {
                batches = inference ? List.of(250) : List.of(32, 64, 128);
            }
            if (inference && (ops || profile != null)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--inference times the evaluation pass; --ops and --profile concern the training step");
            }
            if (ops) {
                org.regsl.bench.tools.StepBenchmark.runOps(batches.get(0), steps, warmup, repetitions, python, script);
                return 0;
            }
            List<org.regsl.bench.tools.StepBenchmark.Config> configs = new ArrayList<>();
            for (int t : threads) {
                for (int b : batches) {
                    configs.add(new org.regsl.bench.tools.StepBenchmark.Config(b, t, 1));
                }
            }
            for (int p : parallel) {
                if (p > 1) {
                    configs.add(new org.regsl.bench.tools.StepBenchmark.Config(batches.get(0), 1, p));
                }
            }
            org.regsl.bench.tools.StepBenchmark.run(new org.regsl.bench.tools.StepBenchmark.Options(configs, steps,
                    warmup, repetitions, python, script, profile, org.regsl.bench.tools.StepBenchmark.Arch.of(arch),
                    inference));
            return 0;
        }
    }
}
