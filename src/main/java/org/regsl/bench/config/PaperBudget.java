package org.regsl.bench.config;

import java.util.List;
import java.util.Locale;

/**
 * The compute of a paper-scale cell. {@code paper} is the official protocol (REGSL-SPEC 6.1 and
 * 4): 224-pixel crops, 30 epochs of Adam/AMSGrad at lr 1e-4 with a x0.1 step every 10 epochs,
 * batch 32, 3 runs, perturbed loss with 20 draws on the first 1,000 test images. {@code tiny}
 * shrinks it so the whole pipeline (loader, decoding, ResNet, training, measurement) runs end to
 * end on CPU in seconds on a fixture ({@code -Dregsl.scale=paper -Dregsl.budget=tiny
 * -Dregsl.device=cpu}); its numbers check the pipeline, not the paper.
 *
 * @param name budget name
 * @param imageSize crop side
 * @param epochs fine-tuning epochs
 * @param lrStepEvery epochs between learning-rate drops (x0.1)
 * @param batchSize mini-batch size
 * @param runs runs (seeds 0..runs-1) per cell
 * @param perturbDraws draws per sigma (antithetic pairs)
 * @param perturbSamples test images the perturbed loss is measured on
 * @param perturbedLossNet the ResNet of the perturbed-loss cells (C1)
 * @param regularizationNet the ResNet of the regularization comparison and its distances (C2, C3)
 */
public record PaperBudget(String name, int imageSize, int epochs, int lrStepEvery, int batchSize, int runs,
        int perturbDraws, int perturbSamples, String perturbedLossNet, String regularizationNet) {

    /**
     * The paper's protocol. C1's net is ResNet-50: the poster does not say which, the authors'
     * noise-stability checkpoints ([RFT]) are ResNet-50, and the official robust-model loader
     * exists only for ResNet-18/50 (REGSL-SPEC 4).
     */
    public static final PaperBudget PAPER = new PaperBudget("paper", 224, 30, 10, 32, 3, 20, 1000, "resnet50",
            "resnet101");

    /** The pipeline check on CPU: 32-pixel crops, one epoch, one run, ResNet-18. */
    public static final PaperBudget TINY = new PaperBudget("tiny", 32, 1, 10, 8, 1, 2, 1000, "resnet18", "resnet18");

    public static final List<PaperBudget> ALL = List.of(PAPER, TINY);

    /** True when this budget's values can be compared with the paper's. */
    public boolean comparable() {
        return this == PAPER;
    }

    /** Looks a paper budget up by name. */
    public static PaperBudget named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(b -> b.name.equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "regsl.budget: unknown paper-scale budget '" + name + "'; known: paper, tiny"));
    }

    /** The seeds of a cell: 0..runs-1. */
    public int[] seedList() {
        int[] s = new int[runs];
        for (int i = 0; i < runs; i++) {
            s[i] = i;
        }
        return s;
    }
}
