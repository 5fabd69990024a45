package kd.teacher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import kd.common.data.Example;
import kd.common.events.DatasetPrepared;
import kd.common.events.RunExperiment;
import kd.common.model.Objective;
import kd.common.model.TrainedModel;
import kd.common.shard.PublishedShard;
import kd.common.shard.Sampled;
import kd.common.shard.ShardHeader;
import kd.common.shard.ShardWriter;
import kd.common.shard.SoftLabels;
import kd.common.shard.TeacherId;
import kd.common.shard.TopK;
import kd.common.store.ObjectStore;
import kd.support.training.ModelTraining;

/**
 * Runs a trained teacher over the transfer set in evaluation mode and writes its logits as
 * soft-label shards. Each shard is complete in the store before {@code onShard} hears of it.
 */
@ApplicationScoped
public class Labeller {

    /** Examples per forward pass; a bound on the memory the logits of one pass take. */
    static final int CHUNK = 256;

    @Inject ObjectStore store;

    public List<PublishedShard> label(
            RunExperiment command,
            ModelTraining.Outcome outcome,
            DatasetPrepared prepared,
            TeacherId teacher,
            List<Example> examples,
            Consumer<PublishedShard> onShard) {
        RunExperiment.DistillationSpec d = command.distillation();
        float temperature = d.temperature().floatValue();
        boolean lm = outcome.config().objective() == Objective.LM;
        int vocabulary = outcome.config().vocabularySize();
        ShardHeader header;
        if (!lm) {
            header =
                    ShardHeader.classification(
                            prepared.datasetId(),
                            prepared.vocabularyHash(),
                            teacher,
                            2,
                            temperature);
        } else {
            header =
                    switch (d.lmScheme()) {
                        case "dense" ->
                                ShardHeader.lmDense(
                                        prepared.datasetId(),
                                        prepared.vocabularyHash(),
                                        teacher,
                                        vocabulary,
                                        temperature);
                        case "sampled" ->
                                ShardHeader.lmSampled(
                                        prepared.datasetId(),
                                        prepared.vocabularyHash(),
                                        teacher,
                                        vocabulary,
                                        d.k(),
                                        temperature);
                        default ->
                                ShardHeader.lmTopK(
                                        prepared.datasetId(),
                                        prepared.vocabularyHash(),
                                        teacher,
                                        vocabulary,
                                        d.k(),
                                        temperature);
                    };
        }
        ShardWriter writer = new ShardWriter(header, d.shardTargetBytes(), store::put, onShard);
        try (TrainedModel model = TrainedModel.load(outcome.config(), outcome.parameters())) {
            for (int from = 0; from < examples.size(); from += CHUNK) {
                List<Example> chunk =
                        examples.subList(from, Math.min(examples.size(), from + CHUNK));
                if (!lm) {
                    float[][] logits = model.classificationLogits(chunk);
                    for (int i = 0; i < chunk.size(); i++) {
                        writer.add(SoftLabels.classification(chunk.get(i).id(), logits[i]));
                    }
                } else {
                    List<int[]> sentences = chunk.stream().map(Example::sentence).toList();
                    float[][][] logits = model.lmLogits(sentences);
                    for (int i = 0; i < chunk.size(); i++) {
                        writer.add(
                                lmLabels(chunk.get(i), logits[i], d, temperature, teacher.seed()));
                    }
                }
            }
        }
        return writer.finish();
    }

    /** One example's LM soft labels: one row per predicting position (sentence length − 1). */
    static SoftLabels lmLabels(
            Example example,
            float[][] logits,
            RunExperiment.DistillationSpec d,
            float temperature,
            int seed) {
        // The model reads at most maxLength tokens, so a longer sentence has fewer rows than
        // predicting positions; the student reads the same cut.
        int positions = Math.min(example.sentence().length - 1, logits.length);
        String id = example.id();
        switch (d.lmScheme()) {
            case "dense" -> {
                List<float[]> rows = new ArrayList<>(positions);
                for (int p = 0; p < positions; p++) {
                    rows.add(logits[p]);
                }
                return SoftLabels.dense(id, rows);
            }
            case "sampled" -> {
                // Seeded by example and teacher seed, so labelling again gives the same shard.
                Random rng = new Random(id.hashCode() * 31L + seed);
                List<Sampled> rows = new ArrayList<>(positions);
                for (int p = 0; p < positions; p++) {
                    rows.add(Sampled.of(logits[p], temperature, d.k(), rng));
                }
                return SoftLabels.sampled(id, rows);
            }
            default -> {
                List<TopK> rows = new ArrayList<>(positions);
                for (int p = 0; p < positions; p++) {
                    rows.add(TopK.of(logits[p], temperature, d.k()));
                }
                return SoftLabels.topK(id, rows);
            }
        }
    }
}
