package org.regsl.bench.train;

import org.regsl.bench.nn.Batches;
import org.regsl.bench.nn.Losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.model.Net;

/**
 * Accuracy and mean cross-entropy of a net on a set, in inference mode (BN running statistics),
 * in chunks of {@link ImageSet#evalChunk()} images (DJL keeps what a forward pass creates alive until its
 * scope closes, unless the net releases its intermediates itself, as the bench ResNet-8 does:
 * {@link org.regsl.bench.nn.Intermediates}), with the loss summed in double precision.
 *
 * @param accuracy share of correct arg-max predictions
 * @param loss mean negative log-likelihood
 * @param n number of images
 */
public record Evaluation(double accuracy, double loss, int n) {


    /** Evaluates {@code net} on {@code set}. */
    public static Evaluation of(Net net, ImageSet set) {
        return of(net, set, set.size());
    }

    /** {@link #of(Net, ImageSet)}, counted as a run's final evaluation in its {@link TimeSplit}. */
    public static Evaluation afterTraining(Net net, ImageSet set) {
        return TimeSplit.timed(TimeSplit.Phase.TEST_EVALUATION, () -> of(net, set));
    }

    /** Evaluates {@code net} on the first {@code limit} images of {@code set}. */
    public static Evaluation of(Net net, ImageSet set, int limit) {
        return at(net, set, Batches.identity(Math.min(limit, set.size())));
    }

    /** Evaluates {@code net} on the images of {@code set} at positions {@code pos}. */
    public static Evaluation at(Net net, ImageSet set, int[] pos) {
        int n = pos.length;
        double lossSum = 0;
        long correct = 0;
        try (NDManager sub = net.manager().newSubManager(); NDScope scope = new NDScope()) {
            for (int from = 0; from < n; from += set.evalChunk()) {
                int to = Math.min(n, from + set.evalChunk());
                try (NDManager chunk = sub.newSubManager()) {
                    NDArray x = Batches.images(chunk, set, pos, from, to);
                    NDArray y = Batches.labels(chunk, set.labels(), pos, from, to);
                    NDArray logits = net.forward(x, false);
                    for (float l : Losses.perSampleNll(logits, y).toFloatArray()) {
                        lossSum += l;
                    }
                    correct += logits.argMax(1).eq(y).sum().getLong();
                }
            }
        }
        return new Evaluation((double) correct / n, lossSum / n, n);
    }

    /** The arg-max prediction of {@code net} (inference mode) for every image of {@code set}, in order. */
    public static int[] predictions(Net net, ImageSet set) {
        int n = set.size();
        int[] pos = Batches.identity(n);
        int[] out = new int[n];
        try (NDManager sub = net.manager().newSubManager(); NDScope scope = new NDScope()) {
            for (int from = 0; from < n; from += set.evalChunk()) {
                int to = Math.min(n, from + set.evalChunk());
                try (NDManager chunk = sub.newSubManager()) {
                    long[] arg = net.forward(Batches.images(chunk, set, pos, from, to), false).argMax(1).toLongArray();
                    for (int i = 0; i < arg.length; i++) {
                        out[from + i] = (int) arg[i];
                    }
                }
            }
        }
        return out;
    }
}
