package org.regsl.bench.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.regsl.bench.config.Budget;
import org.regsl.bench.config.PaperBudget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.paper.SentEval;
import org.regsl.bench.data.text.SentEvalTasks;
import org.regsl.bench.data.text.TextTasks;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.model.BenchArchitecture;

/**
 * C9's runs at paper scale: SentEval's six tasks ({@link SentEvalTasks}: MR, CR, SUBJ and MPQA by 10-fold
 * cross-validation, TREC train / test, SST-2 train / dev / test) in the same frozen embeddings as the bench, the
 * same MLP and the same source model ({@link TextRuns#sources}: the MLP pretrained on State of the Union eras; the
 * paper's encoder and source are not known offline, REGSL-SPEC 6.6), fine-tuned on a split's whole training part
 * by {@link TextRuns#fineTune} with the values of the bench's design ({@code c9-hyperparameters.yaml}: epochs and the
 * methods' values of its first target, assumptions). A task's accuracy of one seed is the mean test accuracy over
 * its splits (SentEval's reported figure for the cross-validated tasks). Epochs: the bench design's at the
 * {@code paper} budget, the budget's (1) at {@code tiny}; seeds: the budget's.
 */
public final class PaperTextRuns {

    /** The datasets.yaml entry. */
    public static final String DATASET = "senteval";

    /** The tasks, in table order. */
    public static final List<String> TASKS = SentEval.TASKS;

    /** What the cells name as the network. */
    public static final String NET = "mlp";

    private static volatile PaperTextRuns shared;

    private final PaperBudget budget;
    private final SentEvalTasks tasks;
    private final TextRuns text;
    private final RunStore store;
    private volatile TextHyperparameters hp;

    PaperTextRuns(PaperBudget budget, SentEvalTasks tasks, TextRuns text, RunStore store) {
        this.budget = budget;
        this.tasks = tasks;
        this.text = text;
        this.store = store;
    }

    /** The runs of this JVM (SentEval under REGSL_DATA; the source model from the bench's text runs). */
    public static synchronized PaperTextRuns shared() {
        if (shared == null) {
            DatasetCatalog catalog = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml"));
            Path root = Settings.paperDataRoot();
            if (root == null) {
                throw new IllegalStateException("REGSL_DATA is not set: C9's paper scale reads SentEval from it");
            }
            Path dir = root.resolve(catalog.get(DATASET).layoutString("folder"));
            shared = new PaperTextRuns(Settings.paperBudget(), new SentEvalTasks(dir, Settings.cacheDir()),
                    TextRuns.create(Budget.BENCH), RunStore.shared());
        }
        return shared;
    }

    /** The budget these runs use. */
    public PaperBudget budget() {
        return budget;
    }

    private TextHyperparameters hp() {
        if (hp == null) {
            hp = TextHyperparameters.bench();
        }
        return hp;
    }

    /** The bench target whose values the paper scale borrows. */
    public String valuesFrom() {
        return hp().targets().get(0);
    }

    /** The values of {@code method} (the bench design's, for {@link #valuesFrom}). */
    public MethodParams params(String method) {
        return hp().params(valuesFrom(), method);
    }

    /** Fine-tuning epochs: the bench design's at a comparable budget, the budget's otherwise. */
    public int epochs() {
        return budget.comparable() ? hp().epochs() : budget.epochs();
    }

    /** The run of {@code method} on split {@code split} of {@code task}, seed {@code seed}, computed once. */
    public FineTuneRun get(String task, String method, int split, int seed) {
        return Compute.join(start(task, method, split, seed));
    }

    /** Starts that run on the compute pool unless it is started or done. */
    public CompletableFuture<FineTuneRun> start(String task, String method, int split, int seed) {
        MethodParams params = params(method);
        return store.start(experiment(task, params, split, seed), e -> {
            SentEvalTasks.Split s = Compute.inSlot(() -> tasks.split(task, split));
            return text.fineTune(e, task, SourceKind.STANDARD, s.train(), s.val(), s.test(), tasks.numClasses(task),
                    split, epochs(), params, seed);
        });
    }

    /** Test accuracy (%) of {@code method} on {@code task} for {@code seed}: the mean over the task's splits. */
    public double accuracy(String task, String method, int seed) {
        int n = SentEvalTasks.splits(task);
        for (int k = 0; k < n; k++) {
            start(task, method, k, seed);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += get(task, method, k, seed).testAccuracy();
        }
        return 100 * sum / n;
    }

    /** The experiment of that run. */
    Experiment experiment(String task, MethodParams params, int split, int seed) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", "senteval/" + task);
        config.put("protocol", SentEvalTasks.splits(task) > 1 ? "SentEval 10-fold (StratifiedKFold, shuffle,"
                + " random_state 1111), validation the first inner fold" : task.equals("TREC")
                        ? "TREC train / test, validation the first fold of the splitter over train" : "SST-2 train / dev"
                                + " / test");
        config.put("split", split);
        config.put("encoder", TextTasks.encoder());
        config.put("architecture", BenchArchitecture.MLP.description());
        TextRuns.putTraining(config, epochs(), params, seed);
        config.put("valuesFrom", "c9-hyperparameters.yaml, bench target " + valuesFrom());
        config.put("sourceModel", text.sources().file(SourceKind.STANDARD, 0).getFileName().toString());
        config.put("threads", Settings.threads());
        return new Experiment("paper", budget.name(), "senteval", task, SourceKind.STANDARD.id(), 0, params.method(),
                "split-" + split, seed, config);
    }
}
