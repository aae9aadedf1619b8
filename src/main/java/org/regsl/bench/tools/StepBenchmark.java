package org.regsl.bench.tools;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.VisionTransformer;
import org.regsl.bench.nn.Batches;
import org.regsl.bench.nn.Optimizer;
import org.regsl.bench.regularize.Regularization;
import org.regsl.bench.train.CrossEntropy;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.Gradients;
import org.regsl.bench.train.StepSplit;
import org.regsl.bench.train.TrainingStep;

/**
 * {@code regsl bench-step}: the product's training step of the bench ResNet-8 (the
 * {@link TrainingStep} every claim runs: forward, cross-entropy, backward, AMSGrad) on synthetic
 * 1x28x28 images, at each batch size, libtorch thread count and number of concurrent runs asked
 * for; per configuration the images per second (all concurrent runs together) with min and median
 * over repetitions and the median split of one run's step. When a {@code python3} with PyTorch is
 * present (or {@code --python} names one), each repetition is followed by the same net and
 * optimizer in PyTorch eager ({@code src/main/python/bench_step.py}, one process per concurrent
 * run, same environment), and the ratio is printed. A benchmark, never a test: figures depend on
 * the machine.
 *
 * <p>With {@code inference}: the evaluation pass instead ({@link Evaluation#of}, what every validation pass
 * and final evaluation runs per chunk: the images decoded from bytes, the forward pass in inference mode,
 * the per-image loss and the arg-max), one step being one evaluation of {@code batch} synthetic images, and
 * beside it the same in PyTorch eager ({@code bench_step.py --mode inference}: {@code eval()}, {@code no_grad}).
 */
public final class StepBenchmark {

    /** One configuration. */
    public record Config(int batch, int threads, int parallel) {
        @Override
        public String toString() {
            return "batch " + batch + ", " + threads + " thread" + (threads == 1 ? "" : "s") + ", " + parallel
                    + " run" + (parallel == 1 ? "" : "s");
        }
    }

    /** What the benchmark is asked: configurations, steps per repetition, warm-up steps, repetitions. */
    public record Options(List<Config> configs, int steps, int warmup, int repetitions, String python, Path script,
            Path profile, Arch arch, boolean inference) {}

    /** The architectures the benchmark trains: the bench ResNet-8 and the bench ViT proposed for C7. */
    public enum Arch {
        RESNET8("resnet8", "ResNet-8"),
        VIT("vit", "ViT " + VisionTransformer.Config.BENCH);

        private final String id;
        private final String label;

