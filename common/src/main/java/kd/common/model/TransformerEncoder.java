package kd.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Learned positions, then transformer blocks, then a final LayerNorm.
 *
 * <p>Inputs: embedded tokens [B, L, d] and lengths [B]. Attention never looks at a padded key; with
 * {@code causal} a query also never looks at a later key. With {@code sharedSteps > 0} the encoder
 * holds a single block and applies it that many times (Universal Transformer without adaptive
 * halting or step embeddings); otherwise it applies its {@code layers} blocks once each.
 */
final class TransformerEncoder extends AbstractBlock {

    private final int width;
    private final boolean causal;
    private final int applications;
    private final float dropout;
    private final Parameter positions;
    private final Parameter finalGamma;
    private final Parameter finalBeta;
    private final List<TransformerLayer> blocks = new ArrayList<>();

    TransformerEncoder(ModelConfig config, boolean causal, boolean shared) {
        this.width = config.hidden();
        this.causal = causal;
        this.dropout = (float) config.dropout();
        positions = addParameter(Params.table("positions", config.maxLength(), width));
        int distinct = shared ? 1 : config.layers();
        this.applications = shared ? config.steps() : config.layers();
        for (int i = 0; i < distinct; i++) {
            blocks.add(
                    addChildBlock(
                            "block" + i,
                            new TransformerLayer(
                                    width,
                                    config.heads(),
                                    config.ffn(),
                                    (float) config.dropout())));
        }
        finalGamma = addParameter(Params.gamma("finalGamma", width));
        finalBeta = addParameter(Params.beta("finalBeta", width));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray lengths = inputs.get(1);
        long len = x.getShape().get(1);

        NDArray pos = ps.getValue(positions, x.getDevice(), training).get(new NDIndex(":{}", len));
        // A slice of a parameter belongs to the parameter's manager; hand it to the batch's so it
        // is freed with the batch.
        pos.attach(x.getManager());
        x = Dropout.dropout(x.add(pos), dropout, training).head();
        NDArray maskBias = maskBias(lengths, len, causal);

        for (int i = 0; i < applications; i++) {
            TransformerLayer block = blocks.get(i % blocks.size());
            x = block.forward(ps, new NDList(x, maskBias), training).head();
        }
        return new NDList(TransformerLayer.layerNorm(ps, x, finalGamma, finalBeta, width));
    }

    /**
     * 0 where query i may attend to key j, {@link MultiHeadAttention#BLOCKED} elsewhere: [B, 1, 1,
     * L] for key padding alone, [B, 1, L, L] when combined with the causal (j ≤ i) mask.
     */
    static NDArray maskBias(NDArray lengths, long len, boolean causal) {
        NDManager m = lengths.getManager();
        NDArray index = m.arange(0, len, 1, DataType.INT64, lengths.getDevice());
        long b = lengths.getShape().get(0);
        NDArray allowed = index.expandDims(0).lt(lengths.expandDims(1)).reshape(b, 1, 1, len);
        if (causal) {
            NDArray lower = index.expandDims(1).gte(index.expandDims(0)).reshape(1, 1, len, len);
            allowed = allowed.logicalAnd(lower);
        }
        return allowed.toType(DataType.FLOAT32, false).sub(1f).mul(-MultiHeadAttention.BLOCKED);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (TransformerLayer block : blocks) {
            block.initialize(manager, dataType, inputShapes[0], new Shape(1, 1, 1, 1));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
