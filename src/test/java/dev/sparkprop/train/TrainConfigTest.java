package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.data.DataFormat;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.nn.Initialization;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@link TrainConfig} is parsed once into typed groups, and refuses combinations of keys that
 * cannot run, before any Spark job: each refusal one line quoting the key it blames.
 */
class TrainConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("network", "4-8:tanh-6:relu-3:softmax");
        config.put("train", "t.csv");
        config.put("output", "out/x");
        return config;
    }

    private static TrainConfig with(String... keysAndValues) {
        Map<String, String> config = minimal();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return TrainConfig.fromMap(config);
    }

    @Test
    void valuesArriveTypedInTheirGroups() {
        TrainConfig config = with("format", "csv", "init", "uniform:0.05", "init-bias", "0.1", "dropout", "0.5",
                "schedule", "step:0.5:10", "warmup", "4", "learning-rate", "0.2", "resume", "ckpt", "scaling",
                "divide:255", "validation-fraction", "0.25", "early-stopping-patience", "2");

        assertEquals(Optional.of(DataFormat.CSV), config.data().format());
        assertEquals(FeatureScaling.Kind.DIVIDE, config.data().scaling().kind());
        assertEquals(0.25, config.data().validationFraction());
        assertEquals(3, config.network().spec().outputSize());
        assertEquals(new Initialization(Initialization.Scheme.UNIFORM, 0.05, 0.1), config.network().init());
        assertArrayEquals(new double[] {0.5, 0.5}, config.network().dropoutRates(), "one rate for both hidden layers");
        assertEquals(0.2 * 4 / 4, config.update().schedule().rate(3), "the warm-up's last step is α");
        assertEquals(0.2 * 0.5, config.update().schedule().rate(4 + 10), "then the step decay from α");
        assertEquals("ckpt", config.checkpoints().directory(), "the resume directory takes new checkpoints");
        assertEquals(1, config.checkpoints().epochInterval(), "every epoch when only a directory is set");
        assertTrue(config.stopping().enabled());
        assertEquals(1L, config.seed());
        assertEquals(2, config.spark().treeDepth());
        assertEquals("out/x", config.output().path());
    }

    @Test
    void autoFormatAndUnsetKeysAreEmpty() {
        TrainConfig config = TrainConfig.fromMap(minimal());

        assertEquals(Optional.empty(), config.data().format());
        assertNull(config.data().test());
        assertNull(config.network().initBias());
        assertNull(config.text(ConfigKeys.INIT_BIAS));
        assertNull(config.checkpoints().directory());
        assertEquals(0, config.checkpoints().epochInterval());
    }

    @Test
    void withChangesOneKeyAndBlankRestoresItsDefault() {
        TrainConfig config = with("epochs", "3");

        assertEquals(7, config.with(ConfigKeys.EPOCHS, "7").update().epochs());
        assertEquals(10, config.with(ConfigKeys.EPOCHS, "").update().epochs());
        assertEquals(3, config.update().epochs(), "the original is unchanged");
    }

    /** An unknown key is refused with every key of the table, sorted, so the user sees what they meant. */
    @Test
    void anUnknownKeyIsRefusedWithTheListOfKeys() {
        Map<String, String> config = minimal();
        config.put("bogus", "1");
        String keys = ConfigKeys.ALL.stream().map(ConfigKey::name).sorted().collect(Collectors.joining(", "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(config));
        assertEquals("unknown config key 'bogus'; the keys are " + keys, e.getMessage());
        assertTrue(keys.startsWith("batch-size, beta1, beta2, block-size, checkpoint-dir,"), keys);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "network||network=null: is required, e.g. 784-256:relu-10:softmax",
        "dropout|0.1,0.2,0.3|dropout=0.1,0.2,0.3: give one rate, or one per hidden layer (2)",
        "early-stopping-patience|3|early-stopping-patience=3: early stopping needs a validation set: set validation"
                + " or validation-fraction",
        "features|5|features=5: the network's input layer has 4 units",
    })
    void combinationsThatCannotRunAreRefused(String key, String value, String message) {
        Map<String, String> config = minimal();
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(config));
        assertEquals(message, e.getMessage());
    }

    @Test
    void lbfgsIsFullBatchWithoutCheckpointsOrDropout() {
        assertEquals("batch-size=8: optimizer=lbfgs is full-batch; use batch-size=0", assertThrows(
                IllegalArgumentException.class, () -> with("optimizer", "lbfgs", "batch-size", "8")).getMessage());
        String noCheckpoints = "optimizer=lbfgs: no checkpoints, resume or dropout (L-BFGS needs the same full-batch"
                + " cost at every evaluation, and keeps its history inside Breeze)";
        assertEquals(noCheckpoints, assertThrows(IllegalArgumentException.class,
                () -> with("optimizer", "lbfgs", "dropout", "0.2")).getMessage());
        assertEquals(noCheckpoints, assertThrows(IllegalArgumentException.class,
                () -> with("optimizer", "lbfgs", "resume", "ckpt")).getMessage());
        assertTrue(with("optimizer", "lbfgs", "dropout", "0.0").update().isLbfgs(), "a zero rate drops nothing");
    }

    /** Sparse blocks compute in double and need zeros kept: each combination that cannot hold is one line. */
    @Test
    void sparseBlocksAreRefusedWithFloatAndWithScalingThatMovesZeros() {
        assertEquals("sparse=true: sparse blocks compute in double; precision=float cannot go with them (set"
                + " precision=double, or sparse=false or auto)", assertThrows(IllegalArgumentException.class,
                () -> with("sparse", "true", "precision", "float")).getMessage());
        assertEquals("sparse=true: scaling=standardize moves every zero feature, so no block stays sparse; use"
                + " scaling=none or divide:C, or sparse=false or auto", assertThrows(IllegalArgumentException.class,
                () -> with("sparse", "true", "scaling", "standardize")).getMessage());
        assertEquals(Sparsity.SPARSE, with("sparse", "true", "scaling", "divide:4").spark().sparsity());
        assertEquals(Sparsity.AUTO, with("precision", "float").spark().sparsity(), "auto then chooses dense blocks");
        assertEquals("sparse=yes: must be auto, true or false", assertThrows(IllegalArgumentException.class,
                () -> with("sparse", "yes")).getMessage());
    }

    /** L-BFGS's loop judges the validation set but never stops on it: patience would be ignored in silence. */
    @Test
    void lbfgsRefusesEarlyStopping() {
        assertEquals("early-stopping-patience=3: optimizer=lbfgs stops by its own tolerance (lbfgs-tolerance), not by"
                + " early stopping; use sgd, momentum, nesterov or adam", assertThrows(IllegalArgumentException.class,
                    () -> with("optimizer", "lbfgs", "validation-fraction", "0.2", "early-stopping-patience", "3"))
                    .getMessage());
        assertTrue(with("optimizer", "lbfgs", "validation-fraction", "0.2").update().isLbfgs(),
                "a validation set alone is judged every iteration");
    }

    @Test
    void aNetworkWithoutHiddenLayersTakesNoDropout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with("network", "4-3:softmax", "dropout", "0.5"));

        assertEquals("dropout=0.5: the network has no hidden layer to drop units from", e.getMessage());
        assertArrayEquals(new double[0], with("network", "4-3:softmax").network().dropoutRates());
    }

    @Test
    void aCheckpointIsComparedOnThePathChangingKeysOnly() {
        TrainConfig config = with("epochs", "5", "checkpoint-dir", "ckpt");
        Map<String, String> recorded = new HashMap<>(config.toMap());
        recorded.put("epochs", "2");
        recorded.put("output", "elsewhere");

        config.checkCompatible(recorded, "ckpt");
        recorded.put("learning-rate", "0.3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config.checkCompatible(recorded, "ckpt"));
        assertEquals("resume=ckpt: the checkpoint was made with learning-rate=0.3 but this run has learning-rate=0.1",
                e.getMessage());
    }
}
