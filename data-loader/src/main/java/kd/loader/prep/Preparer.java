package kd.loader.prep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kd.common.data.DatasetManifest;
import kd.common.data.DatasetManifest.Source;
import kd.common.data.Example;
import kd.common.data.MinimalPair;
import kd.common.data.PreparedDataset;
import kd.common.data.Vocabulary;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.common.events.RunExperiment.GeneratorSpec;
import kd.common.store.Sha256;
import kd.loader.prep.generate.AgreementGrammar;
import kd.loader.prep.generate.Lexicon;
import kd.loader.prep.source.AgreementItem;
import kd.loader.prep.source.BlimpReader;
import kd.loader.prep.source.ConlluReader;
import kd.loader.prep.source.LinzenTsvReader;
import kd.loader.prep.source.NumpredReader;
import kd.loader.prep.source.Rejections;
import kd.loader.prep.source.SourceFile;
import kd.loader.prep.source.TextPair;
import kd.loader.prep.vocab.Encoder;
import kd.loader.prep.vocab.VerbPairs;
import kd.loader.prep.vocab.VocabularyBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a dataset from a {@link DatasetSpec}: reads the sources, shuffles with the seed, keeps
 * at most {@code maxItems}, splits, builds the vocabulary from the train split, encodes every item
 * and reads the extra test sets.
 *
 * <p>Files are named relative to the data roots (the first root holding the file wins) or by an
 * absolute path inside one of them; a path that leaves the roots, also through a symbolic link, is
 * refused. Split sizes are ⌊n·p_train⌋ and ⌊n·p_validation⌋, the test split takes the rest. An
 * extra test set is read by its file name: {@code .jsonl} as BLiMP minimal pairs, {@code .conllu}
 * as CoNLL-U, {@code .tsv} as Linzen's table, {@code numpred*} as numpred, anything else in the
 * dataset's own format; it is neither shuffled nor cut.
 *
 * <p>The dataset id is the SHA-256 of a text listing the preparation version, the format, each
 * source (role, file name, SHA-256 of its bytes) and every parameter with defaults filled in, so
 * the same sources and parameters give the same id wherever the files lie.
 */
public final class Preparer {

    public static final String CLASSIFICATION = "classification";
    public static final String LM = "lm";

    public static final int DEFAULT_SEED = 1;
    public static final List<Double> DEFAULT_SPLIT = List.of(0.8, 0.1, 0.1);
    public static final GeneratorSpec DEFAULT_GENERATOR = new GeneratorSpec(10_000, 4, 16);

    /** Bumped whenever a change here changes the prepared bytes, so that ids change with it. */
    static final String PREPARATION_VERSION = "1";

