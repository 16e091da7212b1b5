package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key table is the only list of settings, so it must be whole: every key documented, in the
 * README, reading back what it prints, and flagged as path-changing exactly where checkpoints
 * need it.
 */
class ConfigKeysTest {

    /** The keys whose change makes a checkpoint unresumable, as {@code Checkpoints.TRAJECTORY_KEYS} listed them. */
    private static final List<String> TRAJECTORY_KEYS = List.of("network", "train", "format", "label-column",
            "scaling", "batch-size", "learning-rate", "lambda", "init", "init-bias", "seed", "partitions", "optimizer",
            "momentum", "beta1", "beta2", "epsilon", "schedule", "warmup", "clip-norm", "l1", "dropout",
            "validation-fraction", "fixed-biases", "initial-model", "precision");

    @Test
    void everyKeyHasHelpAndADefaultOrIsRequiredOrMayStayUnset() {
        Set<String> unset = new TreeSet<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertTrue(key.name().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), key + ": not a kebab-case name");
            assertFalse(key.label().isBlank(), key + ": no help label");
            assertTrue(key.help().endsWith("."), key + ": help is not a sentence: " + key.help());
            assertFalse(key.isRequired() && key.defaultText() != null, key + ": required but has a default");
            if (!key.isRequired() && key.defaultText() == null) {
                unset.add(key.name());
            }
        }
        assertEquals(Set.of("test", "validation", "label-column", "init-bias", "master", "checkpoint-dir", "resume",
                        "initial-model"),
                unset, "keys that may stay unset: their help and the README say what unset means");
    }

    @Test
    void sparkMlNamesAreUniqueIdentifiers() {
        Set<String> seen = new HashSet<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertTrue(key.sparkMlName().matches("[a-z][A-Za-z0-9]*"), key + ": " + key.sparkMlName());
            assertTrue(seen.add(key.sparkMlName()), key + ": Spark ML name used twice: " + key.sparkMlName());
        }
        assertEquals("stepSize", ConfigKeys.LEARNING_RATE.sparkMlName());
        assertEquals("maxIter", ConfigKeys.EPOCHS.sparkMlName());
        assertEquals("regParam", ConfigKeys.LAMBDA.sparkMlName());
        assertEquals("earlyStoppingMinDelta", ConfigKeys.EARLY_STOPPING_MIN_DELTA.sparkMlName(), "camel case otherwise");
    }

    /** MLPC's defaults (Spark 3.5's {@code MultilayerPerceptronClassifier}) for its Params; the table's elsewhere. */
    @Test
    void sparkMlDefaultsAreMlpcsForMlpcsParams() {
        Map<String, String> differing = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (!Objects.equals(key.sparkMlDefaultText(), key.defaultText())) {
                key.parse(key.sparkMlDefaultText());
                differing.put(key.sparkMlName(), key.sparkMlDefaultText());
            }
        }
        assertEquals(Map.of("maxIter", "100", "stepSize", "0.03", "blockSize", "128", "solver", "lbfgs", "tol", "1e-6"),
                differing);
    }

    @Test
    void thePathChangingKeysAreThoseCheckpointsCompared() {
        List<String> changesPath = ConfigKeys.ALL.stream().filter(ConfigKey::changesPath).map(ConfigKey::name).toList();

        assertEquals(TRAJECTORY_KEYS, changesPath);
    }

    @Test
    void aConfigReadsBackFromItsPrintedForm() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("network", "4-8:tanh-6:relu-3:softmax");
        given.put("train", "t.csv");
        given.put("output", "out/x");
        given.put("test", "s.csv");
        given.put("validation-fraction", "0.2");
        given.put("format", "csv");
        given.put("features", "4");
        given.put("label-column", "species");
        given.put("scaling", "divide:255");
        given.put("learning-rate", ".5");
        given.put("init", "uniform:0.05");
        given.put("init-bias", "1e-2");
        given.put("seed", "-7");
        given.put("master", "local[2]");
        given.put("overwrite", "TRUE");
        given.put("checkpoint-dir", "ckpt");
        given.put("optimizer", "adam");
        given.put("epsilon", "1e-7");
        given.put("schedule", "inverse:1e-3:0.75");
        given.put("warmup", "20");
        given.put("dropout", "0.2, 0.5");
        given.put("early-stopping-patience", "3");
        TrainConfig config = TrainConfig.fromMap(given);

        Map<String, String> printed = config.toMap();
        assertEquals(List.copyOf(printed.keySet()), ConfigKeys.ALL.stream().map(ConfigKey::name)
                .filter(printed::containsKey).toList(), "printed in the table's order");
        assertEquals(ConfigKeys.NAMES.size() - 3, printed.size(),
                "all but the unset validation, resume and initial-model");
        assertEquals("0.5", printed.get("learning-rate"), "numbers as Java prints them");
        assertEquals("0.01", printed.get("init-bias"));
        assertEquals("true", printed.get("overwrite"));
        assertEquals("inverse:1e-3:0.75", printed.get("schedule"), "text keys as written");
        assertEquals("0.2, 0.5", printed.get("dropout"));
        assertEquals(config, TrainConfig.fromMap(printed));
        assertEquals(printed, TrainConfig.fromMap(printed).toMap());
    }

    @Test
    void theDefaultsReadBackToo() {
        TrainConfig config = TrainConfig.fromMap(Map.of("network", "2-1:sigmoid", "train", "t.csv", "output", "o"));

        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.defaultText() != null) {
                assertEquals(config.text(key), reprint(key, key.defaultText()), key.name());
            }
        }
        assertEquals(config, TrainConfig.fromMap(config.toMap()));
    }

    private static <T> String reprint(ConfigKey<T> key, String text) {
        return key.text(key.parse(text), text);
    }

    @Test
    void theReadmeDocumentsEveryKeyAndNoOther() throws IOException {
        Map<String, String> documented = readmeKeys(Path.of("README.md"));

        assertEquals(new TreeSet<>(ConfigKeys.NAMES), new TreeSet<>(documented.keySet()),
                "the README's Config keys tables vs ConfigKeys.ALL");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertEquals(key.isRequired(), documented.get(key.name()).equals("(required)"),
                    key + ": README default '" + documented.get(key.name()) + "'");
        }
    }

    /**
     * The keys of the README's "Config keys" section (its two tables), each with its default
     * cell: rows start with {@code | `key`}, and one row may list several keys.
     */
    static Map<String, String> readmeKeys(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf("### Config keys");
        assertTrue(start >= 0, "README.md has no '### Config keys' section");
        Map<String, String> keys = new LinkedHashMap<>();
        Pattern name = Pattern.compile("`([a-z0-9-]+)`");
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                Matcher matcher = name.matcher(cells[1]);
                while (matcher.find()) {
                    assertTrue(keys.put(matcher.group(1), cells[2].trim()) == null, matcher.group(1) + " twice");
                }
            }
        }
        return keys;
    }

    @Test
    void aBadValueIsRefusedWithItsKeyAndWhy() {
        List<String> messages = new ArrayList<>();
        for (String[] bad : new String[][] {{"epochs", "ten"}, {"epochs", "0"}, {"seed", "1.5"},
                {"learning-rate", "fast"}, {"overwrite", "yes"}, {"format", "json"}, {"warmup", "-1"},
                {"schedule", "step:0.5"}, {"init", "gaussian"}, {"scaling", "log"}, {"network", "3-x"}}) {
            ConfigKey<?> key = ConfigKeys.named(bad[0]).orElseThrow();
            try {
                key.parse(bad[1]);
                messages.add("accepted " + bad[0] + "=" + bad[1]);
            } catch (IllegalArgumentException e) {
                messages.add(e.getMessage());
            }
        }
        assertEquals(List.of("epochs=ten: not a whole number", "epochs=0: must be >= 1", "seed=1.5: not a whole number",
                "learning-rate=fast: not a number", "overwrite=yes: must be true or false",
                "format=json: must be one of auto, libsvm, csv, parquet", "warmup=-1: must be >= 0",
                "schedule=step:0.5: expected step:DROP:EVERY, e.g. step:0.5:1000",
                "init=gaussian: unknown initialization 'gaussian'; choose one of uniform, uniform:EPSILON, uniform-fan,"
                        + " xavier, he, zeros",
                "scaling=log: unknown scaling 'log'; choose one of none, divide:C (e.g. divide:255), min-max, standardize",
                "network=3-x: network spec '3-x': layer '3-x' does not start with a unit count"), messages);
    }

    @Test
    void namesAreListedOnceInTableOrder() {
        assertEquals(new LinkedHashSet<>(ConfigKeys.ALL.stream().map(ConfigKey::name).toList()), ConfigKeys.NAMES);
        assertEquals(ConfigKeys.ALL.size(), ConfigKeys.NAMES.size());
    }
}
