package org.regsl.bench.tools;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.ResNet;
import org.regsl.bench.model.Safetensors;

/**
 * Tiny data sets generated in exactly the official layouts (file names, list formats, MAT
 * variables), for the loader tests and for running a paper-scale cell end to end on CPU. Images
 * are small JPEGs of varying size whose colour and a bar's position depend on the class, so a
 * net can learn them. Everything derives from the seed.
 */
public final class PaperFixtures {

    private PaperFixtures() {}

    /** A JPEG of class {@code c}, {@code w x h}. */
    public static void jpeg(Path file, int c, int w, int h, Random rng) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.getHSBColor((c * 0.17f) % 1f, 0.6f, 0.5f + 0.3f * rng.nextFloat()));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillRect((c * 7) % Math.max(1, w - 6), 0, 6, h);
        g.dispose();
        ImageIO.write(img, "jpg", file.toFile());
    }

    /**
     * CUB-200-2011 layout under {@code root/CUB_200_2011}: {@code classes} classes with
     * {@code trainPer} training and {@code testPer} test images each. Returns the data set folder.
     */
    public static Path cub(Path root, int classes, int trainPer, int testPer, long seed) throws IOException {
        Path dir = root.resolve("CUB_200_2011");
        Random rng = new Random(seed);
        List<String> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> split = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int id = 0;
        for (int c = 1; c <= classes; c++) {
            String cls = String.format("%03d.Bird_%d", c, c);
            names.add(c + " " + cls);
            for (int k = 0; k < trainPer + testPer; k++) {
                id++;
                String rel = cls + "/Bird_" + c + "_" + k + ".jpg";
                jpeg(dir.resolve("images").resolve(rel), c, 40 + rng.nextInt(30), 30 + rng.nextInt(30), rng);
                images.add(id + " " + rel);
                labels.add(id + " " + c);
                split.add(id + " " + (k < trainPer ? 1 : 0));
            }
        }
        Files.write(dir.resolve("classes.txt"), names);
        Files.write(dir.resolve("images.txt"), images);
        Files.write(dir.resolve("image_class_labels.txt"), labels);
        Files.write(dir.resolve("train_test_split.txt"), split);
        return dir;
    }

    /** MIT-Indoor-67 layout: Images/<class>/, TrainImages.txt, TestImages.txt. */
    public static Path indoor(Path root, List<String> classes, int trainPer, int testPer) throws IOException {
        Path dir = root.resolve("indoorCVPR_09");
        Random rng = new Random(1);
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (int k = 0; k < trainPer + testPer + 1; k++) { // one unlisted image per class
                String rel = classes.get(c) + "/img" + k + ".jpg";
                jpeg(dir.resolve("Images").resolve(rel), c, 32, 32, rng);
                if (k < trainPer) {
                    train.add(rel);
                } else if (k < trainPer + testPer) {
                    test.add(rel);
                }
            }
        }
        Files.write(dir.resolve("TrainImages.txt"), train);
        Files.write(dir.resolve("TestImages.txt"), test);
        return dir;
    }

    /**
     * ChestX-ray14 as reproduce-chexnet reads it ({@code chestx-ray14/nih_labels.csv} with
     * {@code Image Index}, the 14 finding columns, {@code Patient ID} and {@code fold};
     * {@code images/}): {@code perFold} images in each of train, val and test, each finding present
     * with probability one half, so every finding has positives and negatives in every fold.
     */
    public static Path chestXray(Path root, int perFold, long seed) throws IOException {
        Path dir = root.resolve("chestx-ray14");
        Random rng = new Random(seed);
        List<String> csv = new ArrayList<>();
        csv.add("Image Index," + String.join(",", org.regsl.bench.data.paper.PaperLayouts.CHEST_FINDINGS)
                + ",Patient ID,fold");
        int n = 0;
        for (String fold : List.of("train", "val", "test")) {
            for (int i = 0; i < perFold; i++, n++) {
                StringBuilder row = new StringBuilder("x" + n + ".jpg");
                int mask = 0;
                for (int k = 0; k < org.regsl.bench.data.paper.PaperLayouts.CHEST_FINDINGS.size(); k++) {
                    boolean present = rng.nextBoolean();
                    mask |= present ? 1 << k : 0;
                    row.append(present ? ",1" : ",0");
                }
                csv.add(row.append(',').append(n).append(',').append(fold).toString());
                jpeg(dir.resolve("images").resolve("x" + n + ".jpg"), mask % 7, 40, 36, rng);
            }
        }
        Files.write(dir.resolve("nih_labels.csv"), csv);
        return dir;
    }

    /** FGVC-Aircraft layout: data/variants.txt, data/images_variant_*.txt, data/images/<id>.jpg. */
    public static Path aircraft(Path root, List<String> variants, int perSplit) throws IOException {
        Path dir = root.resolve("fgvc-aircraft-2013b");
        Path data = dir.resolve("data");
        Random rng = new Random(2);
        Files.createDirectories(data);
        Files.write(data.resolve("variants.txt"), variants);
        int id = 1000000;
        for (String split : List.of("train", "val", "test")) {
            List<String> lines = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++) {
                for (int k = 0; k < perSplit; k++) {
                    String img = String.valueOf(id++);
                    jpeg(data.resolve("images").resolve(img + ".jpg"), v, 32, 24, rng);
                    lines.add(img + " " + variants.get(v));
                }
            }
            Files.write(data.resolve("images_variant_" + split + ".txt"), lines);
        }
        return dir;
    }

    /** Caltech-256 layout: <nnn.class>/<nnn_nnnn>.jpg with 257.clutter and a non-jpg file. */
    public static Path caltech(Path root, int classes, int perClass) throws IOException {
        Path dir = root.resolve("256_ObjectCategories");
        Random rng = new Random(3);
        for (int c = 1; c <= classes + 1; c++) {
            String cls = c == classes + 1 ? "257.clutter" : String.format("%03d.thing%d", c, c);
            for (int k = perClass; k >= 1; k--) { // written in reverse: the loader must sort
                jpeg(dir.resolve(cls).resolve(String.format("%03d_%04d.jpg", c, k)), c, 24, 24, rng);
            }
            Files.writeString(dir.resolve(cls).resolve("Thumbs.db"), "not an image");
        }
        return dir;
    }

    /** Stanford Cars layout: devkit/cars_meta.mat, devkit/cars_train_annos.mat, cars_test_annos_withlabels.mat. */
    public static Path cars(Path root, int classes, int trainPer, int testPer, boolean compress) throws IOException {
        Path dir = root.resolve("stanford-cars");
        Random rng = new Random(4);
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= classes; c++) {
            names.add("Car Model " + c + " 2012");
        }
        Files.createDirectories(dir.resolve("devkit"));
        new MatWriter(compress).cellOfStrings("class_names", names).write(dir.resolve("devkit/cars_meta.mat"));
        for (String split : List.of("train", "test")) {
            int per = split.equals("train") ? trainPer : testPer;
            int[] cls = new int[classes * per];
            List<String> fnames = new ArrayList<>();
            for (int i = 0; i < cls.length; i++) {
                cls[i] = i % classes + 1;
                String f = String.format("%05d.jpg", i + 1);
                fnames.add(f);
                jpeg(dir.resolve("cars_" + split).resolve(f), cls[i], 30, 20, rng);
            }
            Path mat = split.equals("train") ? dir.resolve("devkit/cars_train_annos.mat")
                    : dir.resolve("cars_test_annos_withlabels.mat");
            new MatWriter(compress).struct("annotations", "class", cls, "fname", fnames).write(mat);
        }
        return dir;
    }

    /** Stanford Dogs layout: Images/<synset-class>/, train_list.mat, test_list.mat. */
    public static Path dogs(Path root, int classes, int trainPer, int testPer) throws IOException {
        Path dir = root.resolve("stanford-dogs");
        Random rng = new Random(5);
        for (String split : List.of("train", "test")) {
            int per = split.equals("train") ? trainPer : testPer;
            List<String> files = new ArrayList<>();
            int[] labels = new int[classes * per];
            int i = 0;
            for (int c = 1; c <= classes; c++) {
                String cls = String.format("n0208%04d-Dog_%d", c, c);
                for (int k = 0; k < per; k++) {
                    String rel = cls + "/" + split + "_" + k + ".jpg";
                    jpeg(dir.resolve("Images").resolve(rel), c, 28, 28, rng);
                    files.add(rel);
                    labels[i++] = c;
                }
            }
            new MatWriter(true).cellOfStrings("file_list", files).smallInts("labels", labels)
                    .write(dir.resolve(split + "_list.mat"));
        }
        return dir;
    }

    /** Flowers-102 layout: jpg/image_nnnnn.jpg and imagelabels.mat (labels 1-based). */
    public static Path flowers(Path root, int[] labels) throws IOException {
        Path dir = root.resolve("flowers-102");
        Random rng = new Random(6);
        double[] l = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            l[i] = labels[i];
            jpeg(dir.resolve("jpg").resolve(String.format("image_%05d.jpg", i + 1)), labels[i], 20, 20, rng);
        }
        new MatWriter(false).doubles("labels", l).write(dir.resolve("imagelabels.mat"));
        return dir;
    }

    /**
     * A weights file of a randomly initialized ResNet (seed {@code seed}) in torchvision's
     * state-dict names, for the pipeline check only (these are not ImageNet weights). With
     * {@code robustLayout} the keys carry the MadryLab checkpoint prefix {@code module.model.} and
     * an {@code module.attacker.model.} copy, as converted robust models do.
     */
    public static Path weights(Path file, ResNet.Depth depth, boolean robustLayout, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        try (Net net = Net.of(new ResNet(depth, 1000), new Shape(1, 3, 32, 32), 1000, Device.cpu(), seed)) {
            Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
            ((ResNet) net.block()).torchvisionNames().forEach((k, p) -> {
                Safetensors.Tensor v = new Safetensors.Tensor(p.getArray().getShape().getShape(), "F32",
                        p.getArray().toFloatArray());
                t.put(robustLayout ? "module.model." + k : k, v);
                if (robustLayout) {
                    t.put("module.attacker.model." + k, v);
                }
            });
            Safetensors.writeF32(file, t);
        }
        return file;
    }

    /**
     * miniImageNet's layout under {@code root/mini-imagenet} (Ravi and Larochelle's split files): {@code train.csv},
     * {@code val.csv}, {@code test.csv} with a {@code filename,label} header over disjoint classes ({@code base},
     * {@code validation}, {@code novel} of them, wnid-like names {@code n0000000k}), {@code perClass} 84 x 84 JPEGs
     * each in {@code images/} named {@code <wnid><nnnnnnnn>.jpg}. Returns the data set folder.
     */
    public static Path miniImageNet(Path root, int base, int validation, int novel, int perClass, long seed)
            throws IOException {
        Path dir = root.resolve("mini-imagenet");
        Random rng = new Random(seed);
        int c = 0;
        String[] splits = {"train", "val", "test"};
        int[] counts = {base, validation, novel};
        for (int s = 0; s < 3; s++) {
            StringBuilder csv = new StringBuilder("filename,label\n");
            for (int k = 0; k < counts[s]; k++, c++) {
                String wnid = String.format("n%08d", c);
                for (int i = 0; i < perClass; i++) {
                    String name = wnid + String.format("%08d", i + 1) + ".jpg";
                    jpeg(dir.resolve("images").resolve(name), c, 84, 84, rng);
                    csv.append(name).append(',').append(wnid).append('\n');
                }
            }
            Files.writeString(dir.resolve(splits[s] + ".csv"), csv.toString());
        }
        return dir;
    }

    /**
     * SentEval's {@code data/downstream} layout under {@code root/senteval} ({@link org.regsl.bench.data.paper.SentEval}):
     * MR, CR, SUBJ and MPQA with {@code perClass} generated sentences per file, TREC with {@code perClass} training and
     * {@code perClass / 4 + 1} test questions per coarse class, SST-2 with {@code perClass} / {@code perClass / 4 + 1}
     * / {@code perClass / 4 + 1} sentences per class in train / dev / test. The sentences are templates over small
     * word lists (positive or negative, objective or subjective, a question word per class) drawn from {@code seed}:
     * learnable, not natural. Returns the folder.
     */
    public static Path sentEval(Path root, int perClass, long seed) throws IOException {
        Path dir = root.resolve("senteval");
        Random rng = new Random(seed);
        String[] good = {"wonderful", "moving", "bright", "clever", "warm", "superb"};
        String[] bad = {"dull", "tedious", "flat", "clumsy", "boring", "awful"};
        String[] things = {"film", "story", "camera", "phone", "plot", "battery", "cast", "screen"};
        String[][] binary = {{"MR", "rt-polarity.neg", "rt-polarity.pos"}, {"CR", "custrev.neg", "custrev.pos"},
                {"SUBJ", "subj.subjective", "subj.objective"}, {"MPQA", "mpqa.neg", "mpqa.pos"}};
        for (String[] t : binary) {
            for (int c = 0; c < 2; c++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < perClass; i++) {
                    String[] words = c == 0 ? bad : good;
                    sb.append("the ").append(things[rng.nextInt(things.length)]).append(" is ")
                            .append(words[rng.nextInt(words.length)]).append(i % 3 == 0 ? " and " + words[rng.nextInt(
                                    words.length)] : "").append(" .\n");
                }
                Files.createDirectories(dir.resolve(t[0]));
                Files.writeString(dir.resolve(t[0]).resolve(t[1 + c]), sb.toString(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        String[][] trec = {{"ABBR", "exp", "What does the abbreviation"}, {"DESC", "manner", "How does"},
                {"ENTY", "animal", "Which animal eats"}, {"HUM", "ind", "Who invented"}, {"LOC", "city", "Where is"},
                {"NUM", "date", "When was"}};
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (String[] q : trec) {
            for (int i = 0; i < perClass + perClass / 4 + 1; i++) {
                (i < perClass ? train : test).append(q[0]).append(':').append(q[1]).append(' ').append(q[2])
                        .append(' ').append(things[rng.nextInt(things.length)]).append(" ?\n");
            }
        }
        Files.createDirectories(dir.resolve("TREC"));
        Files.writeString(dir.resolve("TREC/train_5500.label"), train.toString(), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("TREC/TREC_10.label"), test.toString(), java.nio.charset.StandardCharsets.ISO_8859_1);
        Path sst = Files.createDirectories(dir.resolve("SST/binary"));
        int small = perClass / 4 + 1;
        for (String[] part : new String[][] {{"train", String.valueOf(perClass)}, {"dev", String.valueOf(small)},
                {"test", String.valueOf(small)}}) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(part[1]); i++) {
                for (int c = 0; c < 2; c++) {
                    String[] words = c == 0 ? bad : good;
                    sb.append("a ").append(words[rng.nextInt(words.length)]).append(' ')
                            .append(things[rng.nextInt(things.length)]).append('\t').append(c).append('\n');
                }
            }
            Files.writeString(sst.resolve("sentiment-" + part[0]), sb.toString());
        }
        return dir;
    }

    /**
     * A stand-in pretrained ResNet-12 backbone in RFS's layout ({@link org.regsl.bench.model.ResNet12Checkpoint}):
     * a ResNet-12 of {@code config} initialized as RFS's from {@code seed}, for the pipeline check only.
     */
    public static Path resNet12Checkpoint(Path file, org.regsl.bench.model.ResNet12.Config config, int size, long seed)
            throws IOException {
        Files.createDirectories(file.getParent());
        try (Net net = Net.of(new org.regsl.bench.model.ResNet12(config, 64), new Shape(1, 3, size, size), 64,
                Device.cpu(), seed)) {
            org.regsl.bench.model.ResNet12Checkpoint.write((org.regsl.bench.model.ResNet12) net.block(), file);
        }
        return file;
    }

    /**
     * A stand-in ViT checkpoint in Google's npz layout ({@link VitCheckpoint#export}): a ViT of {@code config}
     * initialized as ViT-pytorch from {@code seed}, for the pipeline check only (not ImageNet-21k weights).
     */
    public static Path vitCheckpoint(Path file, org.regsl.bench.model.VisionTransformer.Config config, long seed)
            throws IOException {
        Files.createDirectories(file.getParent());
        try (Net net = Net.of(new org.regsl.bench.model.VisionTransformer(config, 21843), new Shape(1, config.channels(),
                config.image(), config.image()), 21843, Device.cpu(), seed)) {
            org.regsl.bench.model.VitCheckpoint.export((org.regsl.bench.model.VisionTransformer) net.block(), file);
        }
        return file;
    }
}
