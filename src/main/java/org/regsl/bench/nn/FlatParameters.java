package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * A net's trainable parameters as views of one contiguous buffer, so an element-wise optimizer
 * updates all of them with a dozen native calls instead of a dozen per tensor (apex's and
 * PyTorch's "flat parameter" idea; the update of each element is the same operations in the same
 * order, so the bits are the per-tensor update's). Binding copies the current values into a new
 * buffer (parameters keep their order) and makes each {@link Parameter}'s array a view of it that
 * records gradients as before; the gradients stay per parameter (libtorch accumulates them into
 * each leaf) and are gathered by one concatenation per step.
 *
 * <p>Every writer of a bound parameter must write in place ({@code set(new NDIndex("..."), x)},
 * {@code subi}, ...): DJL's {@code NDArray.set(float[])} replaces a tensor's storage and would
 * silently unbind it. DJL 0.36 has no public way to give a parameter a new array once it is
 * initialized; the binding sets the parameter's {@code array} field by reflection (the DJL version
 * is pinned in the pom; a DJL without that field fails here, loudly).
 */
public final class FlatParameters implements AutoCloseable {

    private static final Field ARRAY = arrayField();

    private final NDArray values;
    private final List<NDArray> views;

    private FlatParameters(NDArray values, List<NDArray> views) {
        this.values = values;
        this.views = views;
    }

    /** Binds {@code params} (none: an empty binding whose {@link #values} is null). */
    public static FlatParameters bind(List<Pair<String, Parameter>> params) {
        if (params.isEmpty()) {
            return new FlatParameters(null, List.of());
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false); // the buffer and its views are leaves, not results of recorded operations
        try {
            NDList flat = new NDList();
            for (Pair<String, Parameter> p : params) {
                flat.add(p.getValue().getArray().reshape(-1));
            }
            NDArray values = NDArrays.concat(flat);
            NDScope.unregister(values); // outlives any scope the optimizer is created in
            flat.close();
            List<NDArray> views = new ArrayList<>();
            long offset = 0;
            for (Pair<String, Parameter> p : params) {
                NDArray old = p.getValue().getArray();
                long n = old.size();
                NDArray view;
                try (NDArray slice = values.get(new NDIndex(offset + ":" + (offset + n)))) {
                    view = slice.reshape(old.getShape());
                }
                NDScope.unregister(view);
                view.setName(old.getName());
                view.setRequiresGradient(old.hasGradient() || p.getValue().requiresGradient());
                setArray(p.getValue(), view);
                old.close();
                views.add(view);
                offset += n;
            }
            return new FlatParameters(values, views);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The buffer every bound parameter is a view of (null for no parameters). */
    public NDArray values() {
        return values;
    }

    /** A zero buffer of the same size and type on {@code manager} (optimizer state). */
    public NDArray zeros(NDManager manager) {
        return manager.zeros(values.getShape(), values.getDataType());
    }

    /** Every parameter's gradient, concatenated in parameter order (a new array, in the caller's scope). */
    public NDArray gradients() {
        NDList g = new NDList(views.size());
        for (NDArray v : views) {
            g.add(v.getGradient().reshape(-1));
        }
        return NDArrays.concat(g);
    }

    /** Zeroes every parameter's gradient in place (the PyTorch engine does not after a step). */
    public void zeroGradients() {
        for (NDArray v : views) {
            JniUtils.zeroGrad((PtNDArray) v);
        }
    }

    /** Whether there is nothing to update. */
    public boolean isEmpty() {
        return views.isEmpty();
    }

    /**
     * Closes this binding's handle on the buffer; the storage lives on in the parameters' views
     * (libtorch counts its users), so the net keeps its values.
     */
    @Override
    public void close() {
        if (values != null) {
            values.close();
        }
    }

    private static void setArray(Parameter p, NDArray array) {
        try {
            ARRAY.set(p, array);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot bind parameter " + p.getName() + " to a flat buffer", e);
        }
    }

    private static Field arrayField() {
        try {
            Field f = Parameter.class.getDeclaredField("array");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new ExceptionInInitializerError("DJL's Parameter has no 'array' field to bind (is the DJL version"
                    + " the pom's 0.36.0?): " + e);
        }
    }
}
