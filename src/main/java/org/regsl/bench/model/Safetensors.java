package org.regsl.bench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length,
 * a JSON header mapping each tensor name to {@code dtype}, {@code shape} and
 * {@code data_offsets} (relative to the end of the header), then the raw little-endian data.
 * It is how ImageNet ResNet weights reach the suite without Python pickles: torchvision's weights
 * are published in it (e.g. {@code timm/resnet50.tv_in1k}), and any {@code state_dict} converts
 * with {@code safetensors.torch.save_file}. Float tensors (F32, F16, BF16, F64) are read as
 * float32; integer tensors (e.g. {@code num_batches_tracked}) are listed but not decoded.
 */
public final class Safetensors {

    /** One tensor: its shape and its values as float32 (null for an integer tensor). */
    public record Tensor(long[] shape, String dtype, float[] values) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {}

    /** Every tensor of {@code file}, in header order; errors name the file and the tensor. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 8 || ch.read(lenBuf, 0) != 8) {
                throw new IOException(file + ": not a safetensors file (shorter than its 8-byte header length)");
            }
            long headerLen = lenBuf.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLen + ", file "
                        + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            ch.read(header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException(file + ": malformed safetensors header: " + e.getMessage(), e);
            }
            long dataStart = 8 + headerLen;
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), ch, dataStart, size));
            }
            return out;
        }
    }

    private static Tensor tensor(Path file, String name, JsonNode node, FileChannel ch, long dataStart, long size)
            throws IOException {
        String dtype = node.path("dtype").asText("");
        JsonNode shapeNode = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(file + ": tensor '" + name + "': missing field shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= shape[i];
        }
        long from = offsets.get(0).asLong();
        long to = offsets.get(1).asLong();
        int width = switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> throw new IOException(file + ": tensor '" + name + "': unsupported dtype '" + dtype + "'");
        };
        if (to - from != count * width || from < 0 || dataStart + to > size) {
            throw new IOException(file + ": tensor '" + name + "': data_offsets [" + from + ", " + to
                    + ") do not fit shape x " + width + " bytes or the file (truncated?)");
        }
        if (!dtype.startsWith("F") && !dtype.equals("BF16")) {
            return new Tensor(shape, dtype, null);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(buf, dataStart + from);
        buf.flip();
        float[] v = new float[(int) count];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (dtype) {
                case "F32" -> buf.getFloat();
                case "F64" -> (float) buf.getDouble();
                case "F16" -> halfToFloat(buf.getShort());
                default -> Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16); // BF16
            };
        }
        return new Tensor(shape, dtype, v);
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) { // zero or subnormal: mant x 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Writes float32 tensors to {@code file} (tests and conversions). */
    public static void writeF32(Path file, Map<String, Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * e.getValue().values().length;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] h = JSON.writeValueAsBytes(header);
        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            os.write(h);
            for (Tensor t : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : t.values()) {
                    b.putFloat(f);
                }
                os.write(b.array());
            }
        }
    }
}
