package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A frozen copy of every parameter of a {@link Net} (including BN running statistics), kept in a
 * manager of its own. {@link #restoreInto} writes it back bit-exactly (tensor copy, never
 * "subtract the noise"), which the perturbed loss and best-checkpoint selection rely on.
 */
public final class WeightSnapshot implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    private WeightSnapshot(NDManager manager) {
        this.manager = manager;
    }

    /** Copies the current parameters of {@code net}. */
    public static WeightSnapshot of(Net net) {
        WeightSnapshot s = new WeightSnapshot(NDManager.newBaseManager(net.manager().getDevice()));
        for (Pair<String, Parameter> p : net.parameters()) {
            NDArray copy = p.getValue().getArray().duplicate();
            copy.attach(s.manager);
            ai.djl.ndarray.NDScope.unregister(copy); // a snapshot outlives any scope it is taken in
            s.arrays.put(p.getKey(), copy);
        }
        return s;
    }

    /** Writes the snapshot back into {@code net} (bit-exact). */
    public void restoreInto(Net net) {
        for (Pair<String, Parameter> p : net.parameters()) {
            NDArray src = arrays.get(p.getKey());
            if (src == null) {
                throw new IllegalStateException("snapshot has no parameter " + p.getKey());
            }
            p.getValue().getArray().set(new NDIndex("..."), src);
        }
    }

    /** The snapshot of one parameter (owned by the snapshot; do not close). */
    public NDArray array(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("snapshot has no parameter " + name);
        }
        return a;
    }

    /** The snapshot of one parameter, as floats. */
    public float[] floats(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("snapshot has no parameter " + name);
        }
        return a.toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}
