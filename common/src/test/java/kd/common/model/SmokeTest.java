package kd.common.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() {
        Engine.getInstance().setRandomSeed(1);
        for (String name : ModelConfig.MODEL_NAMES) {
            for (Objective o : Objective.values()) {
                ModelConfig c = ModelConfig.resolve(name, "demo", Map.of(), o, 50);
                try (NDManager m = NDManager.newBaseManager()) {
                    SequenceModel model = new SequenceModel(c);
                    model.initialize(m);
                    Batch b = Batch.lm(List.of(new int[] {2, 7, 8, 9, 3}, new int[] {2, 5, 3}), c);
                    NDList out = model.forward(new ParameterStore(m, false), b.inputs(m), false);
                    System.out.println(
                            name
                                    + " "
                                    + o
                                    + " "
                                    + out.get(0).getShape()
                                    + " "
                                    + out.get(1).getShape()
                                    + " params "
                                    + model.parameterCount());
                }
            }
        }
    }
}
