package kd.common.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;

/** Parameter factories with their initialisers fixed here, so no trainer setting overrides them. */
final class Params {

    /** Standard deviation of embedding and position initialisation (as in GPT-2 style models). */
    static final float EMBEDDING_SIGMA = 0.02f;

    private Params() {}

    /** A dense weight [out, in] with Xavier (Glorot) uniform initialisation. */
    static Parameter dense(String name, long out, long in) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in))
                .optInitializer(new XavierInitializer())
                .build();
    }

    static Parameter bias(String name, long size) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(size))
                .optInitializer(Initializer.ZEROS)
                .build();
    }

    static Parameter table(String name, long rows, long width) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, width))
                .optInitializer(new NormalInitializer(EMBEDDING_SIGMA))
                .build();
    }

    static Parameter gamma(String name, long size) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(size))
                .optInitializer(Initializer.ONES)
                .build();
    }

    static Parameter beta(String name, long size) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BETA)
                .optShape(new Shape(size))
                .optInitializer(Initializer.ZEROS)
                .build();
    }
}