    private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);
    private static final Pattern SET_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> FORMATS =
            Set.of("generated", "numpred", "linzen-tsv", "conllu");

    private final List<Path> roots;

    /**
     * @param dataRoots the only folders input files may be read from
     */
    public Preparer(List<Path> dataRoots) {
        if (dataRoots.isEmpty()) {
            throw new IllegalArgumentException("at least one data root is needed");
        }
        this.roots = dataRoots.stream().map(Preparer::canonical).toList();
    }

    /**
     * Prepares the dataset {@code spec} for {@code setup}.
     *
     * @param setup {@link #CLASSIFICATION} or {@link #LM}; it decides which words the vocabulary
     *     counts (prefixes or whole sentences)
     * @throws PreparationException when a file is missing, unreadable or outside the data roots, a
     *     setting is invalid, or no item is left
     */
    public PreparedDataset prepare(DatasetSpec spec, String setup) {
        long started = System.nanoTime();
        Settings settings = Settings.of(spec, setup);
        LOG.info(
                "preparing {} dataset for {} from {} files",
                settings.format,
                setup,
                settings.train.size());

        // Read every input first, so that nothing is prepared from a partial set of sources.
        List<SourceFile> trainFiles = settings.train.stream().map(this::open).toList();
        Map<String, SourceFile> testFiles = new TreeMap<>();
        settings.testSets.forEach((name, file) -> testFiles.put(name, open(file)));
        List<Source> sources = new ArrayList<>();
        trainFiles.forEach(f -> sources.add(new Source("train", f.name(), f.sha256())));
        testFiles.forEach((name, f) -> sources.add(new Source(name, f.name(), f.sha256())));
        checkDistinctNames(sources);
        String id = datasetId(settings, sources);

        // The split files: read, shuffle, cut, split.
        Rejections rejections = new Rejections();
        List<AgreementItem> items = new ArrayList<>();
        if (settings.format.equals("generated")) {
            GeneratorSpec g = settings.generator;
            items.addAll(
                    new AgreementGrammar(Lexicon.english(), settings.seed)
                            .generate(g.items(), g.maxAttractors(), g.maxDistance()));
        }
        for (SourceFile file : trainFiles) {
            items.addAll(read(settings.format, file, rejections));
        }
        if (items.isEmpty()) {
            throw new PreparationException(
                    "no usable item in "
                            + trainFiles.stream()
                                    .map(SourceFile::name)
                                    .collect(Collectors.joining(", ")));
        }
        Collections.shuffle(items, new Random(settings.seed));
        if (settings.maxItems != null && items.size() > settings.maxItems) {
            items = new ArrayList<>(items.subList(0, settings.maxItems));
        }
        Map<String, List<AgreementItem>> split = split(items, settings.split);

        // The extra test sets, in name order.
        Map<String, List<TextPair>> pairSets = new TreeMap<>();
        for (Map.Entry<String, SourceFile> e : testFiles.entrySet()) {
            SourceFile file = e.getValue();
            List<?> read;
            if (file.name().endsWith(".jsonl") || file.name().endsWith(".jsonl.gz")) {
                List<TextPair> pairs = BlimpReader.read(file, rejections);
                pairSets.put(e.getKey(), pairs);
                read = pairs;
            } else {
                List<AgreementItem> set =
                        read(testSetFormat(file.name(), settings.format), file, rejections);
                split.put(e.getKey(), set);
                read = set;
            }
            if (read.isEmpty()) {
                throw new PreparationException(
                        "no usable item in test set " + e.getKey() + " (" + file.name() + ")");
            }
        }

        // Vocabulary from the train split only, then every item in ids.
        List<AgreementItem> train = split.get(PreparedDataset.TRAIN);
        Map<String, String> verbPairs =
                settings.format.equals("generated")
                        ? Lexicon.english().verbPairs()
                        : VerbPairs.fromItems(train);
        Vocabulary vocabulary =
                VocabularyBuilder.build(
                        train, settings.setup.equals(LM), settings.vocabularySize, verbPairs);
        Encoder encoder = new Encoder(vocabulary);
        Map<String, List<Example>> splits = new LinkedHashMap<>();
        split.forEach((name, set) -> splits.put(name, set.stream().map(encoder::example).toList()));
        Map<String, List<MinimalPair>> minimalPairs = new LinkedHashMap<>();
        pairSets.forEach(
                (name, set) -> minimalPairs.put(name, set.stream().map(encoder::pair).toList()));

        DatasetManifest manifest =
                new DatasetManifest(
                        id,
                        settings.format,
                        sources,
                        settings.parameters(),
                        counts(splits),
                        histogram(splits, true),
                        histogram(splits, false),
                        sizes(minimalPairs),
                        vocabulary.size(),
                        rejections.lines());
        LOG.info(
                "prepared dataset {}: train {}, validation {}, test {} items, {} extra sets,"
                        + " vocabulary {}, {} rejected lines, {} s",
                id,
                splits.get(PreparedDataset.TRAIN).size(),
                splits.get(PreparedDataset.VALIDATION).size(),
                splits.get(PreparedDataset.TEST).size(),
                testFiles.size(),
                vocabulary.size(),
                rejections.count(),
                String.format(Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9));
        return new PreparedDataset(id, vocabulary, splits, minimalPairs, manifest);
    }

    private static List<AgreementItem> read(String format, SourceFile file, Rejections rejections) {
        int before = rejections.count();
        List<AgreementItem> items =
                switch (format) {
                    case "numpred" -> NumpredReader.read(file, rejections);
                    case "linzen-tsv" -> LinzenTsvReader.read(file, rejections);
                    case "conllu" -> ConlluReader.read(file, rejections);
                    default ->
                            throw new PreparationException(
                                    "format " + format + " reads no files: " + file.name());
                };
        if (rejections.count() > before) {
            LOG.warn(
                    "{}: {} malformed lines left out, first: line {}",
                    file.name(),
                    rejections.count() - before,
                    rejections.lines().get(before).line());
        }
        return items;
    }

    private static String testSetFormat(String name, String datasetFormat) {
        String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (plain.endsWith(".conllu")) {
            return "conllu";
        } else if (plain.endsWith(".tsv")) {
            return "linzen-tsv";
        } else if (plain.startsWith("numpred")) {
            return "numpred";
        }
        return datasetFormat;
    }

    private static Map<String, List<AgreementItem>> split(
            List<AgreementItem> items, List<Double> proportions) {
        int n = items.size();
        int train = (int) Math.floor(n * proportions.get(0));
        int validation = (int) Math.floor(n * proportions.get(1));
        Map<String, List<AgreementItem>> split = new LinkedHashMap<>();
        split.put(PreparedDataset.TRAIN, items.subList(0, train));
        split.put(PreparedDataset.VALIDATION, items.subList(train, train + validation));
        split.put(PreparedDataset.TEST, items.subList(train + validation, n));
        if (train == 0) {
            throw new PreparationException(
                    "the train split is empty: " + n + " items, proportion " + proportions.get(0));
        }
        return split;
    }

    private SourceFile open(String file) {
        Path given = Path.of(file);
        if (!given.isAbsolute()) {
            // A relative path is read as the command line reads it, from the working folder,
            // when that lands inside the roots; otherwise against each root.
            Path here = given.toAbsolutePath().normalize();
            if (Files.exists(here) && insideRoots(canonical(here))) {
                return SourceFile.read(here);
            }
        }
        List<Path> candidates =
                given.isAbsolute()
                        ? List.of(given)
                        : roots.stream().map(r -> r.resolve(given)).toList();
        for (Path candidate : candidates) {
            Path normal = candidate.toAbsolutePath().normalize();
            boolean exists = Files.exists(normal);
            if (!insideRoots(exists ? canonical(normal) : normal)) {
                throw new PreparationException("input file outside the data roots: " + file);
            }
            if (exists) {
                return SourceFile.read(normal);
            }
        }
        throw new PreparationException("input file not found: " + file);
    }

    private boolean insideRoots(Path path) {
        return roots.stream().anyMatch(path::startsWith);
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static void checkDistinctNames(List<Source> sources) {
        Set<String> names = new HashSet<>();
        for (Source s : sources) {
            if (!names.add(s.name())) {
                // Example ids are built from file names, so two files of one name would clash.
                throw new PreparationException("two input files share the name " + s.name());
            }
        }
    }

    private static String datasetId(Settings settings, List<Source> sources) {
        StringBuilder text = new StringBuilder("kd-dataset\n");
        text.append("format=").append(settings.format).append('\n');
        for (Source s : sources) {
            text.append("source=")
                    .append(s.role())
                    .append(' ')
                    .append(s.name())
                    .append(' ')
                    .append(s.sha256())
                    .append('\n');
        }
        settings.parameters()
                .forEach(
                        (k, v) ->
                                text.append("param ").append(k).append('=').append(v).append('\n'));
        return Sha256.of(text.toString());
    }

    private static SortedMap<String, SortedMap<String, Integer>> counts(
            Map<String, List<Example>> splits) {
        SortedMap<String, SortedMap<String, Integer>> counts = new TreeMap<>();
        splits.forEach(
                (name, examples) -> {
                    SortedMap<String, Integer> labels = new TreeMap<>();
                    labels.put("singular", 0);
                    labels.put("plural", 0);
                    for (Example e : examples) {
                        labels.merge(
                                e.label() == Example.SINGULAR ? "singular" : "plural",
                                1,
                                Integer::sum);
                    }
                    counts.put(name, labels);
                });
        return counts;
    }

    private static SortedMap<String, SortedMap<Integer, Integer>> histogram(
            Map<String, List<Example>> splits, boolean distance) {
        SortedMap<String, SortedMap<Integer, Integer>> histogram = new TreeMap<>();
        splits.forEach(
                (name, examples) -> {
                    SortedMap<Integer, Integer> bins = new TreeMap<>();
                    for (Example e : examples) {
                        bins.merge(distance ? e.distance() : e.attractors(), 1, Integer::sum);
                    }
                    histogram.put(name, bins);
                });
        return histogram;
    }

    private static SortedMap<String, Integer> sizes(Map<String, List<MinimalPair>> sets) {
        SortedMap<String, Integer> sizes = new TreeMap<>();
        sets.forEach((name, pairs) -> sizes.put(name, pairs.size()));
        return sizes;
    }

    /** The spec with defaults filled in and checked. */
    private record Settings(
            String format,
            String setup,
            List<String> train,
            Map<String, String> testSets,
            List<Double> split,
            int seed,
            Integer vocabularySize,
            Integer maxItems,
            GeneratorSpec generator) {

        static Settings of(DatasetSpec spec, String setup) {
            if (spec == null || spec.format() == null || !FORMATS.contains(spec.format())) {
                throw new PreparationException(
                        "dataset format must be one of "
                                + new TreeSet<>(FORMATS)
                                + ", got "
                                + (spec == null ? null : spec.format()));
            }
            String format = spec.format();
            if (!CLASSIFICATION.equals(setup) && !LM.equals(setup)) {
                throw new PreparationException("setup must be classification or lm, got " + setup);
            }
            if (LM.equals(setup) && format.equals("numpred")) {
                throw new PreparationException(
                        "numpred holds only prefixes, the lm setup needs whole sentences");
            }
            List<String> train = spec.train() == null ? List.of() : List.copyOf(spec.train());
            if (format.equals("generated") != train.isEmpty()) {
                throw new PreparationException(
                        format.equals("generated")
                                ? "a generated dataset reads no train files"
                                : "dataset format " + format + " needs at least one train file");
            }
            Map<String, String> testSets =
                    spec.testSets() == null ? Map.of() : new TreeMap<>(spec.testSets());
            for (String name : testSets.keySet()) {
                if (!SET_NAME.matcher(name).matches()
                        || name.equals(PreparedDataset.TRAIN)
                        || name.equals(PreparedDataset.VALIDATION)
                        || name.equals(PreparedDataset.TEST)) {
                    throw new PreparationException("test set name not allowed: '" + name + "'");
                }
            }
            List<Double> split = spec.split() == null ? DEFAULT_SPLIT : List.copyOf(spec.split());
            double sum = split.stream().mapToDouble(Double::doubleValue).sum();
            if (split.size() != 3
                    || split.stream().anyMatch(p -> p < 0)
                    || Math.abs(sum - 1) > 1e-9) {
                throw new PreparationException(
                        "split needs three non-negative proportions summing to 1, got " + split);
            }
            if (spec.maxItems() != null && spec.maxItems() < 1) {
                throw new PreparationException("maxItems must be at least 1");
            }
            GeneratorSpec g = null;
            if (format.equals("generated")) {
                GeneratorSpec given = spec.generator();
                g =
                        new GeneratorSpec(
                                given == null || given.items() == null
                                        ? DEFAULT_GENERATOR.items()
                                        : given.items(),
                                given == null || given.maxAttractors() == null
                                        ? DEFAULT_GENERATOR.maxAttractors()
                                        : given.maxAttractors(),
                                given == null || given.maxDistance() == null
                                        ? DEFAULT_GENERATOR.maxDistance()
                                        : given.maxDistance());
            }
            return new Settings(
                    format,
                    setup,
                    train,
                    testSets,
                    split,
                    spec.seed() == null ? DEFAULT_SEED : spec.seed(),
                    spec.vocabularySize(),
                    spec.maxItems(),
                    g);
        }

        /** Every parameter, as text, for the manifest and the dataset id. */
        SortedMap<String, String> parameters() {
            SortedMap<String, String> p = new TreeMap<>();
            p.put("preparation", PREPARATION_VERSION);
            p.put("setup", setup);
            p.put("seed", Integer.toString(seed));
            p.put(
                    "split",
                    split.stream().map(d -> Double.toString(d)).collect(Collectors.joining(",")));
            p.put("vocabularySize", vocabularySize == null ? "all" : vocabularySize.toString());
            p.put("maxItems", maxItems == null ? "all" : maxItems.toString());
            if (generator != null) {
                p.put("generator.items", generator.items().toString());
                p.put("generator.maxAttractors", generator.maxAttractors().toString());
                p.put("generator.maxDistance", generator.maxDistance().toString());
            }
            return p;
        }
    }
}
