package kd.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Scaled dot-product attention with several heads and an additive mask.
 *
 * <p>Inputs: x [B, L, d] and a mask bias broadcastable to [B, heads, L, L] that holds 0 where a
 * query may look at a key and {@link #BLOCKED} where it may not. A blocked score is so low that its
 * softmax weight is exactly 0 in float32, so padded keys contribute nothing. Every query must be
 * allowed at least one key (the first token always is), or its row would be uniform.
 */
final class MultiHeadAttention extends AbstractBlock {

    /** Added to the score of a blocked query–key pair. */
    static final float BLOCKED = -1e9f;

    private final int width;
    private final int heads;
    private final float dropout;
    private final Parameter wq;
    private final Parameter bq;
    private final Parameter wk;
    private final Parameter bk;
    private final Parameter wv;
    private final Parameter bv;
    private final Parameter wo;
    private final Parameter bo;

    MultiHeadAttention(int width, int heads, float dropout) {
        this.width = width;
        this.heads = heads;
        this.dropout = dropout;
        wq = addParameter(Params.dense("query", width, width));
        bq = addParameter(Params.bias("queryBias", width));
        wk = addParameter(Params.dense("key", width, width));
        bk = addParameter(Params.bias("keyBias", width));
        wv = addParameter(Params.dense("value", width, width));
        bv = addParameter(Params.bias("valueBias", width));
        wo = addParameter(Params.dense("output", width, width));
        bo = addParameter(Params.bias("outputBias", width));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray maskBias = inputs.get(1);
        long b = x.getShape().get(0);
        long len = x.getShape().get(1);
        long dh = width / heads;

        NDArray q = split(project(ps, x, wq, bq), b, len, dh);
        NDArray k = split(project(ps, x, wk, bk), b, len, dh);
        NDArray v = split(project(ps, x, wv, bv), b, len, dh);

        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(dh)).add(maskBias);
        NDArray weights = scores.softmax(-1);
        weights = Dropout.dropout(weights, dropout, training).head();
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, len, width);
        return new NDList(project(ps, mixed, wo, bo));
    }

    private NDArray project(ParameterStore ps, NDArray x, Parameter w, Parameter bias) {
        return Linear.linear(
                        x,
                        ps.getValue(w, x.getDevice(), false),
                        ps.getValue(bias, x.getDevice(), false))
                .head();
    }

    private NDArray split(NDArray x, long b, long len, long dh) {
        return x.reshape(b, len, heads, dh).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
