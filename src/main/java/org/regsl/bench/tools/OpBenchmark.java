package org.regsl.bench.tools;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.regsl.bench.train.Gradients;

/**
 * The bench ResNet-8's operators one at a time, outside any net: each forward on fresh inputs that
 * require gradients, then its backward with a ones gradient, timed separately, on the product's
 * libtorch and (same shapes, same order, {@code bench_step.py --ops}) on PyTorch eager. It
 * separates what the binding adds (DJL's graph, its batch norm's two identity transposes, the
 * scope that frees results) from what the libtorch version's kernels cost: an operator here is one
 * native call on each side, so a ratio below 1 is libtorch's, not the binding's. The shapes are the
 * bench net's at the given batch (stem, stages 1-3, the stride-2 shortcuts). One thread; the
 * leaves' gradients accumulate over the calls on both sides, as a net's parameters' do.
 */
final class OpBenchmark {

    /**
     * The operators, each named as {@code bench_step.py --ops} names it: {@code conv:cin:cout:size:stride:kernel},
     * {@code bn:channels:size} (DJL's {@code BatchNorm} on axis 1: the batch norm between two
     * {@code swapAxes(1, 1)}), {@code bn-direct:channels:size} (the same batch norm called without
     * them, as PyTorch calls it), {@code relu:channels:size}, {@code add:channels:size}.
     */
    static final List<String> OPS = List.of("conv:16:16:28:1:3", "conv:16:32:28:2:3", "conv:16:32:28:2:1",
            "conv:32:32:14:1:3", "conv:64:64:7:1:3", "bn:16:28", "bn-direct:16:28", "bn:64:7", "relu:16:28",
            "add:16:28");

    private OpBenchmark() {}

    /** Prints one line per operator: forward and backward ms, product | PyTorch, and the ratio of their sums. */
    static void run(int batch, int steps, int warmup, int repetitions, String python, Path script) throws Exception {
        Gradients.offOnThisThread();
        JniUtils.setNumThreads(1);
        Map<String, double[]> torch = python == null ? Map.of() : torchMillis(python, script, batch, steps, warmup,
                repetitions);
        System.out.printf("bench-step --ops: batch %d, 1 thread, %d timed calls after %d, median of %d repetitions;"
                + " ms per call, forward / backward, product | PyTorch%s%n", batch, steps, warmup, repetitions,
                python == null ? " (PyTorch absent)" : "");
        for (String op : OPS) {
            double[][] reps = new double[repetitions][];
            for (int r = 0; r < repetitions; r++) {
                reps[r] = millis(op, batch, steps, warmup);
            }
            double fw = StepBenchmark.median(Arrays.stream(reps).mapToDouble(x -> x[0]).toArray());
            double bw = StepBenchmark.median(Arrays.stream(reps).mapToDouble(x -> x[1]).toArray());
            double[] t = torch.get(op.replace("bn-direct", "bn"));
            System.out.printf("  %-20s %7.3f / %7.3f | %s%n", op, fw, bw, t == null ? "-"
                    : String.format("%7.3f / %7.3f   ratio %.2f", t[0], t[1], (t[0] + t[1]) / (fw + bw)));
        }
    }

    /** Forward and backward ms per call of {@code op}, mean over {@code steps} calls after {@code warmup}. */
    static double[] millis(String op, int batch, int steps, int warmup) {
        String[] f = op.split(":");
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> leaves = new ArrayList<>();
            Function<NDList, NDArray> forward = forward(f, batch, m, leaves);
            long fw = 0;
            long bw = 0;
            for (int i = 0; i < warmup + steps; i++) {
                try (NDScope scope = new NDScope(); Gradients g = Gradients.collect()) {
                    long t0 = System.nanoTime();
                    NDArray y = forward.apply(new NDList(leaves));
                    long t1 = System.nanoTime();
                    g.backward(y);
                    long t2 = System.nanoTime();
                    if (i >= warmup) {
                        fw += t1 - t0;
                        bw += t2 - t1;
                    }
                }
            }
            return new double[] {fw / 1e6 / steps, bw / 1e6 / steps};
        }
    }

    private static Function<NDList, NDArray> forward(String[] f, int batch, NDManager m, List<NDArray> leaves) {
        String kind = f[0];
        int c = Integer.parseInt(f[1]);
        if ("conv".equals(kind)) {
            int out = Integer.parseInt(f[2]);
            int size = Integer.parseInt(f[3]);
            int stride = Integer.parseInt(f[4]);
            int k = Integer.parseInt(f[5]);
            leaves.add(leaf(m, new Shape(batch, c, size, size)));
            leaves.add(leaf(m, new Shape(out, c, k, k)));
            return in -> Conv2d.conv2d(in.get(0), in.get(1), null, new Shape(stride, stride), new Shape(k / 2, k / 2),
                    new Shape(1, 1)).singletonOrThrow();
        }
        int size = Integer.parseInt(f[2]);
        leaves.add(leaf(m, new Shape(batch, c, size, size)));
        switch (kind) {
            case "relu":
                return in -> Activation.relu(in.get(0));
            case "add":
                leaves.add(leaf(m, new Shape(batch, c, size, size)));
                return in -> in.get(0).add(in.get(1));
            case "bn":
            case "bn-direct":
                NDArray gamma = leaf(m, new Shape(c));
                NDArray beta = leaf(m, new Shape(c));
                leaves.add(gamma);
                leaves.add(beta);
                NDArray mean = m.zeros(new Shape(c));
                NDArray var = m.ones(new Shape(c));
                int axis = "bn".equals(kind) ? 1 : -1; // DJL's PyTorch engine calls the batch norm directly for -1
                return in -> BatchNorm.batchNorm(in.get(0), mean, var, in.get(1), in.get(2), axis, 0.9f, 1e-5f, true)
                        .singletonOrThrow();
            default:
                throw new IllegalArgumentException("unknown operator " + String.join(":", f));
        }
    }

    private static NDArray leaf(NDManager m, Shape shape) {
        NDArray a = m.randomNormal(shape);
        a.setRequiresGradient(true);
        return a;
    }

    /** PyTorch's forward and backward ms per operator (one process; the script prints one JSON line). */
    private static Map<String, double[]> torchMillis(String python, Path script, int batch, int steps, int warmup,
            int repetitions) throws IOException, InterruptedException {
        List<String> ops = OPS.stream().filter(o -> !o.startsWith("bn-direct")).toList();
        Process p = new ProcessBuilder(python, script.toString(), "--ops", String.join(",", ops), "--batch", "" + batch,
                "--steps", "" + steps, "--warmup", "" + warmup, "--repetitions", "" + repetitions)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " --ops failed: " + out);
        }
        JsonNode r = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        Map<String, double[]> millis = new LinkedHashMap<>();
        r.fields().forEachRemaining(e -> millis.put(e.getKey(),
                new double[] {e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()}));
        return millis;
    }
}
