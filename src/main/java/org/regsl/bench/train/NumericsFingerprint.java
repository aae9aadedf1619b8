package org.regsl.bench.train;

import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.model.BenchArchitecture;
import org.regsl.bench.model.Net;

/**
 * Which numerics produced a number: a canary computation, libtorch's version, the intra-op thread
 * count and the device. Runs are bit-identical only where all four agree (same CPU kernels, same
 * reduction order), so a recorded value can be replayed exactly only under the fingerprint it was
 * recorded with; elsewhere it can only be compared statistically.
 *
 * <p>The canary: the bench ResNet-8 from init seed 7 trained for 20 steps (2 epochs of 10 batches
 * of 32, AMSGrad lr 1e-3, batch-order seed 11) on 320 synthetic 28x28 images (pixels from
 * {@code java.util.Random(20211104)}, labels i mod 5); its final weights, every float's bits in
 * network order, hashed with SHA-256 (first 16 hex digits). It exercises what every bench run
 * does: convolution, BatchNorm, the backward pass and the optimizer, under the same thread count.
 *
 * <p>C7 trains a Vision Transformer, whose kernels (batched matrix products, softmax, LayerNorm, the erf
 * GELU) the ResNet canary never runs. Its values are recorded and replayed under {@link #idWithVit}, which
 * adds a second canary: the bench ViT ({@code BenchArchitecture.VIT}) trained the same way on the same
 * images, dropout included. C9 reads sentence embeddings computed by onnxruntime's int8 kernels, which may
 * differ by instruction set where libtorch's do not: its values replay under {@link #idWithEncoder}, which adds
 * the hash of the encoder's vectors for three fixed sentences. C1-C6 and C8 keep {@link #id}.
 *
 * @param canary the canary hash (16 hex digits)
 * @param libtorch libtorch version
 * @param threads intra-op threads
 * @param device compute device
 */
public record NumericsFingerprint(String canary, String libtorch, int threads, String device) {

    private static volatile NumericsFingerprint current;
    private static volatile String vitCanary;
    private static volatile String encoderCanary;

    /** The encoder canary's sentences (fixed: their vectors' bits are hashed). */
    static final java.util.List<String> ENCODER_CANARY = java.util.List.of(
            "The constraint keeps every layer near its pretrained weights.",
            "Fellow citizens, the state of our Union is strong.",
            "Free money!!! Click here to claim your prize now");

    /** The fingerprint of this JVM (computed once, about a second). */
    public static NumericsFingerprint current() {
        NumericsFingerprint f = current;
        if (f == null) {
            synchronized (NumericsFingerprint.class) {
                if (current == null) {
                    current = new NumericsFingerprint(computeCanary(), Engine.getInstance().getVersion(), Settings.threads(),
                            Engine.getInstance().defaultDevice().toString());
                }
                f = current;
            }
        }
        return f;
    }

    /** The one-string form recorded next to values, e.g. {@code 3f9c0a12d4e5b6a7/libtorch-2.7.1/2t/cpu()}. */
    public String id() {
        return idWith("");
    }

    /** {@link #id} with {@code extra} (a second canary's tag and hash) after the ResNet canary's hash. */
    private String idWith(String extra) {
        return canary + extra + "/libtorch-" + libtorch + "/" + threads + "t/" + device;
    }

    /**
     * The one-string form for values the bench ViT produced (C7): {@link #id} with the ViT canary's hash after
     * the ResNet's, e.g. {@code 3f9c0a12d4e5b6a7+vit-0a1b2c3d4e5f6a7b/libtorch-2.7.1/2t/cpu()}.
     */
    public String idWithVit() {
        String v = vitCanary;
        if (v == null) {
            synchronized (NumericsFingerprint.class) {
                if (vitCanary == null) {
                    vitCanary = computeCanary(BenchArchitecture.VIT);
                }
                v = vitCanary;
            }
        }
        return idWith("+vit-" + v);
    }

    /**
     * The one-string form for values computed from the sentence encoder's vectors (C9): {@link #id} with the hash
     * of the vectors of {@link #ENCODER_CANARY} after the ResNet's, e.g.
     * {@code 3f9c0a12d4e5b6a7+enc-0a1b2c3d4e5f6a7b/libtorch-2.7.1/2t/cpu()}.
     */
    public String idWithEncoder() {
        String v = encoderCanary;
        if (v == null) {
            synchronized (NumericsFingerprint.class) {
                if (encoderCanary == null) {
                    try (org.regsl.bench.data.text.SentenceEncoder encoder = org.regsl.bench.data.text.SentenceEncoder
                            .load()) {
                        encoderCanary = hash(encoder.embed(ENCODER_CANARY));
                    }
                }
                v = encoderCanary;
            }
        }
        return idWith("+enc-" + v);
    }

    /** The first 16 hex digits of SHA-256 over every float's bits in network order. */
    static String hash(Iterable<float[]> arrays) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (float[] w : arrays) {
                ByteBuffer b = ByteBuffer.allocate(4 * w.length);
                for (float x : w) {
                    b.putInt(Float.floatToRawIntBits(x));
                }
                sha.update(b.array());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canary hash of this machine's numerics. */
    static String computeCanary() {
        return computeCanary(BenchArchitecture.RESNET);
    }

    /** The canary hash of this machine's numerics for {@code architecture}. */
    static String computeCanary(BenchArchitecture architecture) {
        int n = 320;
        int side = 28;
        Random rng = new Random(20211104);
        byte[] pixels = new byte[n * side * side];
        rng.nextBytes(pixels);
        int[] labels = new int[n];
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 5;
            indices[i] = i;
        }
        LabeledImages data = new LabeledImages("canary", pixels, labels, indices, side, side, 5);
        TrainConfig config = new TrainConfig(2, 32, 1e-3, 10, 0.1, 11, Checkpoint.LAST, "canary");
        try (Net net = architecture.create(5, 0, 7)) {
            new TrainingLoop(config).run(net, data, null);
            java.util.List<float[]> arrays = new java.util.ArrayList<>();
            for (Pair<String, Parameter> p : net.parameters()) {
                arrays.add(p.getValue().getArray().toFloatArray());
            }
            return hash(arrays);
        }
    }
}
