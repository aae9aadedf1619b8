package org.regsl.bench.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.regsl.bench.data.paper.ImageTransform;
import org.regsl.bench.data.paper.PilImageDecoder;
import org.regsl.bench.data.paper.RgbImage;

/**
 * Decoding and the official evaluation transform against PIL 9.4 + torchvision 0.14 on the six
 * images of {@code golden/transforms} (RGB landscape, portrait and small JPEGs, a gray JPEG, a CMYK
 * JPEG, a palette PNG): decoded pixels equal PIL's {@code convert('RGB')} (CMYK within 2/255 on
 * average), and {@code Resize(256), CenterCrop(224), ToTensor, Normalize} within 0.5/255 on average
 * and 2/255 at most, in 8-bit units (a normalized difference times the channel's std times 255).
 */
class GoldenTransformTest {

    static final float[] STD = {0.229f, 0.224f, 0.225f};

    static Stream<String> images() {
        JsonNode images = Golden.json("transforms/transforms.json").get("images");
        List<String> names = new ArrayList<>();
        images.forEach(i -> names.add(i.get("file").asText()));
        return names.stream();
    }

    @ParameterizedTest(name = "{0} decodes to PIL's pixels")
    @MethodSource("images")
    void decodingMatchesPil(String name) throws IOException {
        Path file = Golden.file("transforms/" + name);
        byte[] expected = Files.readAllBytes(Golden.file("transforms/" + name + ".rgb.u8"));
        RgbImage img = PilImageDecoder.decode(file);
        assertEquals(expected.length, img.rgb().length, name + ": pixel count");
        double sum = 0;
        int max = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs((expected[i] & 0xFF) - (img.rgb()[i] & 0xFF));
            sum += d;
            max = Math.max(max, d);
        }
        double mean = sum / expected.length;
        System.out.printf("golden decode %s: mean %.4f/255, max %d/255%n", name, mean, max);
        if (name.startsWith("cmyk")) {
            assertTrue(mean <= 2, name + ": mean difference " + mean + "/255 (max " + max + ")");
        } else {
            assertEquals(0, max, name + ": decoded pixels differ from PIL's (mean " + mean + "/255)");
        }
    }

    @ParameterizedTest(name = "{0}: Resize(256), CenterCrop(224) as torchvision + PIL")
    @MethodSource("images")
    void evaluationTransformMatchesTorchvision(String name) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(Golden.file("transforms/" + name + ".eval.f32")))
                .order(ByteOrder.LITTLE_ENDIAN);
        ImageTransform eval = new ImageTransform(224, false);
        float[] out = new float[eval.floats()];
        eval.apply(PilImageDecoder.decode(Golden.file("transforms/" + name)), new Random(0), out, 0);
        assertEquals(out.length * 4, bytes.capacity(), name + ": golden tensor size");
        int plane = 224 * 224;
        double sum = 0;
        double max = 0;
        for (int i = 0; i < out.length; i++) {
            double d = Math.abs(out[i] - bytes.getFloat(4 * i)) * STD[i / plane] * 255;
            sum += d;
            max = Math.max(max, d);
        }
        double mean = sum / out.length;
        System.out.printf("golden eval transform %s: mean %.4f/255, max %.4f/255%n", name, mean, max);
        assertTrue(mean <= 0.5 && max <= 2, name + ": mean " + mean + "/255, max " + max + "/255");
    }
}
