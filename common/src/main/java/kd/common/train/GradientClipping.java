package kd.common.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.Collection;

/** Global-norm gradient clipping over a set of parameters. */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Scales every gradient by {@code maxNorm / norm} when the L2 norm of all gradients together
     * exceeds {@code maxNorm}; otherwise leaves them alone.
     *
     * @return the global norm before clipping
     */
    public static double clipGlobalNorm(Collection<Parameter> parameters, double maxNorm) {
        NDList grads = new NDList();
        NDList squares = new NDList();
        for (Parameter p : parameters) {
            NDArray array = p.getArray();
            if (array == null || !array.hasGradient()) {
                continue;
            }
            NDArray g = array.getGradient();
            grads.add(g);
            squares.add(g.square().sum());
        }
        if (grads.isEmpty()) {
            return 0;
        }
        double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        squares.close();
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
        grads.close();
        return norm;
    }

    /**
     * Sets every gradient to zero, even one that holds NaN (which multiplying by zero would keep).
     */
    public static void zeroAll(Collection<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray array = p.getArray();
            if (array != null && array.hasGradient()) {
                NDArray g = array.getGradient();
                g.set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
                g.close();
            }
        }
    }

    /** Sets every gradient to zero. */
    public static void zero(Collection<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray array = p.getArray();
            if (array != null && array.hasGradient()) {
                NDArray g = array.getGradient();
                g.muli(0);
                g.close();
            }
        }
    }
}
