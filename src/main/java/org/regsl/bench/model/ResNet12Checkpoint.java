package org.regsl.bench.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private ResNet12Checkpoint() {}

    /** Copies the backbone of {@code file} into {@code net} in place (its head is left as it is). */
    public static PretrainedWeights.Report importInto(ResNet12 net, Path file) throws IOException {
        return PretrainedWeights.copyBackbone(net.rfsNames(), "classifier.", file, "an RFS ResNet-12 backbone",
                "are the widths the file's?");
    }

    /** Writes {@code net}'s backbone to {@code file} under RFS's names. */
    public static void write(ResNet12 net, Path file) throws IOException {
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        net.rfsNames().forEach((k, p) -> t.put(k, new Safetensors.Tensor(p.getArray().getShape().getShape(), "F32",
                p.getArray().toFloatArray())));
        Safetensors.writeF32(file, t);
    }
}
