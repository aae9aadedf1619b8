package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports Google's ViT checkpoints ({@code imagenet21k_ViT-B_16.npz}; {@link Npz}) into a
 * {@link VisionTransformer}, with the reference loader's conversions (ViT-pytorch's
 * {@code load_from}): the patch kernel HWIO to OIHW; the query, key, value and out kernels reshaped
 * to (in, out) and transposed; the MLP kernels transposed; biases flattened. {@code pre_logits}
 * and the checkpoint's own {@code head} are ignored (the official fine-tuning replaces the head);
 * a missing array, or one whose shape differs from the model's (a position-embedding grid of
 * another resolution among them), is an error naming the file, the array and both shapes.
 */
public final class VitCheckpoint {

    /** What an import did: the arrays read into the model and those ignored. */
    public record Report(int loaded, List<String> ignored) {}

    private VitCheckpoint() {}

    /** Reads {@code file} into {@code vit}'s parameters in place (its head untouched). */
    public static Report importInto(VisionTransformer vit, Path file) throws IOException {
        Map<String, Npz.Array> arrays = Npz.read(file);
        Map<String, String> used = new LinkedHashMap<>();
        Map<String, Parameter> torch = vit.torchNames();
        int hidden = vit.config().hidden();
        put(file, arrays, used, torch.get("patch.weight"), "embedding/kernel", a -> permute(a, 3, 2, 0, 1));
        put(file, arrays, used, torch.get("patch.bias"), "embedding/bias", a -> a);
        put(file, arrays, used, torch.get("cls"), "cls", a -> a);
        put(file, arrays, used, torch.get("pos"), "Transformer/posembed_input/pos_embedding", a -> a);
        for (int i = 0; i < vit.config().layers(); i++) {
            String blk = "Transformer/encoderblock_" + i + "/";
            String att = blk + "MultiHeadDotProductAttention_1/";
            String t = "blocks." + i + ".";
            for (String qkv : List.of("query", "key", "value")) {
                put(file, arrays, used, torch.get(t + qkv + ".weight"), att + qkv + "/kernel",
                        a -> transposed(reshaped(a, hidden, hidden)));
                put(file, arrays, used, torch.get(t + qkv + ".bias"), att + qkv + "/bias", a -> reshaped(a, hidden));
            }
            put(file, arrays, used, torch.get(t + "out.weight"), att + "out/kernel",
                    a -> transposed(reshaped(a, hidden, hidden)));
            put(file, arrays, used, torch.get(t + "out.bias"), att + "out/bias", a -> a);
            put(file, arrays, used, torch.get(t + "fc1.weight"), blk + "MlpBlock_3/Dense_0/kernel", VitCheckpoint::transposed);
            put(file, arrays, used, torch.get(t + "fc1.bias"), blk + "MlpBlock_3/Dense_0/bias", a -> a);
            put(file, arrays, used, torch.get(t + "fc2.weight"), blk + "MlpBlock_3/Dense_1/kernel", VitCheckpoint::transposed);
            put(file, arrays, used, torch.get(t + "fc2.bias"), blk + "MlpBlock_3/Dense_1/bias", a -> a);
            put(file, arrays, used, torch.get(t + "attention_norm.weight"), blk + "LayerNorm_0/scale", a -> a);
            put(file, arrays, used, torch.get(t + "attention_norm.bias"), blk + "LayerNorm_0/bias", a -> a);
            put(file, arrays, used, torch.get(t + "ffn_norm.weight"), blk + "LayerNorm_2/scale", a -> a);
            put(file, arrays, used, torch.get(t + "ffn_norm.bias"), blk + "LayerNorm_2/bias", a -> a);
        }
        put(file, arrays, used, torch.get("encoder_norm.weight"), "Transformer/encoder_norm/scale", a -> a);
        put(file, arrays, used, torch.get("encoder_norm.bias"), "Transformer/encoder_norm/bias", a -> a);
        List<String> ignored = new ArrayList<>();
        for (String k : arrays.keySet()) {
            if (!used.containsKey(k)) {
                ignored.add(k);
            }
        }
        return new Report(used.size(), ignored);
    }

    private interface Conversion {
        Npz.Array apply(Npz.Array a);
    }

    private static void put(Path file, Map<String, Npz.Array> arrays, Map<String, String> used, Parameter p,
            String key, Conversion conversion) throws IOException {
        Npz.Array a = arrays.get(key);
        if (a == null) {
            throw new IOException(file + ": array '" + key + "' missing (the checkpoint is not in Google's ViT layout,"
                    + " or has fewer blocks than the model)");
        }
        Npz.Array c;
        try {
            c = conversion.apply(a);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": array '" + key + "' has shape " + Arrays.toString(a.shape()) + ": "
                    + e.getMessage(), e);
        }
        NDArray target = p.getArray();
        long[] want = target.getShape().getShape();
        if (!Arrays.equals(want, c.shape())) {
            throw new IOException(file + ": array '" + key + "' has shape " + Arrays.toString(a.shape()) + " ("
                    + Arrays.toString(c.shape()) + " converted), the model's " + p.getName() + " " + Arrays.toString(want)
                    + (key.contains("pos_embedding") ? ": a position-embedding grid of another resolution" : ""));
        }
        target.set(c.values());
        used.put(key, p.getName());
    }

    /** {@code a} with a new shape of the same size. */
    static Npz.Array reshaped(Npz.Array a, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != a.values().length) {
            throw new IllegalArgumentException("cannot hold " + Arrays.toString(shape));
        }
        return new Npz.Array(shape, a.values());
    }

    /** A 2-D {@code a} transposed. */
    static Npz.Array transposed(Npz.Array a) {
        if (a.shape().length != 2) {
            throw new IllegalArgumentException("not a matrix");
        }
        return permute(a, 1, 0);
    }

    /** {@code a} with its axes in the order {@code axes} (numpy's {@code transpose(axes)}). */
    static Npz.Array permute(Npz.Array a, int... axes) {
        long[] s = a.shape();
        if (axes.length != s.length) {
            throw new IllegalArgumentException("needs " + axes.length + " axes");
        }
        int n = s.length;
        long[] outShape = new long[n];
        for (int k = 0; k < n; k++) {
            outShape[k] = s[axes[k]];
        }
        long[] inStride = new long[n];
        long st = 1;
        for (int k = n - 1; k >= 0; k--) {
            inStride[k] = st;
            st *= s[k];
        }
        float[] out = new float[a.values().length];
        int[] idx = new int[n];
        for (int i = 0; i < out.length; i++) {
            long off = 0;
            for (int k = 0; k < n; k++) {
                off += idx[k] * inStride[axes[k]];
            }
            out[i] = a.values()[(int) off];
            for (int k = n - 1; k >= 0; k--) {
                if (++idx[k] < outShape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return new Npz.Array(outShape, out);
    }
}
