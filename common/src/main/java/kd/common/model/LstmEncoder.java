package kd.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * A stacked unidirectional LSTM over embedded tokens, with dropout on its input, between layers and
 * on its output.
 *
 * <p>Inputs: embedded tokens [B, L, e] and lengths [B]. Padding sits after each row's real tokens,
 * and a unidirectional LSTM never reads ahead, so the states at real positions do not depend on how
 * much padding follows.
 */
final class LstmEncoder extends AbstractBlock {

    private final int embedding;
    private final float dropout;
    private final LSTM lstm;

    LstmEncoder(ModelConfig config) {
        this.embedding = config.embedding();
        this.dropout = (float) config.dropout();
        lstm =
                addChildBlock(
                        "lstm",
                        LSTM.builder()
                                .setStateSize(config.hidden())
                                .setNumLayers(config.layers())
                                .optDropRate((float) config.dropout())
                                .optBatchFirst(true)
                                .optReturnState(false)
                                .build());
        lstm.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        lstm.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Dropout.dropout(inputs.get(0), dropout, training).head();
        NDArray out = lstm.forward(ps, new NDList(x), training).head();
        return new NDList(Dropout.dropout(out, dropout, training).head());
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        lstm.initialize(manager, dataType, new Shape(1, 1, embedding));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
