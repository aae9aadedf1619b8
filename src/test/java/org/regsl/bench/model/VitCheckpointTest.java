package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import of Google's ViT layout on a tiny checkpoint written here (hidden 8, 2 heads, MLP 16,
 * one block, patch 4 on 8x8 images): every array lands (the patch kernel's layout checked value by
 * value), {@code pre_logits} and the checkpoint's head are ignored, and a missing array or a
 * position-embedding grid of another resolution is an error naming the file, the array and the shapes.
 */
class VitCheckpointTest {

    private static final VisionTransformer.Config TINY = new VisionTransformer.Config(8, 2, 16, 1, 4, 8, 3, 0);

    @TempDir
    Path dir;

    private static Map<String, long[]> layout(int tokens) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("embedding/kernel", new long[] {4, 4, 3, 8});
        m.put("embedding/bias", new long[] {8});
        m.put("cls", new long[] {1, 1, 8});
        m.put("Transformer/posembed_input/pos_embedding", new long[] {1, tokens, 8});
        m.put("Transformer/encoder_norm/scale", new long[] {8});
        m.put("Transformer/encoder_norm/bias", new long[] {8});
        String b = "Transformer/encoderblock_0/";
        for (String q : List.of("query", "key", "value")) {
            m.put(b + "MultiHeadDotProductAttention_1/" + q + "/kernel", new long[] {8, 2, 4});
            m.put(b + "MultiHeadDotProductAttention_1/" + q + "/bias", new long[] {2, 4});
        }
        m.put(b + "MultiHeadDotProductAttention_1/out/kernel", new long[] {2, 4, 8});
        m.put(b + "MultiHeadDotProductAttention_1/out/bias", new long[] {8});
        m.put(b + "MlpBlock_3/Dense_0/kernel", new long[] {8, 16});
        m.put(b + "MlpBlock_3/Dense_0/bias", new long[] {16});
        m.put(b + "MlpBlock_3/Dense_1/kernel", new long[] {16, 8});
        m.put(b + "MlpBlock_3/Dense_1/bias", new long[] {8});
        for (String ln : List.of("LayerNorm_0", "LayerNorm_2")) {
            m.put(b + ln + "/scale", new long[] {8});
            m.put(b + ln + "/bias", new long[] {8});
        }
        m.put("pre_logits/kernel", new long[] {8, 8});
        m.put("head/kernel", new long[] {8, 7});
        return m;
    }

    private Path write(String name, Map<String, long[]> layout) throws IOException {
        Path f = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (Map.Entry<String, long[]> e : layout.entrySet()) {
                int n = 1;
                for (long d : e.getValue()) {
                    n *= (int) d;
                }
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = i;
                }
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                z.write(NpzTest.npy("<f4", false, e.getValue(), v, 1));
                z.closeEntry();
            }
        }
        return f;
    }

    private static Net net() {
        return Net.of(() -> new VisionTransformer(TINY, 5), new Shape(1, 3, 8, 8), 5, 0, Device.cpu(), 1);
    }

    @Test
    void everyArrayLandsAndTheUnusedOnesAreListed() throws IOException {
        try (Net net = net()) {
            VisionTransformer vit = (VisionTransformer) net.block();
            VitCheckpoint.Report r = VitCheckpoint.importInto(vit, write("ok.npz", layout(5)));
            assertEquals(List.of("pre_logits/kernel", "head/kernel"), r.ignored());
            assertEquals(layout(5).size() - 2, r.loaded());
            float[] w = vit.torchNames().get("patch.weight").getArray().toFloatArray(); // OIHW (8, 3, 4, 4)
            // OIHW[o][i][h][w] = HWIO[h][w][i][o] = ((h * 4 + w) * 3 + i) * 8 + o
            assertEquals(((1 * 4 + 2) * 3 + 1) * 8 + 5, w[((5 * 3 + 1) * 4 + 1) * 4 + 2], 0f);
            assertTrue(LayerGroups.groupOf("embeddings_cls").equals("embeddings"));
            for (var p : net.parameters()) {
                LayerGroups.groupOf(p.getKey()); // every parameter is in a group
            }
        }
    }

    @Test
    void aMissingArrayOrAnotherGridIsNamed() throws IOException {
        Map<String, long[]> missing = layout(5);
        missing.remove("Transformer/encoderblock_0/MlpBlock_3/Dense_1/kernel");
        try (Net net = net()) {
            VisionTransformer vit = (VisionTransformer) net.block();
            Path f = write("missing.npz", missing);
            IOException e = assertThrows(IOException.class, () -> VitCheckpoint.importInto(vit, f));
            assertTrue(e.getMessage().contains("missing.npz") && e.getMessage().contains("Dense_1/kernel")
                    && e.getMessage().contains("missing"), e.getMessage());
            Path g = write("grid.npz", layout(10));
            e = assertThrows(IOException.class, () -> VitCheckpoint.importInto(vit, g));
            assertTrue(e.getMessage().contains("pos_embedding") && e.getMessage().contains("[1, 10, 8]")
                    && e.getMessage().contains("[1, 5, 8]") && e.getMessage().contains("resolution"), e.getMessage());
        }
    }

    @Test
    void anExportReadsBackIntoAnotherNetBitForBit() throws IOException {
        try (Net a = net(); Net b = Net.of(() -> new VisionTransformer(TINY, 5), new Shape(1, 3, 8, 8), 5, 0,
                Device.cpu(), 2)) {
            VisionTransformer va = (VisionTransformer) a.block();
            VisionTransformer vb = (VisionTransformer) b.block();
            va.torchNames().get("cls").getArray().set(new float[] {1, 2, 3, 4, 5, 6, 7, 8});
            Path f = dir.resolve("export.npz");
            VitCheckpoint.export(va, f);
            assertEquals(List.of("pre_logits/kernel", "pre_logits/bias", "head/kernel", "head/bias"),
                    VitCheckpoint.importInto(vb, f).ignored());
            for (var e : va.torchNames().entrySet()) {
                if (!e.getKey().startsWith("pred_head")) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(e.getValue().getArray().toFloatArray(),
                            vb.torchNames().get(e.getKey()).getArray().toFloatArray(), 0f, e.getKey());
                }
            }
        }
    }
}