        Arch(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /** The architecture called {@code id} ({@code resnet8}, {@code vit}). */
        public static Arch of(String id) {
            for (Arch a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("--arch: unknown architecture '" + id + "' (resnet8, vit)");
        }

        /** The id the PyTorch script takes. */
        public String id() {
            return id;
        }

        Net create(long seed) {
            return this == RESNET8 ? Net.create(CLASSES, seed)
                    : Net.of(() -> new VisionTransformer(VisionTransformer.Config.BENCH, CLASSES), Net.INPUT, CLASSES, 0,
                            null, seed);
        }
    }

    private static final int CLASSES = 10;

    private StepBenchmark() {}

    /** The operators one at a time ({@link OpBenchmark}), with the PyTorch side found as for the step. */
    public static void runOps(int batch, int steps, int warmup, int repetitions, String python, Path script)
            throws Exception {
        Options o = new Options(List.of(), steps, warmup, repetitions, python, script, null, Arch.RESNET8, false);
        OpBenchmark.run(batch, steps, warmup, repetitions, pythonWithTorch(o), script);
    }

    /** Runs every configuration and prints one block per configuration. */
    public static void run(Options o) throws Exception {
        Gradients.offOnThisThread();
        String python = pythonWithTorch(o);
        System.out.printf("bench-step: %s (%d classes), %s, %d timed steps after %d warm-up, %d"
                + " repetitions; %d cores; allocator %s; PyTorch side: %s%n", o.arch().label, CLASSES,
                o.inference() ? "the evaluation pass (inference mode, per-image loss, arg-max)" : "AMSGrad lr 1e-3",
                o.steps(), o.warmup(),
                o.repetitions(), Runtime.getRuntime().availableProcessors(), allocator(),
                python == null ? "absent (no python3 with torch)" : python + " " + o.script());
        for (Config c : o.configs()) {
            double[] product = new double[o.repetitions()];
            double[] torch = new double[o.repetitions()];
            List<Map<StepSplit.Piece, Double>> splits = new ArrayList<>();
            List<double[]> torchSplits = new ArrayList<>();
            double[] faults = new double[o.repetitions()];
            for (int r = 0; r < o.repetitions(); r++) {
                StepSplit split = new StepSplit();
                double[] f = new double[1];
                product[r] = productImagesPerSecond(c, o, 1000L * r + 1, split, f);
                faults[r] = f[0];
                splits.add(split.millisPerStep());
                if (python != null) {
                    double[] t = torchImagesPerSecond(python, o, c, r + 1);
                    torch[r] = t[0];
                    torchSplits.add(Arrays.copyOfRange(t, 1, 5));
                }
            }
            System.out.println(report(c, product, o.inference() ? null : splits, faults, python == null ? null : torch,
                    torchSplits));
        }
        if (o.profile() != null) {
            profile(o, python);
        }
    }

    /**
     * libtorch's profiler over the timed steps of one run of the first configuration (product and,
     * when present, PyTorch), written as chrome traces to the profile folder, and the time per step
     * of each operator side by side (an operator's time includes the operators it calls).
     */
    static void profile(Options o, String python) throws Exception {
        Config c = new Config(o.configs().get(0).batch(), 1, 1);
        Files.createDirectories(o.profile());
        Path product = o.profile().resolve("product-trace.json").toAbsolutePath();
        Path torch = o.profile().resolve("pytorch-trace.json").toAbsolutePath();
        JniUtils.setNumThreads(1);
        CyclicBarrier start = new CyclicBarrier(1);
        CyclicBarrier end = new CyclicBarrier(1);
        oneRun(c.batch(), o, 1, new StepSplit(), start, end, product);
        Map<String, Double> mine = operatorMillis(product, o.steps());
        Map<String, Double> theirs = Map.of();
        if (python != null) {
            Process p = new ProcessBuilder(python, o.script().toString(), "--batch", "" + c.batch(), "--threads", "1",
                    "--steps", "" + o.steps(), "--warmup", "" + o.warmup(), "--classes", "" + CLASSES, "--arch", o.arch().id(), "--profile",
                    torch.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(o.script() + " failed: " + out);
            }
            theirs = operatorMillis(torch, o.steps());
        }
        System.out.printf("profile (%s; traces in %s): ms per step by operator, product | PyTorch%n", c, o.profile());
        List<String> names = new ArrayList<>(mine.keySet());
        for (String n : theirs.keySet()) {
            if (!mine.containsKey(n)) {
                names.add(n);
            }
        }
        final Map<String, Double> t = theirs;
        names.sort((a, b) -> Double.compare(Math.max(mine.getOrDefault(b, 0.0), t.getOrDefault(b, 0.0)),
                Math.max(mine.getOrDefault(a, 0.0), t.getOrDefault(a, 0.0))));
        for (String n : names.subList(0, Math.min(40, names.size()))) {
            System.out.printf("  %-52s %8.3f | %8s%n", n, mine.getOrDefault(n, 0.0),
                    t.containsKey(n) ? String.format("%.3f", t.get(n)) : "-");
        }
    }

    /** Milliseconds per step of each operator name in a chrome trace ("X" events; microsecond durations). */
    static Map<String, Double> operatorMillis(Path trace, int steps) throws IOException {
        JsonNode root = new ObjectMapper().readTree(trace.toFile());
        JsonNode events = root.isArray() ? root : root.get("traceEvents");
        Map<String, Double> out = new java.util.HashMap<>();
        for (JsonNode e : events) {
            if ("X".equals(e.path("ph").asText()) && e.has("dur")) {
                out.merge(e.get("name").asText(), e.get("dur").asDouble() / 1000.0 / steps, Double::sum);
            }
        }
        return out;
    }

    /** The block printed for one configuration. */
    static String report(Config c, double[] product, List<Map<StepSplit.Piece, Double>> splits, double[] faults,
            double[] torch, List<double[]> torchSplits) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: product %,.0f img/s median (min %,.0f)", c, median(product), min(product)));
        if (torch != null) {
            sb.append(String.format("; PyTorch eager %,.0f (min %,.0f); ratio %.2f", median(torch), min(torch),
                    median(product) / median(torch)));
        }
        if (splits == null) {
            return sb.append(String.format("%n  product page-faults/step %.1f", median(faults))).toString();
        }
        sb.append(String.format("%n  product ms/step (one run, median):"));
        for (StepSplit.Piece p : StepSplit.Piece.values()) {
            double[] v = splits.stream().mapToDouble(s -> s.get(p)).toArray();
            sb.append(String.format(" %s %.2f", p.name().toLowerCase(), median(v)));
        }
        sb.append(String.format(" page-faults/step %.1f", median(faults)));
        if (torch != null && !torchSplits.isEmpty()) {
            String[] names = {"forward+loss", "backward", "optimizer", "page-faults/step"};
            sb.append(String.format("%n  PyTorch ms/step (one process, median):"));
            for (int i = 0; i < names.length; i++) {
                final int k = i;
                sb.append(String.format(" %s %.2f", names[i], median(torchSplits.stream().mapToDouble(t -> t[k]).toArray())));
            }
        }
        return sb.toString();
    }

