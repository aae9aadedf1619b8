package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.regsl.bench.nn.Intermediates;

/**
 * The forward pass every ResNet of the suite shares: its layer groups in order, each output
 * through the {@link ForwardTap}, then global average pooling (mean over width, then height, as
 * the reference code's {@code AdaptiveAvgPool2d(1)} reduces) through the tap's {@link ForwardTap#POOLED}
 * point, then the head:
 *
 * <pre>
 *   h_0 = x,  h_k = tap(group_k, G_k(h_{k-1})),  z = tap(pooled, mean_{H,W} h_K),  logits = head(z)
 * </pre>
 *
 * When no tap looks ({@link ForwardTap#NONE}), each h_k is released once the next group has
 * consumed it ({@link Intermediates}); a tap may record or replace any of them, so then nothing is
 * released. The input x is the caller's and is never released.
 */
final class TrunkForward {

    private TrunkForward() {}

    static NDList run(ForwardTap tap, ParameterStore ps, NDArray x, List<String> points, List<Block> groups,
            Block head, boolean training) {
        boolean release = tap == ForwardTap.NONE;
        NDArray h = x;
        for (int k = 0; k < groups.size(); k++) {
            NDArray out = tap.at(points.get(k), groups.get(k).forward(ps, new NDList(h), training).singletonOrThrow());
            h = release ? Intermediates.release(h, out, x) : out;
        }
        NDArray width = h.mean(new int[] {3});
        NDArray pooled = tap.at(ForwardTap.POOLED, width.mean(new int[] {2}));
        width.close();
        if (release) {
            Intermediates.release(h, pooled, x);
        }
        NDList logits = head.forward(ps, new NDList(pooled), training);
        if (release) {
            Intermediates.release(pooled, logits.singletonOrThrow());
        }
        return logits;
    }
}
