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
        put(file, arrays, used, torch.get("patch.weight"), "embedding/kernel", a -> a.permute(3, 2, 0, 1));
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

    /**
     * Writes {@code vit}'s parameters to {@code file} in Google's layout (the inverse of
     * {@link #importInto}), with a {@code pre_logits} and a 7-way {@code head} of zeros as the real
     * files carry: the fixture's stand-in checkpoint (not a pretrained ViT).
     */
    public static void export(VisionTransformer vit, Path file) throws IOException {
        Map<String, Parameter> torch = vit.torchNames();
        VisionTransformer.Config c = vit.config();
        int h = c.hidden();
        int d = h / c.heads();
        Map<String, Npz.Array> out = new LinkedHashMap<>();
        out.put("embedding/kernel", array(torch.get("patch.weight")).permute(2, 3, 1, 0));
        out.put("embedding/bias", array(torch.get("patch.bias")));
        out.put("cls", array(torch.get("cls")));
        out.put("Transformer/posembed_input/pos_embedding", array(torch.get("pos")));
        for (int i = 0; i < c.layers(); i++) {
            String blk = "Transformer/encoderblock_" + i + "/";
            String att = blk + "MultiHeadDotProductAttention_1/";
            String t = "blocks." + i + ".";
            for (String qkv : List.of("query", "key", "value")) {
                out.put(att + qkv + "/kernel", reshaped(transposed(array(torch.get(t + qkv + ".weight"))), h, c.heads(), d));
                out.put(att + qkv + "/bias", reshaped(array(torch.get(t + qkv + ".bias")), c.heads(), d));
            }
            out.put(att + "out/kernel", reshaped(transposed(array(torch.get(t + "out.weight"))), c.heads(), d, h));
            out.put(att + "out/bias", array(torch.get(t + "out.bias")));
            out.put(blk + "MlpBlock_3/Dense_0/kernel", transposed(array(torch.get(t + "fc1.weight"))));
            out.put(blk + "MlpBlock_3/Dense_0/bias", array(torch.get(t + "fc1.bias")));
            out.put(blk + "MlpBlock_3/Dense_1/kernel", transposed(array(torch.get(t + "fc2.weight"))));
            out.put(blk + "MlpBlock_3/Dense_1/bias", array(torch.get(t + "fc2.bias")));
            out.put(blk + "LayerNorm_0/scale", array(torch.get(t + "attention_norm.weight")));
            out.put(blk + "LayerNorm_0/bias", array(torch.get(t + "attention_norm.bias")));
            out.put(blk + "LayerNorm_2/scale", array(torch.get(t + "ffn_norm.weight")));
            out.put(blk + "LayerNorm_2/bias", array(torch.get(t + "ffn_norm.bias")));
        }
        out.put("Transformer/encoder_norm/scale", array(torch.get("encoder_norm.weight")));
        out.put("Transformer/encoder_norm/bias", array(torch.get("encoder_norm.bias")));
        out.put("pre_logits/kernel", new Npz.Array(new long[] {h, h}, new float[h * h]));
        out.put("pre_logits/bias", new Npz.Array(new long[] {h}, new float[h]));
        out.put("head/kernel", new Npz.Array(new long[] {h, 7}, new float[h * 7]));
        out.put("head/bias", new Npz.Array(new long[] {7}, new float[7]));
        Npz.write(file, out);
    }

    private static Npz.Array array(Parameter p) {
        NDArray a = p.getArray();
        return new Npz.Array(a.getShape().getShape(), a.toFloatArray());
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
        return a.permute(1, 0);
    }
}