    /** What one of the concurrent runs does: untimed warm-up, then {@code start}, the timed steps, {@code end}. */
    @FunctionalInterface
    private interface RunBody {
        void run(int run, CyclicBarrier start, CyclicBarrier end) throws Exception;
    }

    /**
     * Images per second of {@code c.parallel()} concurrent runs (training steps, or evaluations with
     * {@code o.inference()}); {@code split} gets run 0's pieces and {@code faultsPerStep[0]} the process's
     * minor page faults per run and step (NaN where unknown).
     */
    static double productImagesPerSecond(Config c, Options o, long seed, StepSplit split, double[] faultsPerStep)
            throws Exception {
        RunBody body = o.inference()
                ? (run, start, end) -> oneEvaluationRun(c.batch(), o, seed + run, start, end)
                : (run, start, end) -> oneRun(c.batch(), o, seed + run, run == 0 ? split : new StepSplit(), start, end,
                        null);
        JniUtils.setNumThreads(c.threads());
        CyclicBarrier start = new CyclicBarrier(c.parallel() + 1);
        CyclicBarrier end = new CyclicBarrier(c.parallel() + 1);
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int k = 0; k < c.parallel(); k++) {
            final int run = k;
            Thread t = new Thread(() -> {
                try {
                    body.run(run, start, end);
                } catch (Throwable e) {
                    failure[0] = e;
                    start.reset();
                    end.reset();
                }
            }, "bench-step-" + k);
            t.start();
            threads.add(t);
        }
        start.await();
        long t0 = System.nanoTime();
        long f0 = MinorFaults.ofThisProcess();
        end.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long f1 = MinorFaults.ofThisProcess();
        faultsPerStep[0] = f0 < 0 || f1 < 0 ? Double.NaN : (double) (f1 - f0) / ((long) c.parallel() * o.steps());
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("bench-step run failed", failure[0]);
        }
        return (double) c.parallel() * c.batch() * o.steps() / seconds;
    }

    private static void oneRun(int batch, Options o, long seed, StepSplit split, CyclicBarrier start,
            CyclicBarrier end, Path trace) throws Exception {
        Gradients.offOnThisThread();
        Random rng = new Random(seed);
        int[] labels = randomLabels(rng, batch * (o.steps() + o.warmup()));
        float[] pixels = new float[batch * 28 * 28];
        try (Net net = o.arch().create(seed); CrossEntropy ce = new CrossEntropy(labels);
                Optimizer opt = Optimizer.AMSGRAD.create(net.trainable())) {
            TrainingStep step = new TrainingStep(ce, List.of(ce), Regularization.NONE, opt);
            for (int s = 0; s < o.steps() + o.warmup(); s++) {
                if (s == o.warmup()) {
                    split.reset();
                    start.await();
                    if (trace != null) {
                        JniUtils.startProfile(false, Boolean.getBoolean("regsl.profile.shapes"), false);
                    }
                }
                long t0 = System.nanoTime();
                int[] positions = new int[batch];
                for (int i = 0; i < batch; i++) {
                    positions[i] = s * batch + i;
                }
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = rng.nextFloat();
                }
                long t1;
                long t2;
                try (NDManager sub = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                    NDArray x = sub.create(pixels, new Shape(batch, 1, 28, 28));
                    t1 = System.nanoTime();
                    step.run(net, x, positions, 1, 1e-3, split);
                    t2 = System.nanoTime();
                }
                split.add(StepSplit.Piece.BATCH, t1 - t0);
                split.add(StepSplit.Piece.SCOPE, System.nanoTime() - t2);
            }
            if (trace != null) {
                JniUtils.stopProfile(trace.toString());
            }
            end.await();
        }
    }

    /**
     * One run of evaluation passes: {@link Evaluation#of} over a set of {@code batch} synthetic 28x28
     * images (one chunk at the bench sets' chunk of 250), {@code o.warmup()} times untimed, then
     * {@code o.steps()} times between the barriers.
     */
    private static void oneEvaluationRun(int batch, Options o, long seed, CyclicBarrier start, CyclicBarrier end)
            throws Exception {
        Gradients.offOnThisThread();
        Random rng = new Random(seed);
        byte[] pixels = new byte[batch * 28 * 28];
        rng.nextBytes(pixels);
        LabeledImages set = new LabeledImages("bench-step/synthetic", pixels, randomLabels(rng, batch),
                Batches.identity(batch), 28, 28, CLASSES);
        try (Net net = o.arch().create(seed)) {
            for (int s = 0; s < o.steps() + o.warmup(); s++) {
                if (s == o.warmup()) {
                    start.await();
                }
                Evaluation.of(net, set);
            }
            end.await();
        }
    }

    /** {@code n} labels drawn uniformly from the benchmark's classes. */
    private static int[] randomLabels(Random rng, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(CLASSES);
        }
        return labels;
    }

    /** PyTorch's images per second for {@code c} (one process per concurrent run) and process 0's split. */
    private static double[] torchImagesPerSecond(String python, Options o, Config c, int seed)
            throws IOException, InterruptedException {
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < c.parallel(); k++) {
            ps.add(new ProcessBuilder(python, o.script().toString(), "--batch", "" + c.batch(), "--threads",
                    "" + c.threads(), "--steps", "" + o.steps(), "--warmup", "" + o.warmup(), "--classes",
                    "" + CLASSES, "--arch", o.arch().id(), "--seed", "" + (seed + k), "--mode",
                    o.inference() ? "inference" : "train").redirectErrorStream(true).start());
        }
        double total = 0;
        double[] first = null;
        ObjectMapper json = new ObjectMapper();
        for (Process p : ps) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(o.script() + " failed: " + out);
            }
            JsonNode r = json.readTree(out.substring(out.lastIndexOf('\n') + 1));
            total += r.get("imgPerSecond").asDouble();
            if (first == null) {
                first = new double[] {0, r.get("forwardMs").asDouble(), r.get("backwardMs").asDouble(),
                        r.get("optimizerMs").asDouble(), r.path("faultsPerStep").asDouble(Double.NaN)};
            }
        }
        first[0] = total;
        return first;
    }

    /**
     * The python to compare with: {@code --python}, else the first of {@code python3} and the
     * system's {@code /usr/bin/python3} (a version manager's python3 may lack the system's torch)
     * that imports torch, else null.
     */
    private static String pythonWithTorch(Options o) throws InterruptedException {
        if ("none".equals(o.python())) {
            return null;
        }
        if (!Files.isRegularFile(o.script())) {
            System.out.println("bench-step: " + o.script() + " absent; PyTorch side skipped");
            return null;
        }
        for (String candidate : o.python() == null ? List.of("python3", "/usr/bin/python3") : List.of(o.python())) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }

    /** The glibc allocator settings ({@code GLIBC_TUNABLES}, {@code MALLOC_*}) this process runs with, by name. */
    static String allocator() {
        String set = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("MALLOC_") || e.getKey().equals("GLIBC_TUNABLES"))
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(" "));
        return set.isEmpty() ? "glibc defaults" : set;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
