package kd.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LayerNorm transformer block: x + Attn(LN(x)), then x + FFN(LN(x)) with a GELU FFN.
 *
 * <p>Inputs: x [B, L, d] and the attention mask bias (see {@link MultiHeadAttention}).
 */
final class TransformerLayer extends AbstractBlock {

    static final float LAYER_NORM_EPS = 1e-5f;

    private final int width;
    private final float dropout;
    private final MultiHeadAttention attention;
    private final Parameter norm1Gamma;
    private final Parameter norm1Beta;
    private final Parameter norm2Gamma;
    private final Parameter norm2Beta;
    private final Parameter ffnIn;
    private final Parameter ffnInBias;
    private final Parameter ffnOut;
    private final Parameter ffnOutBias;

    TransformerLayer(int width, int heads, int ffn, float dropout) {
        this.width = width;
        this.dropout = dropout;
        attention = addChildBlock("attention", new MultiHeadAttention(width, heads, dropout));
        norm1Gamma = addParameter(Params.gamma("norm1Gamma", width));
        norm1Beta = addParameter(Params.beta("norm1Beta", width));
        norm2Gamma = addParameter(Params.gamma("norm2Gamma", width));
        norm2Beta = addParameter(Params.beta("norm2Beta", width));
        ffnIn = addParameter(Params.dense("ffnIn", ffn, width));
        ffnInBias = addParameter(Params.bias("ffnInBias", ffn));
        ffnOut = addParameter(Params.dense("ffnOut", width, ffn));
        ffnOutBias = addParameter(Params.bias("ffnOutBias", width));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray maskBias = inputs.get(1);

        NDArray h = norm(ps, x, norm1Gamma, norm1Beta);
        h = attention.forward(ps, new NDList(h, maskBias), training).head();
        x = x.add(Dropout.dropout(h, dropout, training).head());

        h = norm(ps, x, norm2Gamma, norm2Beta);
        h = linear(ps, h, ffnIn, ffnInBias);
        h = Activation.gelu(h);
        h = linear(ps, h, ffnOut, ffnOutBias);
        x = x.add(Dropout.dropout(h, dropout, training).head());
        return new NDList(x);
    }

    private NDArray norm(ParameterStore ps, NDArray x, Parameter gamma, Parameter beta) {
        return layerNorm(ps, x, gamma, beta, width);
    }

    static NDArray layerNorm(
            ParameterStore ps, NDArray x, Parameter gamma, Parameter beta, int width) {
        return LayerNorm.layerNorm(
                        x,
                        new Shape(width),
                        ps.getValue(gamma, x.getDevice(), false),
                        ps.getValue(beta, x.getDevice(), false),
                        LAYER_NORM_EPS)
                .head();
    }

    static NDArray linear(ParameterStore ps, NDArray x, Parameter w, Parameter b) {
        return Linear.linear(
                        x,
                        ps.getValue(w, x.getDevice(), false),
                        ps.getValue(b, x.getDevice(), false))
                .head();
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        attention.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
