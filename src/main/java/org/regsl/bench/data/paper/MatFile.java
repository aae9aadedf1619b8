package org.regsl.bench.data.paper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A reader for the MATLAB level-5 MAT-files that three data sets ship their labels in (Stanford
 * Cars' annotation structs, Stanford Dogs' train/test lists, Flowers-102's {@code imagelabels.mat}):
 * numeric arrays (any stored integer or float type, read as double), char arrays, cell arrays and
 * struct arrays, zlib-compressed elements included. Values are column-major, as MATLAB stores them.
 * Sparse, object and complex arrays are refused with an error naming the file and the variable.
 */
public final class MatFile {

    /** A MATLAB value. */
    public sealed interface Value permits Numeric, Chars, Cell, Struct {}

    /** A numeric array (column-major). */
    public record Numeric(int[] dims, double[] values) implements Value {}

    /** A char array, as one string (a row vector) or its column-major characters. */
    public record Chars(int[] dims, String text) implements Value {}

    /** A cell array (column-major). */
    public record Cell(int[] dims, List<Value> cells) implements Value {}

    /** A struct array (column-major): per element, its fields by name. */
    public record Struct(int[] dims, List<String> fields, List<Map<String, Value>> elements) implements Value {}

    private static final int MI_INT8 = 1;
    private static final int MI_UINT8 = 2;
    private static final int MI_INT16 = 3;
    private static final int MI_UINT16 = 4;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_SINGLE = 7;
    private static final int MI_DOUBLE = 9;
    private static final int MI_INT64 = 12;
    private static final int MI_UINT64 = 13;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int MI_UTF8 = 16;
    private static final int MI_UTF16 = 17;
    private static final int MX_CELL = 1;
    private static final int MX_STRUCT = 2;
    private static final int MX_CHAR = 4;

    private final Path file;

    private MatFile(Path file) {
        this.file = file;
    }

    /** Every top-level variable of {@code file} by name. */
    public static Map<String, Value> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 128) {
            throw new IOException(file + ": not a MAT-file (shorter than its 128-byte header)");
        }
        ByteOrder order = all[126] == 'I' && all[127] == 'M' ? ByteOrder.LITTLE_ENDIAN
                : all[126] == 'M' && all[127] == 'I' ? ByteOrder.BIG_ENDIAN : null;
        if (order == null) {
            throw new IOException(file + ": not a level-5 MAT-file (no endian indicator at byte 126; v7.3 files"
                    + " are HDF5 and not supported)");
        }
        ByteBuffer b = ByteBuffer.wrap(all, 128, all.length - 128).slice().order(order);
        Map<String, Value> out = new LinkedHashMap<>();
        new MatFile(file).elements(b, out);
        return out;
    }

    private void elements(ByteBuffer b, Map<String, Value> out) throws IOException {
        while (b.remaining() >= 8) {
            int type = b.getInt();
            int bytes = b.getInt();
            if (bytes < 0 || bytes > b.remaining()) {
                throw new IOException(file + ": truncated MAT-file (element of " + bytes + " bytes, " + b.remaining()
                        + " left)");
            }
            ByteBuffer body = b.slice().limit(bytes).order(b.order());
            b.position(b.position() + bytes);
            if (type == MI_COMPRESSED) {
                elements(ByteBuffer.wrap(inflate(body)).order(b.order()), out);
                continue;
            }
            pad(b, bytes);
            if (type == MI_MATRIX) {
                String[] name = new String[1];
                Value v = matrix(body, name);
                out.put(name[0], v);
            }
        }
    }

    private byte[] inflate(ByteBuffer body) throws IOException {
        byte[] in = new byte[body.remaining()];
        body.get(in);
        Inflater inf = new Inflater();
        inf.setInput(in);
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IOException(file + ": truncated compressed element");
                }
                os.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException(file + ": corrupt compressed element: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
        return os.toByteArray();
    }

    /** Reads one miMATRIX body; {@code name[0]} receives its name. */
    private Value matrix(ByteBuffer b, String[] name) throws IOException {
        if (!b.hasRemaining()) {
            return new Numeric(new int[] {0, 0}, new double[0]);
        }
        Element flags = element(b);
        int cls = flags.data.getInt(0) & 0xFF;
        boolean complex = (flags.data.getInt(0) & 0x800) != 0;
        Element dimsEl = element(b);
        int[] dims = new int[dimsEl.count()];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) dimsEl.number(i);
            n *= dims[i];
        }
        name[0] = element(b).string();
        if (complex) {
            throw new IOException(file + ": variable '" + name[0] + "' is complex (not supported)");
        }
        switch (cls) {
            case MX_CHAR:
                return new Chars(dims, element(b).string());
            case MX_CELL: {
                List<Value> cells = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    cells.add(child(b));
                }
                return new Cell(dims, cells);
            }
            case MX_STRUCT: {
                int nameLen = (int) element(b).number(0);
                Element namesEl = element(b);
                List<String> fields = new ArrayList<>();
                for (int off = 0; off + nameLen <= namesEl.data.limit(); off += nameLen) {
                    byte[] raw = new byte[nameLen];
                    namesEl.data.get(off, raw);
                    int end = 0;
                    while (end < raw.length && raw[end] != 0) {
                        end++;
                    }
                    fields.add(new String(raw, 0, end, StandardCharsets.US_ASCII));
                }
                List<Map<String, Value>> elements = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    Map<String, Value> e = new LinkedHashMap<>();
                    for (String f : fields) {
                        e.put(f, child(b));
                    }
                    elements.add(e);
                }
                return new Struct(dims, fields, elements);
            }
            default:
                if (cls < 6 || cls > 15) {
                    throw new IOException(file + ": variable '" + name[0] + "' has MATLAB class " + cls
                            + " (sparse/object arrays are not supported)");
                }
                Element re = element(b);
                double[] v = new double[re.count()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = re.number(i);
                }
                return new Numeric(dims, v);
        }
    }

    private Value child(ByteBuffer b) throws IOException {
        Element e = element(b);
        if (e.type != MI_MATRIX) {
            throw new IOException(file + ": expected a nested matrix, found element type " + e.type);
        }
        return matrix(e.data, new String[1]);
    }

    /** A data element (normal or small format), positioned past its padding. */
    private Element element(ByteBuffer b) throws IOException {
        if (b.remaining() < 8) {
            throw new IOException(file + ": truncated MAT-file (element tag)");
        }
        int first = b.getInt();
        int type;
        int bytes;
        if ((first >>> 16) != 0) { // small data element: 4 bytes of data in the tag
            type = first & 0xFFFF;
            bytes = first >>> 16;
            ByteBuffer data = b.slice().limit(bytes).order(b.order());
            b.position(b.position() + 4);
            return new Element(type, data);
        }
        type = first;
        bytes = b.getInt();
        if (bytes < 0 || bytes > b.remaining()) {
            throw new IOException(file + ": truncated MAT-file (element of " + bytes + " bytes)");
        }
        ByteBuffer data = b.slice().limit(bytes).order(b.order());
        b.position(b.position() + bytes);
        pad(b, bytes);
        return new Element(type, data);
    }

    private static void pad(ByteBuffer b, int bytes) {
        int pad = (8 - bytes % 8) % 8;
        b.position(Math.min(b.limit(), b.position() + pad));
    }

    private record Element(int type, ByteBuffer data) {
        int width() {
            return switch (type) {
                case MI_INT8, MI_UINT8, MI_UTF8 -> 1;
                case MI_INT16, MI_UINT16, MI_UTF16 -> 2;
                case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
                default -> 8;
            };
        }

        int count() {
            return data.limit() / width();
        }

        double number(int i) {
            return switch (type) {
                case MI_INT8 -> data.get(i);
                case MI_UINT8 -> data.get(i) & 0xFF;
                case MI_INT16 -> data.getShort(2 * i);
                case MI_UINT16 -> data.getShort(2 * i) & 0xFFFF;
                case MI_INT32 -> data.getInt(4 * i);
                case MI_UINT32 -> data.getInt(4 * i) & 0xFFFFFFFFL;
                case MI_SINGLE -> data.getFloat(4 * i);
                case MI_DOUBLE -> data.getDouble(8 * i);
                case MI_INT64, MI_UINT64 -> data.getLong(8 * i);
                default -> throw new IllegalStateException("not a numeric element: type " + type);
            };
        }

        String string() {
            if (type == MI_UINT16 || type == MI_UTF16) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < count(); i++) {
                    sb.append((char) data.getShort(2 * i));
                }
                return sb.toString();
            }
            byte[] raw = new byte[data.limit()];
            data.get(0, raw);
            return new String(raw, type == MI_UTF8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
    }
}
