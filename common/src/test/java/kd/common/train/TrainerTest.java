package kd.common.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kd.common.data.Example;
import kd.common.model.Batch;
import kd.common.model.ModelConfig;
import kd.common.model.Objective;
import kd.common.model.TrainedModel;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final List<Example> TRAIN = AgreementTask.generate(300, 11);
    private static final List<Example> VALID = AgreementTask.generate(100, 12);

    private static ModelConfig config(String name, Objective objective, double dropout) {
        return ModelConfig.resolve(
                name, "demo", Map.of("dropout", dropout), objective, AgreementTask.VOCABULARY);
    }

    /** Global gradient norm after one backward pass of the classification loss. */
    private static double gradientNorm(
            TrainedModel m, List<Example> batch, float[][] teacher, DistillationLoss loss) {
        var params = m.block().getParameters().values();
        GradientClipping.zero(params);
        try (NDManager sub = m.manager().newSubManager()) {
            NDArray labels = sub.create(batch.stream().mapToLong(Example::label).toArray());
            float[] flat = new float[batch.size() * 2];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(teacher[i], 0, flat, 2 * i, 2);
            }
            NDArray t = sub.create(flat, new ai.djl.ndarray.types.Shape(batch.size(), 2));
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDList out =
                        m.block()
                                .forward(
                                        new ParameterStore(sub, false),
                                        Batch.classification(batch, m.config()).inputs(sub),
                                        true);
                c.backward(loss.classification(out.get(0), t, labels));
            }
        }
        return GradientClipping.clipGlobalNorm(params, 0);
    }

    @Test
    void softLossGradientReachesEveryParameterAndVanishesWhenStudentEqualsTeacher() {
        List<Example> batch = TRAIN.subList(0, 16);
        Engine.getInstance().setRandomSeed(3);
        try (TrainedModel m =
                TrainedModel.create(config("transformer-seq", Objective.CLASSIFICATION, 0), null)) {
            float[][] own = m.classificationLogits(batch);

            float[][] other = new float[batch.size()][];
            for (int i = 0; i < other.length; i++) {
                other[i] = new float[] {own[i][1], own[i][0] + 1};
            }
            double moved = gradientNorm(m, batch, other, new DistillationLoss(2, 1));
            assertTrue(moved > 1e-3, "gradient norm with another teacher was " + moved);
            // r = 1 and the teacher's logits are the student's own: p = q, so the soft
            // cross-entropy (like the KL divergence) is at its minimum and its gradient p − q is
            // zero up to float32 rounding of softmax against exp(log-softmax), here about 2e-6
            // against a norm near 1 for another teacher.
            double atOptimum = gradientNorm(m, batch, own, new DistillationLoss(2, 1));
            assertTrue(atOptimum < 1e-4 * moved, "gradient norm at p = q was " + atOptimum);
            gradientNorm(m, batch, other, new DistillationLoss(2, 1));
            for (Parameter p : m.block().getParameters().values()) {
                if (p.getName().equals("positions")) {
                    continue; // rows past the longest input get no gradient by design
                }
                double norm = p.getArray().getGradient().norm().getFloat();
                assertTrue(norm > 0, p.getName() + " received no gradient");
            }
        }
    }

    @Test
    void clippingScalesTheGlobalNormDownToTheLimit() {
        List<Example> batch = TRAIN.subList(0, 16);
        Engine.getInstance().setRandomSeed(3);
        try (TrainedModel m =
                TrainedModel.create(config("lstm", Objective.CLASSIFICATION, 0), null)) {
            float[][] teacher = new float[16][];
            for (int i = 0; i < 16; i++) {
                teacher[i] = new float[] {5, -5};
            }
            double before = gradientNorm(m, batch, teacher, new DistillationLoss(1, 0.5));
            var params = m.block().getParameters().values();
            double limit = before / 4;
            GradientClipping.clipGlobalNorm(params, limit);
            assertEquals(limit, GradientClipping.clipGlobalNorm(params, 0), limit * 1e-4);
        }
    }

    @Test
    void lmLossIgnoresExtraPadding() {
        Engine.getInstance().setRandomSeed(5);
        ModelConfig c = config("transformer-seq", Objective.LM, 0);
        try (TrainedModel m = TrainedModel.create(c, null);
                NDManager sub = m.manager().newSubManager()) {
            Batch tight = Batch.lm(List.of(TRAIN.get(0).sentence(), TRAIN.get(1).sentence()), c);
            int[][] wide = new int[2][tight.width() + 6];
            int[][] wideTargets = new int[2][tight.width() + 6];
            for (int i = 0; i < 2; i++) {
                System.arraycopy(tight.tokens()[i], 0, wide[i], 0, tight.width());
                System.arraycopy(tight.targets()[i], 0, wideTargets[i], 0, tight.width());
            }
            Batch loose = new Batch(wide, tight.lengths(), wideTargets);
            DistillationLoss loss = new DistillationLoss(1, 0);
            float a = lmLoss(m, sub, tight, loss);
            float b = lmLoss(m, sub, loose, loss);
            assertEquals(a, b, 1e-5);
        }
    }

    private static float lmLoss(TrainedModel m, NDManager sub, Batch b, DistillationLoss loss) {
        NDArray logits = m.forward(sub, b).get(0);
        return loss.lm(logits, null, b.targetArray(sub), b.mask(sub)).getFloat();
    }

    @Test
    void sameSeedSameNumbersAndResumeContinuesTheEpochCounter() {
        ModelConfig c = config("small-transformer", Objective.CLASSIFICATION, 0.1);
        TrainConfig two = TrainConfig.defaults().withEpochs(2).withBatchSize(32).withSeed(42);
        CheckpointStore store = CheckpointStore.inMemory();
        Trainer trainer = new Trainer();

        List<Double> first;
        try (TrainingResult a =
                trainer.train(c, two, TRAIN, VALID, null, store, TrainingListener.none())) {
            first = a.trainLoss();
            assertEquals(0, a.resumedFromEpoch());
        }
        try (TrainingResult again =
                trainer.train(
                        c,
                        two,
                        TRAIN,
                        VALID,
                        null,
                        CheckpointStore.none(),
                        TrainingListener.none())) {
            assertEquals(first, again.trainLoss());
        }

        List<Integer> epochsHeard = new java.util.ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void onEpoch(Epoch epoch) {
                        epochsHeard.add(epoch.epoch());
                    }
                };
        try (TrainingResult resumed =
                trainer.train(c, two.withEpochs(3), TRAIN, VALID, null, store, listener)) {
            assertEquals(2, resumed.resumedFromEpoch());
            assertEquals(3, resumed.epochs());
            assertEquals(List.of(3), epochsHeard);
            assertEquals(first, resumed.trainLoss().subList(0, 2));
            assertEquals(3, resumed.validationAccuracy().size());
        }
    }

    @Test
    void distilledLmTrainingAcceptsEachSoftTargetScheme() {
        ModelConfig c = config("transformer-seq", Objective.LM, 0);
        List<Example> train = TRAIN.subList(0, 40);
        Map<String, SoftTargets.LmTargets> dense = new HashMap<>();
        Map<String, SoftTargets.LmTargets> topK = new HashMap<>();
        Map<String, SoftTargets.LmTargets> sampled = new HashMap<>();
        for (Example e : train) {
            int n = e.sentence().length - 1;
            int v = AgreementTask.VOCABULARY;
            float[] logits = new float[n * v];
            int[] ids = new int[n * 2];
            float[] kept = new float[n * 2];
            float[] tail = new float[n];
            for (int i = 0; i < n; i++) {
                int next = e.sentence()[i + 1];
                logits[i * v + next] = 3;
                ids[2 * i] = next;
                ids[2 * i + 1] = (next + 1) % v;
                kept[2 * i] = 3;
                tail[i] = -1;
            }
            dense.put(e.id(), SoftTargets.LmTargets.dense(n, v, logits));
            topK.put(e.id(), SoftTargets.LmTargets.topK(n, 2, ids, kept, tail));
            sampled.put(e.id(), SoftTargets.LmTargets.sampled(n, 2, ids, kept));
        }
        TrainConfig t =
                TrainConfig.defaults().withEpochs(1).withBatchSize(16).withDistillation(2, 0.5);
        for (var targets :
                List.of(dense, topK, sampled, dense, topK, sampled, dense, topK, sampled)) {
            try (TrainingResult r =
                    new Trainer()
                            .train(
                                    c,
                                    t,
                                    train,
                                    VALID.subList(0, 20),
                                    SoftTargets.ofLm(targets),
                                    CheckpointStore.none(),
                                    TrainingListener.none())) {
                System.out.println(
                        "scheme "
                                + targets.values().iterator().next().scheme()
                                + " loss "
                                + r.trainLoss()
                                + " "
                                + r.validationLoss());
            }
        }
    }

    @Test
    void askingForAGpuWithoutOneIsAnError() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0);
        assertThrows(IllegalStateException.class, () -> Devices.select("gpu"));
        assertEquals(ai.djl.Device.cpu(), Devices.select("auto"));
    }

    @Test
    void learningRateWarmsUpLinearlyThenDecaysOncePerEpoch() {
        TrainConfig t = new TrainConfig(3, 8, 0.01, 4, 0.5, 1, false, 1, 1, 1, 1, "cpu", 10);
        // step 0: 0.01 · 1/4 · 0.5^(0/10) = 0.0025; step 9: 0.01 · 1 · 0.5^0.9 = 0.005358867...;
        // step 20: 0.01 · 0.5^2 = 0.0025
        assertEquals(0.0025, t.learningRateAt(0, 10), 1e-12);
        assertEquals(0.01 * Math.pow(0.5, 0.9), t.learningRateAt(9, 10), 1e-12);
        assertEquals(0.0025, t.learningRateAt(20, 10), 1e-12);
    }
}
