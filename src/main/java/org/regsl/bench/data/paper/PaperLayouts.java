package org.regsl.bench.data.paper;

import org.regsl.bench.data.NumpyRandom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.regsl.bench.data.DatasetException;

/**
 * One loader per official layout of the paper's image data sets, each building the split the
 * official code builds (REGSL-SPEC 6.1 and its pitfalls). {@link #load} dispatches on the
 * {@code layout.format} of {@code datasets.yaml}. Errors name the file and the line or field.
 */
public final class PaperLayouts {

    /** Share of the official training images the official loaders hold out for validation. */
    static final double VAL_SHARE = 0.1;

    private PaperLayouts() {}

    /** The formats with a loader. */
    public static final List<String> FORMATS = List.of("cub-200-2011", "mit-indoor-67", "fgvc-aircraft",
            "caltech-256", "stanford-cars", "stanford-dogs", "flowers-102", "chestx-ray14", "mini-imagenet");

    /** Loads the split of {@code dataset} in {@code format} from its folder {@code dir}. */
    public static PaperSplits load(String dataset, String format, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": data set folder of " + dataset + " not found");
        }
        try {
            return switch (format) {
                case "cub-200-2011" -> cub(dataset, dir);
                case "mit-indoor-67" -> indoor(dataset, dir);
                case "fgvc-aircraft" -> aircraft(dataset, dir);
                case "caltech-256" -> caltech(dataset, dir);
                case "stanford-cars" -> cars(dataset, dir);
                case "stanford-dogs" -> dogs(dataset, dir);
                case "flowers-102" -> flowers(dataset, dir);
                case "chestx-ray14" -> chestXray(dataset, dir);
                case "mini-imagenet" -> miniImageNet(dataset, dir);
                default -> throw new DatasetException("datasets.yaml: field '" + dataset + ".layout.format': no loader"
                        + " for '" + format + "' (known: " + FORMATS + ")");
            };
        } catch (NoSuchFileException e) {
            throw new DatasetException(e.getFile() + ": missing (" + dataset + " in " + format + " layout)", e);
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot read " + dataset + ": " + e.getMessage(), e);
        }
    }

    /**
     * CUB-200-2011: {@code images.txt} (id path), {@code image_class_labels.txt} (id class, 1-based),
     * {@code train_test_split.txt} (id 1=train), {@code classes.txt}; official train/test, 10 % of
     * train to validation by a numpy seed-0 permutation.
     */
    static PaperSplits cub(String dataset, Path dir) throws IOException {
        List<String> classes = new ArrayList<>();
        for (String[] row : rows(dir.resolve("classes.txt"), 2)) {
            classes.add(row[1]);
        }
        Map<String, Integer> label = new HashMap<>();
        for (String[] row : rows(dir.resolve("image_class_labels.txt"), 2)) {
            label.put(row[0], classLabel(dir.resolve("image_class_labels.txt"), row[1], classes.size()));
        }
        Map<String, Boolean> isTrain = new HashMap<>();
        for (String[] row : rows(dir.resolve("train_test_split.txt"), 2)) {
            isTrain.put(row[0], row[1].equals("1"));
        }
        List<ImageFile> train = new ArrayList<>();
        List<ImageFile> test = new ArrayList<>();
        Path images = dir.resolve("images.txt");
        for (String[] row : rows(images, 2)) {
            Integer l = label.get(row[0]);
            Boolean tr = isTrain.get(row[0]);
            if (l == null || tr == null) {
                throw new DatasetException(images + ": image id " + row[0] + " has no "
                        + (l == null ? "class in image_class_labels.txt" : "entry in train_test_split.txt"));
            }
            (tr ? train : test).add(new ImageFile(dir.resolve("images").resolve(row[1]), l));
        }
        List<List<ImageFile>> tv = PaperSplits.holdOut(train, VAL_SHARE);
        return new PaperSplits(dataset, classes, tv.get(0), tv.get(1), test);
    }

    /**
     * MIT-Indoor-67: {@code Images/<class>/<file>}, {@code TrainImages.txt} / {@code TestImages.txt}
     * ({@code class/file} per line); class ids from the sorted folder names (the official
     * {@code name_to_id.json} is not shipped, pitfall 10); 10 % of train to validation.
     */
    static PaperSplits indoor(String dataset, Path dir) throws IOException {
        List<String> classes = sortedFolders(dir.resolve("Images"));
        Map<String, Integer> id = indexOf(classes);
        List<ImageFile> train = listed(dir.resolve("TrainImages.txt"), dir.resolve("Images"), id);
        List<ImageFile> test = listed(dir.resolve("TestImages.txt"), dir.resolve("Images"), id);
        List<List<ImageFile>> tv = PaperSplits.holdOut(train, VAL_SHARE);
        return new PaperSplits(dataset, classes, tv.get(0), tv.get(1), test);
    }

    /**
     * FGVC-Aircraft (variant level): {@code data/variants.txt} gives the 100 classes in order,
     * {@code data/images_variant_{train,val,test}.txt} hold {@code id variant} lines (variant names
     * may contain spaces), images are {@code data/images/<id>.jpg}; the official three lists.
     */
    static PaperSplits aircraft(String dataset, Path dir) throws IOException {
        Path data = dir.resolve("data");
        List<String> classes = lines(data.resolve("variants.txt"));
        Map<String, Integer> id = indexOf(classes);
        List<List<ImageFile>> parts = new ArrayList<>();
        for (String split : List.of("train", "val", "test")) {
            Path list = data.resolve("images_variant_" + split + ".txt");
            List<ImageFile> out = new ArrayList<>();
            int n = 0;
            for (String line : lines(list)) {
                n++;
                int sp = line.indexOf(' ');
                Integer l = sp < 0 ? null : id.get(line.substring(sp + 1));
                if (l == null) {
                    throw new DatasetException(list + ": line " + n + ": unknown variant in '" + line + "'");
                }
                out.add(new ImageFile(data.resolve("images").resolve(line.substring(0, sp) + ".jpg"), l));
            }
            parts.add(out);
        }
        return new PaperSplits(dataset, classes, parts.get(0), parts.get(1), parts.get(2));
    }

    /**
     * Caltech-256: {@code <nnn.class>/<file>.jpg}; the {@code 257.clutter} class is removed (pitfall
     * 8), classes in sorted order; per class the sorted {@code .jpg} files 0-29 train, 30-49
     * validation, 50-69 test (the official code uses the unsorted listing; sorted here for
     * determinism, so the images differ from the authors' run).
     */
    static PaperSplits caltech(String dataset, Path dir) throws IOException {
        List<String> classes = new ArrayList<>(sortedFolders(dir));
        classes.removeIf(c -> c.endsWith(".clutter"));
        List<ImageFile> train = new ArrayList<>();
        List<ImageFile> val = new ArrayList<>();
        List<ImageFile> test = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir.resolve(classes.get(c)))) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
            }
            for (int i = 0; i < Math.min(70, files.size()); i++) {
                (i < 30 ? train : i < 50 ? val : test).add(new ImageFile(files.get(i), c));
            }
        }
        return new PaperSplits(dataset, classes, train, val, test);
    }

    /**
     * Stanford Cars: {@code devkit/cars_meta.mat} (class_names), {@code devkit/cars_train_annos.mat}
     * and {@code cars_test_annos_withlabels.mat} (struct {@code annotations} with {@code class}
     * 1-based and {@code fname}), images in {@code cars_train/} and {@code cars_test/}; official
     * train/test, 10 % of train to validation.
     */
    static PaperSplits cars(String dataset, Path dir) throws IOException {
        List<String> classes = new ArrayList<>();
        Path meta = dir.resolve("devkit").resolve("cars_meta.mat");
        for (MatFile.Value v : cell(meta, "class_names").cells()) {
            classes.add(((MatFile.Chars) v).text());
        }
        List<ImageFile> train = carAnnotations(dir.resolve("devkit").resolve("cars_train_annos.mat"),
                dir.resolve("cars_train"), classes.size());
        List<ImageFile> test = carAnnotations(dir.resolve("cars_test_annos_withlabels.mat"), dir.resolve("cars_test"),
                classes.size());
        List<List<ImageFile>> tv = PaperSplits.holdOut(train, VAL_SHARE);
        return new PaperSplits(dataset, classes, tv.get(0), tv.get(1), test);
    }

    private static List<ImageFile> carAnnotations(Path mat, Path images, int numClasses) throws IOException {
        MatFile.Value v = MatFile.read(mat).get("annotations");
        if (!(v instanceof MatFile.Struct s) || !s.fields().contains("class") || !s.fields().contains("fname")) {
            throw new DatasetException(mat + ": field 'annotations' missing or without class/fname");
        }
        List<ImageFile> out = new ArrayList<>();
        for (Map<String, MatFile.Value> e : s.elements()) {
            int c = (int) ((MatFile.Numeric) e.get("class")).values()[0];
            if (c < 1 || c > numClasses) {
                throw new DatasetException(mat + ": field 'annotations.class': " + c + " outside 1.." + numClasses);
            }
            out.add(new ImageFile(images.resolve(((MatFile.Chars) e.get("fname")).text()), c - 1));
        }
        return out;
    }

    /**
     * Stanford Dogs: {@code Images/<synset-class>/<file>.jpg}, {@code train_list.mat} /
     * {@code test_list.mat} (cell {@code file_list}, numeric {@code labels} 1-based); classes are
     * the sorted folder names; official train/test, 10 % of train to validation.
     */
    static PaperSplits dogs(String dataset, Path dir) throws IOException {
        List<String> classes = sortedFolders(dir.resolve("Images"));
        List<List<ImageFile>> parts = new ArrayList<>();
        for (String list : List.of("train_list.mat", "test_list.mat")) {
            Path mat = dir.resolve(list);
            Map<String, MatFile.Value> vars = MatFile.read(mat);
            MatFile.Cell files = cell(mat, vars, "file_list");
            MatFile.Numeric labels = numeric(mat, vars, "labels");
            if (labels.values().length != files.cells().size()) {
                throw new DatasetException(mat + ": field 'labels' has " + labels.values().length + " entries, "
                        + "'file_list' " + files.cells().size());
            }
            List<ImageFile> out = new ArrayList<>();
            for (int i = 0; i < labels.values().length; i++) {
                int c = (int) labels.values()[i];
                if (c < 1 || c > classes.size()) {
                    throw new DatasetException(mat + ": field 'labels': " + c + " outside 1.." + classes.size());
                }
                out.add(new ImageFile(dir.resolve("Images").resolve(((MatFile.Chars) files.cells().get(i)).text()),
                        c - 1));
            }
            parts.add(out);
        }
        List<List<ImageFile>> tv = PaperSplits.holdOut(parts.get(0), VAL_SHARE);
        return new PaperSplits(dataset, classes, tv.get(0), tv.get(1), parts.get(1));
    }

    /**
     * Flowers-102, NOT the official split (pitfall 9): {@code jpg/image_<nnnnn>.jpg} with labels
     * from {@code imagelabels.mat} (1-based), all images permuted by numpy seed 0, the first
     * floor(0.1246 n) to validation, the next floor(0.7509 n) to test, the rest to training
     * (1,020 / 6,149 / 1,020 of 8,189).
     */
    static PaperSplits flowers(String dataset, Path dir) throws IOException {
        Path mat = dir.resolve("imagelabels.mat");
        double[] labels = numeric(mat, MatFile.read(mat), "labels").values();
        int n = labels.length;
        List<String> classes = new ArrayList<>();
        int max = 0;
        for (double l : labels) {
            max = Math.max(max, (int) l);
        }
        for (int c = 1; c <= max; c++) {
            classes.add(String.valueOf(c));
        }
        int[] perm = NumpyRandom.permutation(0, n);
        int nVal = (int) Math.floor(0.1246 * n);
        int nTest = (int) Math.floor(0.7509 * n);
        List<ImageFile> train = new ArrayList<>();
        List<ImageFile> val = new ArrayList<>();
        List<ImageFile> test = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = perm[i];
            ImageFile f = new ImageFile(dir.resolve("jpg").resolve(String.format("image_%05d.jpg", k + 1)),
                    (int) labels[k] - 1);
            (i < nVal ? val : i < nVal + nTest ? test : train).add(f);
        }
        return new PaperSplits(dataset, classes, train, val, test);
    }

    /** The 14 findings of ChestX-ray14 in the label-bit order of {@code nih_labels.csv}. */
    public static final List<String> CHEST_FINDINGS = List.of("Atelectasis", "Cardiomegaly", "Effusion",
            "Infiltration", "Mass", "Nodule", "Pneumonia", "Pneumothorax", "Consolidation", "Edema", "Emphysema",
            "Fibrosis", "Pleural_Thickening", "Hernia");

    /**
     * ChestX-ray14 as reproduce-chexnet reads it: {@code nih_labels.csv} with an {@code Image Index}
     * column, one 0/1 column per finding and a {@code fold} column (train / val / test); images in
     * {@code images/}. Multi-label: bit k of the label is finding k.
     */
    static PaperSplits chestXray(String dataset, Path dir) throws IOException {
        Path csv = dir.resolve("nih_labels.csv");
        List<String> lines = lines(csv);
        if (lines.isEmpty()) {
            throw new DatasetException(csv + ": empty");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int image = column(csv, header, "Image Index");
        int fold = column(csv, header, "fold");
        int[] finding = new int[CHEST_FINDINGS.size()];
        for (int k = 0; k < finding.length; k++) {
            finding[k] = column(csv, header, CHEST_FINDINGS.get(k));
        }
        Map<String, List<ImageFile>> byFold = new HashMap<>();
        for (String f : List.of("train", "val", "test")) {
            byFold.put(f, new ArrayList<>());
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length < header.size()) {
                throw new DatasetException(csv + ": line " + (i + 1) + ": " + cells.length + " fields, header has "
                        + header.size());
            }
            int mask = 0;
            for (int k = 0; k < finding.length; k++) {
                if (cells[finding[k]].trim().startsWith("1")) {
                    mask |= 1 << k;
                }
            }
            List<ImageFile> target = byFold.get(cells[fold].trim());
            if (target == null) {
                throw new DatasetException(csv + ": line " + (i + 1) + ": field 'fold' is '" + cells[fold]
                        + "' (train, val or test)");
            }
            target.add(new ImageFile(dir.resolve("images").resolve(cells[image].trim()), mask));
        }
        return new PaperSplits(dataset, CHEST_FINDINGS, byFold.get("train"), byFold.get("val"), byFold.get("test"));
    }

    /**
     * miniImageNet (Ravi and Larochelle 2017 split): {@code train.csv}, {@code val.csv},
     * {@code test.csv} with a {@code filename,label} header and images in {@code images/}; the
     * three files hold disjoint classes (64 / 16 / 20), so the "splits" are the base, validation
     * and novel classes of few-shot learning, labelled within each file in order of appearance.
     */
    static PaperSplits miniImageNet(String dataset, Path dir) throws IOException {
        List<List<ImageFile>> parts = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String split : List.of("train", "val", "test")) {
            Path csv = dir.resolve(split + ".csv");
            List<String> lines = lines(csv);
            Map<String, Integer> ids = new HashMap<>();
            List<ImageFile> out = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                if (cells.length != 2) {
                    throw new DatasetException(csv + ": line " + (i + 1) + ": expected filename,label");
                }
                int id = ids.computeIfAbsent(cells[1], k -> {
                    classes.add(k);
                    return ids.size();
                });
                out.add(new ImageFile(dir.resolve("images").resolve(cells[0]), id));
            }
            parts.add(out);
        }
        return new PaperSplits(dataset, classes, parts.get(0), parts.get(1), parts.get(2));
    }

    private static MatFile.Cell cell(Path mat, String var) throws IOException {
        return cell(mat, MatFile.read(mat), var);
    }

    private static MatFile.Cell cell(Path mat, Map<String, MatFile.Value> vars, String var) {
        if (!(vars.get(var) instanceof MatFile.Cell c)) {
            throw new DatasetException(mat + ": field '" + var + "' missing or not a cell array");
        }
        return c;
    }

    private static MatFile.Numeric numeric(Path mat, Map<String, MatFile.Value> vars, String var) {
        if (!(vars.get(var) instanceof MatFile.Numeric n)) {
            throw new DatasetException(mat + ": field '" + var + "' missing or not numeric");
        }
        return n;
    }

    private static int column(Path csv, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new DatasetException(csv + ": field '" + name + "' missing from the header");
        }
        return i;
    }

    private static List<ImageFile> listed(Path list, Path images, Map<String, Integer> id) throws IOException {
        List<ImageFile> out = new ArrayList<>();
        int n = 0;
        for (String line : lines(list)) {
            n++;
            int slash = line.indexOf('/');
            Integer l = slash < 0 ? null : id.get(line.substring(0, slash));
            if (l == null) {
                throw new DatasetException(list + ": line " + n + ": '" + line + "' names no class folder");
            }
            out.add(new ImageFile(images.resolve(line), l));
        }
        return out;
    }

    private static int classLabel(Path file, String oneBased, int numClasses) {
        int c;
        try {
            c = Integer.parseInt(oneBased);
        } catch (NumberFormatException e) {
            throw new DatasetException(file + ": class '" + oneBased + "' is not a number");
        }
        if (c < 1 || c > numClasses) {
            throw new DatasetException(file + ": class " + c + " outside 1.." + numClasses);
        }
        return c - 1;
    }

    private static List<String> sortedFolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }

    /** Non-blank lines, trimmed. */
    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
    }

    /** Whitespace-separated rows of exactly {@code fields} fields (the last keeps its spaces). */
    private static List<String[]> rows(Path file, int fields) throws IOException {
        List<String[]> out = new ArrayList<>();
        int n = 0;
        for (String line : lines(file)) {
            n++;
            String[] r = line.split("\\s+", fields);
            if (r.length != fields) {
                throw new DatasetException(file + ": line " + n + ": expected " + fields + " fields, got '" + line + "'");
            }
            out.add(r);
        }
        return out;
    }
}
