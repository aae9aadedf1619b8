package org.regsl.bench.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/** Writes small level-5 MAT-files for fixtures (doubles, char rows, cells, structs; optionally compressed). */
public final class MatWriter {

    private final Map<String, byte[]> vars = new LinkedHashMap<>();
    private final boolean compress;

    public MatWriter(boolean compress) {
        this.compress = compress;
    }

    public MatWriter doubles(String name, double... v) {
        vars.put(name, numeric(name, new int[] {1, v.length}, v, true));
        return this;
    }

    /** Doubles stored as miUINT8 (MATLAB's compact storage of small integers). */
    public MatWriter smallInts(String name, int... v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        vars.put(name, numeric(name, new int[] {v.length, 1}, d, false));
        return this;
    }

    public MatWriter cellOfStrings(String name, List<String> s) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        header(body, 1, new int[] {s.size(), 1}, name);
        for (String x : s) {
            write(body, element(14, charsBody(x)));
        }
        vars.put(name, element(14, body.toByteArray()));
        return this;
    }

    /** A 1 x n struct array with a numeric field and a char field per element. */
    public MatWriter struct(String name, String numField, int[] nums, String charField, List<String> chars) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        header(body, 2, new int[] {1, nums.length}, name);
        int len = 32;
        write(body, small(5, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(len).array()));
        byte[] names = new byte[2 * len];
        System.arraycopy(numField.getBytes(StandardCharsets.US_ASCII), 0, names, 0, numField.length());
        System.arraycopy(charField.getBytes(StandardCharsets.US_ASCII), 0, names, len, charField.length());
        write(body, element(1, names));
        for (int i = 0; i < nums.length; i++) {
            write(body, numeric("", new int[] {1, 1}, new double[] {nums[i]}, true));
            write(body, element(14, charsBody(chars.get(i))));
        }
        vars.put(name, element(14, body.toByteArray()));
        return this;
    }

    public void write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = new byte[128];
        byte[] text = "MATLAB 5.0 MAT-file, written by RegSL Bench tests".getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(head, 0, 116, (byte) ' ');
        System.arraycopy(text, 0, head, 0, text.length);
        head[124] = 0;
        head[125] = 1;
        head[126] = 'I';
        head[127] = 'M';
        write(out, head);
        for (byte[] v : vars.values()) {
            if (compress) {
                Deflater d = new Deflater();
                d.setInput(v);
                d.finish();
                byte[] buf = new byte[v.length + 1024];
                int n = d.deflate(buf);
                d.end();
                write(out, tag(15, n));
                out.write(buf, 0, n);
            } else {
                write(out, v);
            }
        }
        Files.write(file, out.toByteArray());
    }

    private static byte[] numeric(String name, int[] dims, double[] v, boolean asDouble) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        header(body, 6, dims, name);
        if (asDouble) {
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double x : v) {
                b.putDouble(x);
            }
            write(body, element(9, b.array()));
        } else {
            byte[] b = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = (byte) v[i];
            }
            write(body, element(2, b));
        }
        return element(14, body.toByteArray());
    }

    private static byte[] charsBody(String s) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        header(body, 4, new int[] {1, s.length()}, "");
        ByteBuffer b = ByteBuffer.allocate(2 * s.length()).order(ByteOrder.LITTLE_ENDIAN);
        for (char c : s.toCharArray()) {
            b.putShort((short) c);
        }
        write(body, element(4, b.array()));
        return body.toByteArray();
    }

    private static void header(ByteArrayOutputStream body, int cls, int[] dims, String name) {
        write(body, element(6, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(cls).putInt(0).array()));
        ByteBuffer d = ByteBuffer.allocate(4 * dims.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : dims) {
            d.putInt(x);
        }
        write(body, element(5, d.array()));
        write(body, name.length() <= 4 ? small(1, name.getBytes(StandardCharsets.US_ASCII))
                : element(1, name.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] small(int type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((data.length << 16) | type);
        b.put(data);
        return b.array();
    }

    private static byte[] element(int type, byte[] data) {
        int pad = (8 - data.length % 8) % 8;
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] tag(int type, int bytes) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(bytes).array();
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }
}
