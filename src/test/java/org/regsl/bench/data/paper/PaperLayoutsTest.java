package org.regsl.bench.data.paper;

import org.regsl.bench.tools.MatWriter;
import org.regsl.bench.tools.PaperFixtures;

import org.regsl.bench.data.NumpyRandom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.data.DatasetException;

/** Every paper-scale loader on a tiny fixture in its official layout, and the image pipeline. */
class PaperLayoutsTest {

    @TempDir
    Path root;

    @Test
    void numpyPermutationMatchesNumpy() {
        // numpy.random.seed(0); numpy.random.permutation(10)
        assertArrayEquals(new int[] {2, 8, 4, 9, 1, 6, 7, 3, 0, 5}, NumpyRandom.permutation(0, 10));
        int[] p = NumpyRandom.permutation(0, 1000);
        assertEquals(1000, java.util.Arrays.stream(p).distinct().count());
    }

    @Test
    void cubUsesTheOfficialSplitAndHoldsOutTenPercentBySeedZero() throws IOException {
        Path dir = PaperFixtures.cub(root, 4, 6, 2, 7);
        PaperSplits s = PaperLayouts.load("cub-200-2011", "cub-200-2011", dir);
        assertEquals(List.of("001.Bird_1", "002.Bird_2", "003.Bird_3", "004.Bird_4"), s.classes());
        assertEquals(2, s.val().size()); // floor(0.1 x 24)
        assertEquals(22, s.train().size());
        assertEquals(8, s.test().size());
        int[] perm = NumpyRandom.permutation(0, 24);
        // official train order: class-major, 6 per class; the first two permuted positions go to validation
        assertEquals(perm[0] / 6, s.val().get(0).label());
        assertTrue(s.val().get(0).file().toString().endsWith("Bird_" + (perm[0] / 6 + 1) + "_" + perm[0] % 6 + ".jpg"));
        assertTrue(s.test().stream().allMatch(f -> Files.exists(f.file())));
        assertEquals(new HashSet<>(List.of(0, 1, 2, 3)), new HashSet<>(s.test().stream().map(ImageFile::label).toList()));
    }

    @Test
    void indoorTakesClassIdsFromSortedFoldersAndOnlyListedImages() throws IOException {
        Path dir = PaperFixtures.indoor(root, List.of("kitchen", "airport_inside", "bar"), 10, 3);
        PaperSplits s = PaperLayouts.load("mit-indoor-67", "mit-indoor-67", dir);
        assertEquals(List.of("airport_inside", "bar", "kitchen"), s.classes());
        assertEquals(3, s.val().size());
        assertEquals(27, s.train().size());
        assertEquals(9, s.test().size());
        assertTrue(s.test().stream().allMatch(f -> f.label() == s.classes().indexOf(f.file().getParent()
                .getFileName().toString())));
    }

    @Test
    void aircraftReadsVariantNamesWithSpacesAndTheThreeOfficialLists() throws IOException {
        Path dir = PaperFixtures.aircraft(root, List.of("707-320", "Cessna 172", "F-16A/B"), 2);
        PaperSplits s = PaperLayouts.load("fgvc-aircraft", "fgvc-aircraft", dir);
        assertEquals(6, s.train().size());
        assertEquals(6, s.val().size());
        assertEquals(6, s.test().size());
        assertEquals(1, s.train().get(2).label());
        assertTrue(Files.exists(s.test().get(5).file()));
    }

    @Test
    void caltechDropsClutterAndNonJpegsAndSplitsSortedFiles() throws IOException {
        Path dir = PaperFixtures.caltech(root, 2, 72);
        PaperSplits s = PaperLayouts.load("caltech-256", "caltech-256", dir);
        assertEquals(List.of("001.thing1", "002.thing2"), s.classes());
        assertEquals(60, s.train().size());
        assertEquals(40, s.val().size());
        assertEquals(40, s.test().size());
        assertTrue(s.train().get(0).file().toString().endsWith("001_0001.jpg"));
        assertTrue(s.val().get(0).file().toString().endsWith("001_0031.jpg"));
        assertTrue(s.test().get(19).file().toString().endsWith("001_0070.jpg"));
    }

