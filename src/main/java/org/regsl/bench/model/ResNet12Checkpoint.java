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
 * A pretrained ResNet-12 backbone in RFS's state-dict layout, stored as safetensors (float32): the file
 * {@code regsl pretrain-fewshot} writes, and what RFS's own {@code resnet12_last.pth} becomes after a
 * conversion ({@code {k: v for k, v in torch.load(f)['model'].items()}} saved with {@code safetensors.torch
 * .save_file}). Keys follow {@link ResNet12#rfsNames()}; a {@code module.} or {@code model.} prefix is stripped
 * (as for the torchvision weights, {@link PretrainedWeights}), {@code classifier.*} and
 * {@code num_batches_tracked} are ignored; a missing key or a shape that differs is an error naming the file and
 * the key.
 */
public final class ResNet12Checkpoint {

    /** What an import did: tensors copied, and file keys that were not used. */
    public record Report(Path file, int loaded, List<String> ignored) {}

    private ResNet12Checkpoint() {}

    /** Copies the backbone of {@code file} into {@code net} in place (its head is left as it is). */
    public static Report importInto(ResNet12 net, Path file) throws IOException {
        Map<String, Safetensors.Tensor> byName = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, Safetensors.Tensor> e : Safetensors.read(file).entrySet()) {
            String key = PretrainedWeights.normalize(e.getKey());
            if (key == null || key.endsWith("num_batches_tracked") || key.startsWith("classifier.")) {
                ignored.add(e.getKey());
            } else {
                byName.put(key, e.getValue());
            }
        }
        int loaded = 0;
        for (Map.Entry<String, Parameter> p : net.rfsNames().entrySet()) {
            Safetensors.Tensor t = byName.remove(p.getKey());
            NDArray target = p.getValue().getArray();
            if (t == null) {
                throw new IOException(file + ": key '" + p.getKey() + "' is missing (an RFS ResNet-12 backbone needs"
                        + " it)");
            }
            if (t.values() == null || !Arrays.equals(t.shape(), target.getShape().getShape())) {
                throw new IOException(file + ": key '" + p.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + " and dtype " + t.dtype() + ", this ResNet-12 expects float " + target.getShape()
                        + " (are the widths " + "the file's?)");
            }
            try (NDArray src = target.getManager().create(t.values(), target.getShape())) {
                target.set(new NDIndex("..."), src); // in place, as every writer of a parameter (FlatParameters)
            }
            loaded++;
        }
        ignored.addAll(byName.keySet());
        return new Report(file, loaded, ignored);
    }

    /** Writes {@code net}'s backbone to {@code file} under RFS's names. */
    public static void write(ResNet12 net, Path file) throws IOException {
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        net.rfsNames().forEach((k, p) -> t.put(k, new Safetensors.Tensor(p.getArray().getShape().getShape(), "F32",
                p.getArray().toFloatArray())));
        Safetensors.writeF32(file, t);
    }
}
