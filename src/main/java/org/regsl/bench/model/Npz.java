package org.regsl.bench.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads numpy's {@code .npz} archives (what {@code np.savez} writes and Google's ViT checkpoints
 * are): a zip of {@code .npy} arrays, stored or deflated. Each {@code .npy} is the magic
 * {@code \x93NUMPY}, a version (1.0: a 2-byte header length; 2.0 and 3.0: 4 bytes), and a Python
 * dict literal giving {@code descr} (here little-endian float32 {@code <f4}, or float64 {@code <f8}
 * read as float32), {@code fortran_order} and {@code shape}; the data follow. Fortran-ordered arrays
 * are returned in C order. Every error names the file and the array.
 */
public final class Npz {

    /** One array: its shape and its values in C (row-major) order. */
    public record Array(long[] shape, float[] values) {

        /** This array with its axes in the order {@code axes} (numpy's {@code transpose(axes)}), in C order. */
        public Array permute(int... axes) {
            int n = shape.length;
            if (axes.length != n) {
                throw new IllegalArgumentException("needs " + n + " axes, got " + axes.length);
            }
            long[] outShape = new long[n];
            for (int k = 0; k < n; k++) {
                outShape[k] = shape[axes[k]];
            }
            long[] inStride = new long[n];
            long st = 1;
            for (int k = n - 1; k >= 0; k--) {
                inStride[k] = st;
                st *= shape[k];
            }
            float[] out = new float[values.length];
            int[] idx = new int[n];
            for (int i = 0; i < out.length; i++) {
                long off = 0;
                for (int k = 0; k < n; k++) {
                    off += idx[k] * inStride[axes[k]];
                }
                out[i] = values[(int) off];
                for (int k = n - 1; k >= 0; k--) {
                    if (++idx[k] < outShape[k]) {
                        break;
                    }
                    idx[k] = 0;
                }
            }
            return new Array(outShape, out);
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {}

    /** Every array of {@code file} by name (the entry's name without {@code .npy}), in archive order. */
    public static Map<String, Array> read(Path file) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = readAll(in);
                } catch (ZipException | java.io.EOFException x) {
                    throw new IOException(file + ": array '" + name + "': truncated or damaged entry (" + x.getMessage()
                            + ")", x);
                }
                out.put(name, parse(bytes, file + ": array '" + name + "'"));
            }
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable npz archive (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /**
     * Writes {@code arrays} as {@code np.savez} does (stored entries, {@code .npy} 1.0, little-endian
     * float32, C order; the header padded with spaces to a multiple of 64 bytes, ending in a newline).
     */
    public static void write(Path file, Map<String, Array> arrays) throws IOException {
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(file))) {
            for (Map.Entry<String, Array> e : arrays.entrySet()) {
                byte[] b = npy(e.getValue());
                ZipEntry ze = new ZipEntry(e.getKey() + ".npy");
                ze.setMethod(ZipEntry.STORED);
                ze.setSize(b.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(b);
                ze.setCrc(crc.getValue());
                z.putNextEntry(ze);
                z.write(b);
                z.closeEntry();
            }
        }
    }

    private static byte[] npy(Array a) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < a.shape().length; i++) {
            dims.append(i == 0 ? "" : ", ").append(a.shape()[i]);
        }
        if (a.shape().length == 1) {
            dims.append(',');
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        byte[] header = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + 4 * a.values().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
        for (float v : a.values()) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }

    /** Parses one {@code .npy} image; {@code where} names the file and array in errors. */
    static Array parse(byte[] b, String where) throws IOException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.length <= i || b[i] != MAGIC[i]) {
                throw new IOException(where + ": not an .npy array (no \\x93NUMPY magic)");
            }
        }
        if (b.length < 10) {
            throw new IOException(where + ": truncated .npy header");
        }
        int major = b[6];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new IOException(where + ": truncated .npy header");
            }
            headerLen = buf.getInt(8);
            start = 12;
        } else {
            throw new IOException(where + ": .npy version " + major + " is not 1, 2 or 3");
        }
        if (headerLen < 0 || start + headerLen > b.length) {
            throw new IOException(where + ": truncated .npy header (" + headerLen + " bytes announced, "
                    + (b.length - start) + " present)");
        }
        String header = new String(b, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, where, "descr");
        boolean fortran = group(FORTRAN, header, where, "fortran_order").equals("True");
        long[] shape = shape(group(SHAPE, header, where, "shape"), where);
        int width = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IOException(where + ": field 'descr': dtype " + descr
                    + " is not little-endian float32 or float64");
        };
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        int dataStart = start + headerLen;
        if (count > Integer.MAX_VALUE || b.length - dataStart < count * width) {
            throw new IOException(where + ": truncated data (" + count + " values of " + width + " bytes announced, "
                    + (b.length - dataStart) + " bytes present)");
        }
        float[] raw = new float[(int) count];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = width == 4 ? buf.getFloat(dataStart + 4 * i) : (float) buf.getDouble(dataStart + 8 * i);
        }
        return new Array(shape, fortran ? toC(raw, shape) : raw);
    }

    private static String group(Pattern p, String header, String where, String field) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(where + ": malformed .npy header: no field '" + field + "' in " + header.trim());
        }
        return m.group(1);
    }

    private static long[] shape(String s, String where) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long d = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (d < 0) {
                    throw new NumberFormatException(t);
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": field 'shape': not a dimension: " + t, e);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Column-major {@code f} of {@code shape} in row-major order: read as the C-ordered array of the
     * reversed shape, its axes reversed.
     */
    static float[] toC(float[] f, long[] shape) {
        int n = shape.length;
        long[] reversed = new long[n];
        int[] axes = new int[n];
        for (int k = 0; k < n; k++) {
            reversed[k] = shape[n - 1 - k];
            axes[k] = n - 1 - k;
        }
        return new Array(reversed, f).permute(axes).values();
    }
}