    @Test
    void stanfordCarsReadsCompressedAndPlainMatAnnotations() throws IOException {
        for (boolean compress : new boolean[] {true, false}) {
            Path dir = PaperFixtures.cars(root.resolve("c" + compress), 3, 10, 2, compress);
            PaperSplits s = PaperLayouts.load("stanford-cars", "stanford-cars", dir);
            assertEquals("Car Model 2 2012", s.classes().get(1));
            assertEquals(3, s.val().size());
            assertEquals(27, s.train().size());
            assertEquals(6, s.test().size());
            assertEquals(1, s.test().get(1).label());
            assertTrue(s.test().get(1).file().endsWith(Path.of("cars_test", "00002.jpg")));
        }
    }

    @Test
    void stanfordDogsReadsTheMatLists() throws IOException {
        Path dir = PaperFixtures.dogs(root, 3, 10, 4);
        PaperSplits s = PaperLayouts.load("stanford-dogs", "stanford-dogs", dir);
        assertEquals(3, s.classes().size());
        assertEquals(27, s.train().size());
        assertEquals(12, s.test().size());
        assertTrue(s.test().stream().allMatch(f -> Files.exists(f.file())));
        assertEquals(2, s.test().get(11).label());
    }

    @Test
    void flowersUsesTheSeededRandomSplitNotTheOfficialOne() throws IOException {
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i % 4 + 1;
        }
        Path dir = PaperFixtures.flowers(root, labels);
        PaperSplits s = PaperLayouts.load("flowers-102", "flowers-102", dir);
        assertEquals(2, s.val().size()); // floor(0.1246 x 20)
        assertEquals(15, s.test().size()); // floor(0.7509 x 20)
        assertEquals(3, s.train().size());
        int first = NumpyRandom.permutation(0, 20)[0];
        assertTrue(s.val().get(0).file().toString().endsWith(String.format("image_%05d.jpg", first + 1)));
        assertEquals(first % 4, s.val().get(0).label());
    }

    @Test
    void chestXrayReadsFoldsAndFindingBits() throws IOException {
        Path dir = Files.createDirectories(root.resolve("chestx"));
        List<String> csv = new ArrayList<>();
        csv.add("Image Index," + String.join(",", PaperLayouts.CHEST_FINDINGS) + ",Patient ID,fold");
        csv.add("a.png,1,0,0,0,0,0,0,0,0,0,0,0,0,1,7,train");
        csv.add("b.png,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,test");
        Files.write(dir.resolve("nih_labels.csv"), csv);
        PaperSplits s = PaperLayouts.load("chestx-ray14", "chestx-ray14", dir);
        assertEquals(1 | 1 << 13, s.train().get(0).label());
        assertEquals(0, s.test().get(0).label());
        assertTrue(s.val().isEmpty());
        Files.write(dir.resolve("nih_labels.csv"), List.of(csv.get(0), csv.get(1).replace("train", "holdout")));
        DatasetException e = assertThrows(DatasetException.class,
                () -> PaperLayouts.load("chestx-ray14", "chestx-ray14", dir));
        assertTrue(e.getMessage().contains("nih_labels.csv") && e.getMessage().contains("fold"), e.getMessage());
    }

    @Test
    void miniImageNetLabelsClassesPerSplit() throws IOException {
        Path dir = Files.createDirectories(root.resolve("mini"));
        Files.write(dir.resolve("train.csv"), List.of("filename,label", "n01_1.jpg,n01", "n02_1.jpg,n02", "n01_2.jpg,n01"));
        Files.write(dir.resolve("val.csv"), List.of("filename,label", "n03_1.jpg,n03"));
        Files.write(dir.resolve("test.csv"), List.of("filename,label", "n04_1.jpg,n04", "n05_1.jpg,n05"));
        PaperSplits s = PaperLayouts.load("mini-imagenet", "mini-imagenet", dir);
        assertEquals(List.of("n01", "n02", "n03", "n04", "n05"), s.classes());
        assertEquals(List.of(0, 1, 0), s.train().stream().map(ImageFile::label).toList());
        assertEquals(1, s.test().get(1).label());
    }

    @Test
    void errorsNameTheFileAndTheLine() throws IOException {
        Path dir = PaperFixtures.cub(root, 2, 2, 1, 1);
        Files.delete(dir.resolve("train_test_split.txt"));
        DatasetException missing = assertThrows(DatasetException.class,
                () -> PaperLayouts.load("cub-200-2011", "cub-200-2011", dir));
        assertTrue(missing.getMessage().contains("train_test_split.txt"), missing.getMessage());
        Files.write(dir.resolve("train_test_split.txt"), List.of("1 1", "2"));
        DatasetException bad = assertThrows(DatasetException.class,
                () -> PaperLayouts.load("cub-200-2011", "cub-200-2011", dir));
        assertTrue(bad.getMessage().contains("train_test_split.txt: line 2"), bad.getMessage());
        DatasetException format = assertThrows(DatasetException.class, () -> PaperLayouts.load("x", "nope", dir));
        assertTrue(format.getMessage().contains("x.layout.format"), format.getMessage());
    }

    @Test
    void matFileReadsEveryValueKind() throws IOException {
        Path f = root.resolve("t.mat");
        new MatWriter(true).doubles("d", 1.5, -2).smallInts("u", 3, 250).cellOfStrings("c", List.of("ab", "hello world"))
                .struct("s", "class", new int[] {4, 5}, "fname", List.of("x.jpg", "y.jpg")).write(f);
        Map<String, MatFile.Value> v = MatFile.read(f);
        assertArrayEquals(new double[] {1.5, -2}, ((MatFile.Numeric) v.get("d")).values());
        assertArrayEquals(new double[] {3, 250}, ((MatFile.Numeric) v.get("u")).values());
        assertEquals("hello world", ((MatFile.Chars) ((MatFile.Cell) v.get("c")).cells().get(1)).text());
        MatFile.Struct s = (MatFile.Struct) v.get("s");
        assertEquals(List.of("class", "fname"), s.fields());
        assertEquals("y.jpg", ((MatFile.Chars) s.elements().get(1).get("fname")).text());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 20));
        IOException e = assertThrows(IOException.class, () -> MatFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void imagePipelineNormalizesAndSeedsItsAugmentation() throws IOException {
        Path dir = PaperFixtures.cub(root, 2, 3, 1, 3);
        PaperSplits s = PaperLayouts.load("cub-200-2011", "cub-200-2011", dir);
        ImageFileSet eval = new ImageFileSet("t", s.train(), 2, new ImageTransform(16, false));
        ImageFileSet train = new ImageFileSet("t", s.train(), 2, new ImageTransform(16, true));
        int[] pos = {0, 1, 2};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = eval.images(m, pos, 0, 3, 0);
            assertEquals(new Shape(3, 3, 16, 16), x.getShape());
            float max = x.max().getFloat();
            float min = x.min().getFloat();
            assertTrue(max <= (1 - 0.406f) / 0.225f + 1e-4 && min >= -0.485f / 0.229f - 1e-4, min + " " + max);
            assertArrayEquals(x.toFloatArray(), eval.images(m, pos, 0, 3, 99).toFloatArray());
            float[] a = train.images(m, pos, 0, 3, 5).toFloatArray();
            assertArrayEquals(a, train.images(m, pos, 0, 3, 5).toFloatArray());
            assertFalse(java.util.Arrays.equals(a, train.images(m, pos, 0, 3, 6).toFloatArray()));
        }
        Files.writeString(s.train().get(1).file(), "not a jpeg");
        DatasetException e = assertThrows(DatasetException.class, () -> {
            try (NDManager m = NDManager.newBaseManager()) {
                eval.images(m, pos, 0, 3, 0);
            }
        });
        assertTrue(e.getMessage().contains(s.train().get(1).file().toString()), e.getMessage());
    }
}
