package kd.loader.prep.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kd.common.data.DatasetCodec;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.loader.prep.Preparer;

/**
 * Throughput of preparation on numpred.test.1 (52,599 lines): read, shuffle, split, vocabulary,
 * encode to ids, and encode the splits to bytes. Three warm-up rounds, then seven timed rounds;
 * prints the median and the best in items per second.
 *
 * <p>Run after {@code mvn -pl data-loader -am test-compile}, with the test class path:
 *
 * <pre>
 * java -cp data-loader/target/test-classes:data-loader/target/classes:common/target/classes:DEPS \
 *     -Dkd.shared.dir=../shared kd.loader.prep.bench.PrepareBenchmark
 * </pre>
 *
 * where DEPS is what {@code mvn -pl data-loader dependency:build-classpath} prints.
 */
public final class PrepareBenchmark {

    private PrepareBenchmark() {}

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("kd.shared.dir"), "data", "agreement");
        Preparer preparer = new Preparer(List.of(root));
        DatasetSpec spec =
                new DatasetSpec(
                        "numpred",
                        List.of("linzen-numpred/numpred.test.1"),
                        null,
                        List.of(0.8, 0.1, 0.1),
                        1,
                        10_000,
                        null,
                        null);

        int warmup = 3;
        int rounds = 7;
        double[] rates = new double[rounds];
        int items = 0;
        long bytes = 0;
        for (int r = -warmup; r < rounds; r++) {
            long start = System.nanoTime();
            PreparedDataset d = preparer.prepare(spec, Preparer.CLASSIFICATION);
            items = 0;
            bytes = 0;
            for (List<Example> split : d.splits().values()) {
                items += split.size();
                bytes += DatasetCodec.encodeExamples(split).length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (r >= 0) {
                rates[r] = items / seconds;
            }
        }
        Arrays.sort(rates);
        System.out.printf(
                Locale.ROOT,
                "numpred.test.1: %d items, %d encoded bytes; median %.0f items/s, best %.0f"
                        + " items/s over %d rounds (%d warm-up), %d available cores%n",
                items,
                bytes,
                rates[rounds / 2],
                rates[rounds - 1],
                rounds,
                warmup,
                Runtime.getRuntime().availableProcessors());
    }
}
