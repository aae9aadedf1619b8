package org.regsl.bench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A live model with the manager (and device) that owns its parameters: the bench
 * {@link SmallResNet} ({@link #create}) or a paper-scale {@link ResNet} ({@link #of}). Built from a
 * seed, so the same seed gives the same bits; each architecture declares its own initialization
 * (both PyTorch's rules, {@link TorchvisionInit}).
 */
public final class Net implements AutoCloseable {

    /** Input shape of the bench images (one gray channel, 28x28). */
    public static final Shape INPUT = new Shape(1, 1, 28, 28);

    /** Base width of the bench ResNet-8. */
    public static final int WIDTH = 16;

    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    private final int classes;
    private final int outputs;
    private final Supplier<Block> architecture;
    private final Shape inputShape;

    private Net(NDManager manager, Block block, int classes, int outputs, Supplier<Block> architecture,
            Shape inputShape) {
        this.manager = manager;
        this.block = block;
        this.classes = classes;
        this.outputs = outputs;
        this.architecture = architecture;
        this.inputShape = inputShape;
        this.store = new CurrentArrays(manager);
    }

    /**
     * A parameter store that reads each parameter's current array on every forward pass. DJL's
     * store keeps the array it saw first; an optimizer that binds the parameters to one flat buffer
     * ({@code nn.FlatParameters}) gives them new arrays, which a caching store would never see.
     * A parameter on another device than the input is DJL's case: copied as DJL does.
     */
    private static final class CurrentArrays extends ParameterStore {
        CurrentArrays(NDManager manager) {
            super(manager, false);
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (parameter == null) {
                return null;
            }
            NDArray a = parameter.getArray();
            return a.getDevice().equals(device) ? a : super.getValue(parameter, device, training);
        }
    }

    /** A freshly initialized bench net; {@code seed} fixes every initial weight. */
    public static Net create(int classes, long seed) {
        return create(classes, 0, seed);
    }

    /**
     * A freshly initialized bench net whose head has {@code extraOutputs} outputs beyond the
     * {@code classes} ones (DAC's abstention); {@link #forward} returns the class outputs only.
     */
    public static Net create(int classes, int extraOutputs, long seed) {
        return of(() -> new SmallResNet(WIDTH, classes + extraOutputs), INPUT, classes, extraOutputs, null, seed);
    }

    /**
     * Initializes {@code block} for inputs of {@code inputShape} on {@code device} (null: the
     * engine's default) from {@code seed}, with the initializers the block declares. A net built
     * from a block instance cannot make a {@link #frozenCopy}.
     */
    public static Net of(Block block, Shape inputShape, int classes, Device device, long seed) {
        return init(block, null, inputShape, classes, 0, device, seed);
    }

    /**
     * A net of the architecture {@code architecture} builds (its head with {@code classes +
     * extraOutputs} outputs), initialized as {@link #of(Block, Shape, int, Device, long)} does.
     */
    public static Net of(Supplier<Block> architecture, Shape inputShape, int classes, int extraOutputs, Device device,
            long seed) {
        return init(architecture.get(), architecture, inputShape, classes, extraOutputs, device, seed);
    }

    private static Net init(Block block, Supplier<Block> architecture, Shape inputShape, int classes, int extra,
            Device device, long seed) {
        NDManager manager = device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
        EngineRandom.seeded(seed, () -> {
            block.initialize(manager, DataType.FLOAT32, inputShape);
            return block;
        });
        return new Net(manager, block, classes, classes + extra, architecture, inputShape);
    }

    /** Forward pass; returns the logits of the {@link #classes()} classes. */
    public NDArray forward(NDArray x, boolean training) {
        return forward(x, training, ForwardTap.NONE);
    }

    /**
     * Forward pass with {@code tap} looking in ({@link ForwardTap}: every layer group, the pooled
     * features, the head's whole output); returns the logits of the {@link #classes()} classes.
     */
    public NDArray forward(NDArray x, boolean training, ForwardTap tap) {
        NDArray all = tap.at(ForwardTap.OUTPUTS, block.forward(store, new NDList(x), training, tap.asParams())
                .singletonOrThrow());
        return outputs == classes ? all : all.get(new NDIndex(":, :" + classes));
    }

    /**
     * A copy of this net as it is now, for reading only: same architecture and values, no
     * gradients, in a manager under this net's (closed with it, or earlier by the caller). DELTA's
     * source model is the copy of the fine-tuning start.
     */
    public Net frozenCopy() {
        if (architecture == null) {
            throw new IllegalStateException("this net was built from a block instance, not an architecture: it"
                    + " cannot be copied (build it with Net.of(Supplier<Block>, ...))");
        }
        NDManager sub = manager.newSubManager();
        Block b = architecture.get();
        EngineRandom.seeded(0, () -> {
            b.initialize(sub, DataType.FLOAT32, inputShape);
            return b;
        });
        Net copy = new Net(sub, b, classes, outputs, architecture, inputShape);
        List<Pair<String, Parameter>> mine = parameters();
        List<Pair<String, Parameter>> theirs = copy.parameters();
        for (int i = 0; i < mine.size(); i++) {
            NDArray a = theirs.get(i).getValue().getArray();
            a.set(new NDIndex("..."), mine.get(i).getValue().getArray());
            a.setRequiresGradient(false);
        }
        return copy;
    }

    /** Outputs of the head: {@link #classes()} plus a method's extra ones. */
    public int outputs() {
        return outputs;
    }

    /** The model's block (e.g. a {@link ResNet}, for importing weights). */
    public Block block() {
        return block;
    }

    /** Number of output classes. */
    public int classes() {
        return classes;
    }

    /** The manager owning the parameters. */
    public NDManager manager() {
        return manager;
    }

    /** Every parameter (trainable or not, e.g. BN running statistics), in network order. */
    public List<Pair<String, Parameter>> parameters() {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        block.getParameters().forEach(out::add);
        return out;
    }

    /** The array of the parameter called {@code name}. */
    public NDArray parameter(String name) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    /** The trainable parameters (those with gradients), in network order. */
    public List<Pair<String, Parameter>> trainable() {
        return parameters().stream().filter(p -> p.getValue().requiresGradient()).toList();
    }

    /**
     * Copies every parameter outside the head (conv weights, BN affine and running statistics)
     * from {@code source}: the "start from the pretrained backbone, new head" step of fine-tuning.
     */
    public void loadBackboneFrom(Net source) {
        List<Pair<String, Parameter>> mine = parameters();
        List<Pair<String, Parameter>> theirs = source.parameters();
        for (int i = 0; i < mine.size(); i++) {
            String name = mine.get(i).getKey();
            if (LayerGroups.isHead(name)) {
                continue;
            }
            if (!name.equals(theirs.get(i).getKey())) {
                throw new IllegalStateException("architectures differ at " + name);
            }
            mine.get(i).getValue().getArray().set(new NDIndex("..."), theirs.get(i).getValue().getArray());
        }
    }

    /** Writes all parameters to {@code os} (DJL's parameter format; read back by {@link #load}). */
    public void save(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        block.saveParameters(out);
        out.flush();
    }

    /** Loads parameters saved by {@link #save}. */
    public void load(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(file + ": malformed parameter file: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated parameter file", e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
