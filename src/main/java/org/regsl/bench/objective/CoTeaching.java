package org.regsl.bench.objective;

import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Comparator;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.AmsGrad;
import org.regsl.bench.nn.Batches;
import org.regsl.bench.nn.Losses;

/**
 * Co-teaching (Han et al. 2018, "Co-teaching: robust training of deep neural networks with
 * extremely noisy labels"): two nets see the same batch; each keeps its R(e) fraction of
 * smallest-loss samples and its peer is updated on them. R(e) = 1 - tau min((e - 1) / (T_k - 1), 1)
 * (the official schedule: linear from keeping all in epoch 1 to keeping 1 - tau from epoch T_k on),
 * floor(R B) samples kept; tau = the assumed noise rate, T_k = 10 in the paper.
 *
 * <p>Both losses go into one backward pass (the nets share no parameter): the trained net's
 * gradient comes from the samples the peer picked and the peer's from the trained net's picks. The
 * training loop steps the trained net, {@link #afterStep} steps the peer with its own AMSGrad. Only
 * the trained net is validated and kept.
 */
public final class CoTeaching implements Objective {

    private final int[] labels;
    private final Net peer;
    private final AmsGrad peerOptimizer;
    private final double forgetRate;
    private final int rampEpochs;

    /** Co-teaching with {@code peer} (owned and closed by the caller), tau {@code forgetRate}, T_k {@code rampEpochs}. */
    public CoTeaching(int[] labels, Net peer, double forgetRate, int rampEpochs) {
        this.labels = labels.clone();
        this.peer = peer;
        this.peerOptimizer = new AmsGrad(peer.trainable());
        this.forgetRate = forgetRate;
        this.rampEpochs = rampEpochs;
    }

    /** The share of the batch each net keeps in epoch {@code e}. */
    double keepRate(int e) {
        double ramp = rampEpochs <= 1 ? 1 : Math.min((double) (e - 1) / (rampEpochs - 1), 1);
        return 1 - forgetRate * ramp;
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        throw new UnsupportedOperationException("co-teaching needs the batch images: call loss(Batch)");
    }

    @Override
    public NDArray loss(Batch b) {
        NDArray y = Batches.labels(b.logits().getManager(), labels, b.positions(), 0, b.positions().length);
        NDArray mine = Losses.perSampleNll(b.logits(), y);
        NDArray theirs = Losses.perSampleNll(peer.forward(b.x(), true), y);
        int keep = Math.max(1, (int) Math.floor(keepRate(b.epoch()) * b.positions().length));
        NDArray byMine = smallest(mine, keep);
        NDArray byPeer = smallest(theirs, keep);
        return mine.get(byPeer).mean().add(theirs.get(byMine).mean());
    }

    /** Indices of the {@code keep} smallest losses (ties: lower index first), as an int64 array. */
    static NDArray smallest(NDArray losses, int keep) {
        float[] v = losses.toFloatArray();
        Integer[] idx = new Integer[v.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> v[i]).thenComparingInt(i -> i));
        long[] out = new long[keep];
        for (int i = 0; i < keep; i++) {
            out[i] = idx[i];
        }
        return losses.getManager().create(out);
    }

    @Override
    public void afterStep(double lr) {
        peerOptimizer.step(lr);
    }

    @Override
    public void close() {
        peerOptimizer.close();
    }
}
