package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npz reader on archives written here as numpy writes them: shapes (scalar, vector, 3-D), C and
 * Fortran order, float32 and float64, stored and deflated entries, .npy versions 1 and 2; and the
 * errors: a truncated archive, a truncated array, a malformed header, an unsupported dtype, each
 * naming the file and the array. Also the checkpoint conversions (numpy's transpose and reshape).
 */
class NpzTest {

    @TempDir
    Path dir;

    /** An .npy image: header padded to a multiple of 64 with spaces and a newline, as numpy pads it. */
    static byte[] npy(String descr, boolean fortran, long[] shape, double[] values, int version) {
        String dims = shape.length == 1 ? shape[0] + "," : String.join(", ", Arrays.stream(shape)
                .mapToObj(Long::toString).toList());
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + dims + "), }";
        int pre = version == 1 ? 10 : 12;
        int total = pre + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int width = descr.equals("<f8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(pre + header.length() + width * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            if (width == 8) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        return b.array();
    }

    private Path zip(String name, Map<String, byte[]> entries, boolean stored) throws IOException {
        Path f = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey() + ".npy");
                if (stored) {
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return f;
    }

    @Test
    void readsShapesOrdersAndBothZipMethods() throws IOException {
        double[] c23 = {1, 2, 3, 4, 5, 6}; // [[1, 2, 3], [4, 5, 6]]
        double[] f23 = {1, 4, 2, 5, 3, 6}; // the same matrix in Fortran order
        for (boolean stored : new boolean[] {true, false}) {
            Path f = zip("a" + stored + ".npz", Map.of(
                    "c", npy("<f4", false, new long[] {2, 3}, c23, 1),
                    "f", npy("<f4", true, new long[] {2, 3}, f23, 1),
                    "d", npy("<f8", false, new long[] {3}, new double[] {0.5, -1, 2}, 2),
                    "s", npy("<f4", false, new long[] {}, new double[] {7}, 1),
                    "t", npy("<f4", true, new long[] {2, 2, 2}, new double[] {0, 4, 2, 6, 1, 5, 3, 7}, 1)), stored);
            Map<String, Npz.Array> a = Npz.read(f);
            assertArrayEquals(new long[] {2, 3}, a.get("c").shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.get("c").values());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.get("f").values(), "Fortran order returned in C order");
            assertArrayEquals(new float[] {0.5f, -1, 2}, a.get("d").values());
            assertArrayEquals(new long[] {}, a.get("s").shape());
            assertArrayEquals(new float[] {7}, a.get("s").values());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, a.get("t").values());
        }
    }

    @Test
    void aTruncatedArchiveNamesTheFile() throws IOException {
        Path f = zip("t.npz", Map.of("x", npy("<f4", false, new long[] {100}, new double[100], 1)), false);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> Npz.read(cut));
        assertTrue(e.getMessage().contains("cut.npz"), e.getMessage());
    }

    @Test
    void aTruncatedOrMalformedArrayNamesFileAndArray() throws IOException {
        byte[] good = npy("<f4", false, new long[] {4}, new double[] {1, 2, 3, 4}, 1);
        Path shortData = zip("s.npz", Map.of("w", Arrays.copyOf(good, good.length - 4)), true);
        IOException e = assertThrows(IOException.class, () -> Npz.read(shortData));
        assertTrue(e.getMessage().contains("s.npz") && e.getMessage().contains("'w'")
                && e.getMessage().contains("truncated data"), e.getMessage());
        byte[] bad = good.clone();
        bad[0] = 'X';
        Path noMagic = zip("m.npz", Map.of("w", bad), true);
        e = assertThrows(IOException.class, () -> Npz.read(noMagic));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("magic"), e.getMessage());
        Path noShape = zip("h.npz", Map.of("w", new String(good, StandardCharsets.ISO_8859_1).replace("'shape'",
                "'shaep'").getBytes(StandardCharsets.ISO_8859_1)), true);
        e = assertThrows(IOException.class, () -> Npz.read(noShape));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("'shape'"), e.getMessage());
        Path ints = zip("i.npz", Map.of("w", npy("<i4", false, new long[] {1}, new double[] {1}, 1)), true);
        e = assertThrows(IOException.class, () -> Npz.read(ints));
        assertTrue(e.getMessage().contains("'descr'") && e.getMessage().contains("<i4"), e.getMessage());
    }

    @Test
    void checkpointConversionsAreNumpysTransposeAndReshape() {
        Npz.Array hwio = new Npz.Array(new long[] {1, 2, 2, 3}, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        Npz.Array oihw = hwio.permute(3, 2, 0, 1);
        assertArrayEquals(new long[] {3, 2, 1, 2}, oihw.shape());
        // numpy: np.arange(12).reshape(1,2,2,3).transpose(3,2,0,1).ravel()
        assertArrayEquals(new float[] {0, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11}, oihw.values());
        Npz.Array m = VitCheckpoint.transposed(new Npz.Array(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, m.values());
        assertEquals(6, VitCheckpoint.reshaped(m, 6).values().length);
        assertThrows(IllegalArgumentException.class, () -> VitCheckpoint.reshaped(m, 4));
    }
}
