package org.regsl.bench.data.paper;

import java.nio.file.Path;

/**
 * One image of a paper-scale data set: its file and label. For ChestX-ray14 (multi-label) the
 * label is a bit mask, bit k set when finding k is present.
 */
public record ImageFile(Path file, int label) {}
