package org.regsl.bench.experiment;

import java.util.Locale;

/**
 * The initializations C1 compares (the poster's Random / Pre-trained / Adversarial columns).
 */
public enum SourceKind {
    /** No pretraining: the fine-tuned net starts from a seeded random initialization. */
    RANDOM,
    /** Cross-entropy pretraining on the source task (the ImageNet analog). */
    STANDARD,
    /** The standard source, then PGD adversarial training (the analog of Salman et al. 2020). */
    ADVERSARIAL;

    /** Lower-case name used in cell ids and file names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id}. */
    public static SourceKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
