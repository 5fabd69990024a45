package kd.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Any of the six models: token embedding, an encoder (LSTM or transformer), and the head of its
 * objective.
 *
 * <p>Inputs: token ids [B, L] and lengths [B], both int64, as built by {@link Batch}. Outputs:
 *
 * <ul>
 *   <li>classification: logits [B, 2] and the pooled vector the head reads [B, hidden] (the leading
 *       CLS position for bidirectional transformers, the last real position otherwise);
 *   <li>LM: logits [B, L, vocabulary] and the top hidden states [B, L, hidden].
 * </ul>
 */
public final class SequenceModel extends AbstractBlock {

    private final ModelConfig config;
    private final Parameter tokens;
    private final Block encoder;
    private final Parameter headWeight;
    private final Parameter headBias;

    public SequenceModel(ModelConfig config) {
        this.config = config;
        tokens = addParameter(Params.table("tokens", config.vocabularySize(), config.embedding()));
        encoder =
                addChildBlock(
                        "encoder",
                        config.isTransformer()
                                ? new TransformerEncoder(
                                        config,
                                        config.isCausal(),
                                        config.name().equals(ModelConfig.UT_SEQ))
                                : new LstmEncoder(config));
        if (config.objective() == Objective.CLASSIFICATION) {
            headWeight = addParameter(Params.dense("classes", 2, config.hidden()));
            headBias = addParameter(Params.bias("classesBias", 2));
        } else {
            headWeight =
                    config.tiedEmbeddings()
                            ? null
                            : addParameter(
                                    Params.dense(
                                            "words", config.vocabularySize(), config.hidden()));
            headBias = addParameter(Params.bias("wordsBias", config.vocabularySize()));
        }
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray lengths = inputs.get(1);
        NDArray table = ps.getValue(tokens, ids.getDevice(), training);

        NDArray x = Embedding.embedding(ids, table, SparseFormat.DENSE).head();
        NDArray h = encoder.forward(ps, new NDList(x, lengths), training).head();

        if (config.objective() == Objective.CLASSIFICATION) {
            NDArray pooled =
                    config.readsClsToken() ? h.get(new NDIndex(":, 0, :")) : lastReal(h, lengths);
            NDArray logits = TransformerLayer.linear(ps, pooled, headWeight, headBias);
            return new NDList(logits, pooled);
        }
        NDArray w = headWeight == null ? table : ps.getValue(headWeight, ids.getDevice(), training);
        NDArray logits =
                ai.djl.nn.core.Linear.linear(h, w, ps.getValue(headBias, ids.getDevice(), training))
                        .head();
        return new NDList(logits, h);
    }

    /**
     * The state at each row's last real position: h [B, L, D], lengths [B] → [B, D]. A one-hot
     * weighted sum, so padded states contribute exact zeros.
     */
    static NDArray lastReal(NDArray h, NDArray lengths) {
        int len = (int) h.getShape().get(1);
        NDArray pick = lengths.sub(1).oneHot(len).toType(h.getDataType(), false);
        return h.mul(pick.expandDims(2)).sum(new int[] {1});
    }

    /** Number of scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (var p : getParameters().values()) {
            n += p.getShape().size();
        }
        return n;
    }

    /** Allocates and initialises every parameter with the engine's current random state. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, new Shape(1, 2, config.embedding()), new Shape(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        if (config.objective() == Objective.CLASSIFICATION) {
            return new Shape[] {new Shape(b, 2), new Shape(b, config.hidden())};
        }
        long len = inputShapes[0].get(1);
        return new Shape[] {
            new Shape(b, len, config.vocabularySize()), new Shape(b, len, config.hidden())
        };
    }
}
