package kd.evaluator.service;

import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.events.EventMeta;
import kd.common.events.ModelEvaluated;
import kd.common.events.ModelId;
import kd.common.events.RunCompleted;
import kd.common.events.RunExperiment;
import kd.common.events.RunPlan;
import kd.common.json.Json;
import kd.common.metrics.CalibrationSettings;
import kd.common.metrics.ClassicalMds;
import kd.common.metrics.MdsPoint;
import kd.common.metrics.RepresentationSimilarity;
import kd.common.model.ModelConfig;
import kd.common.model.TrainedModel;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;
import kd.evaluator.report.ReportRenderer;
import kd.evaluator.report.ResultTable;
import kd.support.DatasetCache;
import kd.support.EventPublisher;
import kd.support.Metrics;
import kd.support.training.GaugeBoard;
import kd.support.training.ModelTraining;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates trained models, keeps every result in the store under {@code runs/<run>/evaluations/},
 * and writes the run's report once every model the command names has been evaluated.
 */
@ApplicationScoped
public class Evaluations {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);

    @Inject ObjectStore store;
    @Inject DatasetCache datasets;
    @Inject EventPublisher publisher;
    @Inject GaugeBoard gauges;

    public void evaluate(ModelId id, ObjectRef checkpoint, String runId) {
        long started = System.nanoTime();
        DatasetPrepared prepared = datasets.prepared(runId);
        RunExperiment command = prepared.command();
        PreparedDataset data = datasets.get(prepared);
        RunExperiment.EvaluationSpec e = command.evaluation();
        CalibrationSettings settings =
                new CalibrationSettings(e.eceBins(), e.eceScheme(), e.eceNorm(), e.eceScope());
        ModelConfig config =
                Json.read(
                        store.get(ModelTraining.modelKey(runId, id, "config.json")),
                        ModelConfig.class);

        List<TestSetEvaluator.Scores> scores;
        try (TrainedModel model = TrainedModel.load(config, store.get(checkpoint))) {
            scores = TestSetEvaluator.evaluate(model, data, settings);
            List<Example> validation = data.splits().get(PreparedDataset.VALIDATION);
            List<Example> sample =
                    validation.subList(0, Math.min(e.similarityItems(), validation.size()));
            store.put(representationKey(runId, id), encode(model.representations(sample)));
        }

        for (TestSetEvaluator.Scores s : scores) {
            ModelEvaluated event =
                    new ModelEvaluated(
                            EventMeta.of(runId, runId + "." + id.key() + ".eval." + s.testSet()),
                            id,
                            s.testSet(),
                            s.accuracy(),
                            s.calibration(),
                            s.perplexity(),
                            s.excluded());
            store.put(
                    ObjectKeys.run(runId, "evaluations/" + id.key() + "/" + s.testSet() + ".json"),
                    Json.writeBytes(event));
            publisher.publish(event);
            Tags tags = Tags.of("run", runId, "model", id.key(), "test_set", s.testSet());
            gauges.set(Metrics.EVAL_ACCURACY, tags, s.accuracy().micro());
            if (s.calibration() != null) {
                gauges.set(Metrics.EVAL_ECE, tags, s.calibration().ece());
            }
            if (s.perplexity() != null) {
                gauges.set(Metrics.EVAL_PERPLEXITY, tags, s.perplexity());
            }
        }
        LOG.info(
                "run {}: evaluated {} on {} test sets in {} s",
                runId,
                id.key(),
                scores.size(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        completeIfReady(command);
    }

    /** Writes the report and announces the run complete, once, when every model is in. */
    synchronized void completeIfReady(RunExperiment command) {
        String runId = command.runId();
        String completedKey = ObjectKeys.run(runId, "completed.json");
        if (store.exists(completedKey)) {
            return;
        }
        List<ModelId> expected = RunPlan.models(command);
        String prefix = ObjectKeys.run(runId, "evaluations") + "/";
        Set<String> evaluated = new TreeSet<>();
        List<String> keys = store.list(prefix);
        for (String key : keys) {
            evaluated.add(key.substring(prefix.length(), key.indexOf('/', prefix.length())));
        }
        long missing = expected.stream().filter(m -> !evaluated.contains(m.key())).count();
        if (missing > 0) {
            LOG.info(
                    "run {}: {} of {} models evaluated",
                    runId,
                    expected.size() - missing,
                    expected.size());
            return;
        }

        List<ModelEvaluated> evaluations = new ArrayList<>();
        for (String key : keys) {
            evaluations.add(Json.read(store.get(key), ModelEvaluated.class));
        }
        List<RunCompleted.ResultRow> table = ResultTable.of(evaluations);
        Map<String, byte[]> files =
                ReportRenderer.render(runId, evaluations, table, layout(runId, expected));
        ObjectRef report = null;
        Map<String, ObjectRef> charts = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            ObjectRef ref =
                    store.put(ObjectKeys.run(runId, "report/" + file.getKey()), file.getValue());
            if (file.getKey().equals(ReportRenderer.REPORT)) {
                report = ref;
            } else {
                charts.put(file.getKey(), ref);
            }
        }
        publisher.publish(
                new RunCompleted(EventMeta.of(runId, runId + ".completed"), table, report, charts));
        store.put(completedKey, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        LOG.info("run {}: complete; report at {}", runId, report.key());
    }

    /** MDS of the models' representation similarity; null when it cannot be computed. */
    private List<MdsPoint> layout(String runId, List<ModelId> models) {
        Map<String, float[][]> byModel = new LinkedHashMap<>();
        for (ModelId m : models) {
            byModel.put(
                    m.variant() + " s" + m.seed(), decode(store.get(representationKey(runId, m))));
        }
        try {
            return ClassicalMds.layout(RepresentationSimilarity.compare(byModel));
        } catch (IllegalArgumentException e) {
            LOG.warn("run {}: no representation similarity: {}", runId, e.getMessage());
            return null;
        }
    }

    static String representationKey(String runId, ModelId id) {
        return ObjectKeys.run(runId, "representations/" + id.key() + ".bin");
    }

    static byte[] encode(float[][] rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(rows.length);
            out.writeInt(rows.length == 0 ? 0 : rows[0].length);
            for (float[] row : rows) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static float[][] decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            float[][] rows = new float[in.readInt()][];
            int width = in.readInt();
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new float[width];
                for (int j = 0; j < width; j++) {
                    rows[i][j] = in.readFloat();
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
