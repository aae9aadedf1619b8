package org.regsl.bench.train;

import org.regsl.bench.nn.AmsGrad;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * A gradient collector for one thread. DJL 0.36's {@code PtGradientCollector} allows one
 * collector per JVM at a time (a static flag), which forbids training two runs concurrently;
 * libtorch itself keeps grad mode per thread. This collector makes the same native calls
 * (grad mode on, {@code backward} with a ones seed, grad mode restored on close) without the
 * JVM-wide flag, so each run trains in its own thread with the same bits as DJL's collector.
 */
public final class Gradients implements GradientCollector {

    private final boolean previous;

    private Gradients() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /**
     * Turns gradient recording off on this thread, the state DJL leaves the main thread in (a new
     * native thread starts with it on, and then in-place weight updates fail). Every thread that
     * trains calls this first.
     */
    public static void offOnThisThread() {
        Engine.getInstance(); // loads libtorch's natives if nothing has yet (a command's first run)
        JniUtils.setGradMode(false);
    }

    /** Starts recording this thread's operations for a backward pass. */
    public static Gradients collect() {
        return new Gradients();
    }

    @Override
    public void backward(NDArray target) {
        NDArray seed = target.getManager().ones(target.getShape(), target.getDataType()).toDevice(target.getDevice(),
                false);
        JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
    }

    @Override
    public void zeroGradients() {
        throw new UnsupportedOperationException("the optimizer zeroes the gradients it used (AmsGrad)");
    }

    @Override
    public void close() {
        if (!previous) {
            JniUtils.setGradMode(false);
        }
    }
}
