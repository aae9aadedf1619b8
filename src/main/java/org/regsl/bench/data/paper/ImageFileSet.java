package org.regsl.bench.data.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.regsl.bench.data.ImageSet;

/**
 * A paper-scale {@link ImageSet}: images decoded from their files batch by batch (in parallel)
 * as PIL decodes them ({@link PilImageDecoder}) and passed through an {@link ImageTransform};
 * nothing is held in memory but the list. A train
 * set's random crop and flip for an image come from {@code Random(augmentSeed + 31 * position)},
 * so a batch is reproducible from the loop's seed. A file that cannot be decoded is an error
 * naming the file.
 */
public final class ImageFileSet implements ImageSet {

    private final String name;
    private final List<ImageFile> files;
    private final int[] labels;
    private final int[] indices;
    private final int numClasses;
    private final ImageTransform transform;

    /** The images {@code files} ({@code numClasses} classes) under {@code transform}. */
    public ImageFileSet(String name, List<ImageFile> files, int numClasses, ImageTransform transform) {
        this.name = name;
        this.files = List.copyOf(files);
        this.labels = files.stream().mapToInt(ImageFile::label).toArray();
        this.indices = IntStream.range(0, files.size()).toArray();
        this.numClasses = numClasses;
        this.transform = transform;
    }

    /** The first {@code n} images (or all, if fewer). */
    public ImageFileSet head(int n) {
        return new ImageFileSet(name, files.subList(0, Math.min(n, files.size())), numClasses, transform);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** 32 images per inference chunk (paper-scale activations; see {@link ImageSet#evalChunk()}). */
    @Override
    public int evalChunk() {
        return 32;
    }

    @Override
    public NDArray images(NDManager m, int[] pos, int from, int to, long augmentSeed) {
        int per = transform.floats();
        float[] buf = new float[(to - from) * per];
        IntStream.range(from, to).parallel().forEach(i -> {
            ImageFile f = files.get(pos[i]);
            transform.apply(PilImageDecoder.decode(f.file()), new Random(augmentSeed + 31L * pos[i]), buf, (i - from) * per);
        });
        return m.create(buf, new Shape(to - from, 3, transform.size(), transform.size()));
    }

}
