package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports ImageNet weights into a {@link ResNet}'s backbone (stem, layer1..layer4, BN running
 * statistics included) from a safetensors file holding a torchvision {@code state_dict}; the head
 * stays freshly initialized, as the official {@code reset_parameters} leaves it (REGSL-SPEC 1.1).
 *
 * <p>Key names are normalized the way the official {@code load_robust_model} does for the
 * adversarially trained models of Salman et al. 2020 (MadryLab {@code robustness} checkpoints):
 * the prefixes {@code module.model.}, {@code module.} and {@code model.} are stripped, and the
 * checkpoint's {@code attacker.*} and {@code normalizer.*} copies are ignored. Unlike the official
 * non-strict load, every backbone tensor must be present with the right shape: a missing or
 * misshapen one is an error naming the file and the key, so a wrong file never trains silently
 * from random weights.
 */
public final class PretrainedWeights {

    /** What an import did: tensors copied, and file keys that were not used. */
    public record Report(Path file, int loaded, List<String> ignored) {}

    private PretrainedWeights() {}

    /** Copies the backbone of {@code file} into {@code net} (whose block is {@code resnet}). */
    public static Report importInto(ResNet resnet, Path file) throws IOException {
        Map<String, Parameter> backbone = new LinkedHashMap<>(resnet.torchvisionNames());
        backbone.keySet().removeIf(k -> k.startsWith("fc."));
        return copyBackbone(backbone, "fc.", file, "a " + resnet.depth().id() + " backbone", "is this the right depth?");
    }

    /**
     * Copies the tensors of {@code file} into {@code backbone} (checkpoint name -> parameter), in place, as every
     * writer of a parameter (FlatParameters); keys are {@link #normalize normalized}, the head's ({@code headPrefix})
     * and {@code num_batches_tracked} are ignored, as are keys no parameter names. A missing key or a tensor of
     * another shape or dtype is an error naming the file and the key; {@code net} and {@code hint} complete it.
     * Shared by the torchvision ResNets and RFS's ResNet-12 ({@link ResNet12Checkpoint}).
     */
    static Report copyBackbone(Map<String, Parameter> backbone, String headPrefix, Path file, String net, String hint)
            throws IOException {
        Map<String, Safetensors.Tensor> byName = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, Safetensors.Tensor> e : Safetensors.read(file).entrySet()) {
            String key = normalize(e.getKey());
            if (key == null || key.endsWith("num_batches_tracked") || key.startsWith(headPrefix)) {
                ignored.add(e.getKey());
            } else {
                byName.put(key, e.getValue());
            }
        }
        int loaded = 0;
        for (Map.Entry<String, Parameter> p : backbone.entrySet()) {
            Safetensors.Tensor t = byName.remove(p.getKey());
            NDArray target = p.getValue().getArray();
            if (t == null) {
                throw new IOException(file + ": key '" + p.getKey() + "' is missing (" + net + " needs it; " + hint
                        + ")");
            }
            if (t.values() == null || !Arrays.equals(t.shape(), target.getShape().getShape())) {
                throw new IOException(file + ": key '" + p.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + " and dtype " + t.dtype() + ", " + net + " expects float " + target.getShape() + " (" + hint
                        + ")");
            }
            try (NDArray src = target.getManager().create(t.values(), target.getShape())) {
                target.set(new NDIndex("..."), src); // in place, as every writer of a parameter (FlatParameters)
            }
            loaded++;
        }
        ignored.addAll(byName.keySet());
        return new Report(file, loaded, ignored);
    }

    /** The torchvision name of a checkpoint key, or null for a key that is not the model's. */
    static String normalize(String key) {
        for (String drop : List.of("module.attacker.", "attacker.", "module.normalizer.", "normalizer.")) {
            if (key.startsWith(drop)) {
                return null;
            }
        }
        for (String strip : List.of("module.model.", "module.", "model.")) {
            if (key.startsWith(strip)) {
                return key.substring(strip.length());
            }
        }
        return key;
    }
}
