package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Θ starts: drawn from the seed, given as text, given as a saved model's, and refused when it does not fit. */
class StartingThetaTest {

    @TempDir
    Path dir;

    private static TrainConfig config(String network, String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("network", network);
        values.put("train", "in-memory");
        values.put("output", "unused");
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return TrainConfig.fromMap(values);
    }

    private static double[] start(TrainConfig config) throws IOException {
        return StartingTheta.of(config, new Configuration());
    }

    @Test
    void drawnFromTheSeedByDefault() throws IOException {
        TrainConfig config = config("2-3:sigmoid-1:sigmoid", "init", "xavier", "seed", "7");
        assertArrayEquals(config.network().init().initialize(config.network().spec(), 7), start(config));
        assertEquals(false, config.network().thetaGiven());
    }

    @Test
    void givenAsTextInThetaExportsLayout() throws IOException {
        TrainConfig config = config("2-2:sigmoid-2:sigmoid/squared", "init", "theta:conf/worked-example.theta");
        NetworkSpec spec = config.network().spec();
        double[] theta = start(config);
        assertEquals(0.15, theta[spec.thetaIndex(1, 1, 1)]); // w1
        assertEquals(0.55, theta[spec.thetaIndex(2, 2, 2)]); // w8
        assertEquals(0.35, theta[spec.thetaIndex(1, 2, 0)]); // b1
        assertEquals("theta:conf/worked-example.theta", config.toMap().get("init"), "printed as given");
    }

    @Test
    void textWithoutANetworkLineIsReadAsTheRunsNetwork() throws IOException {
        Path file = dir.resolve("and.theta");
        Files.writeString(file, "-30 20 20\n");
        double[] theta = start(config("2-1:sigmoid", "init", "theta:" + file));
        assertArrayEquals(new double[] {-30, 20, 20}, theta);
    }

    @Test
    void givenAsASavedModelsTheta() throws IOException {
        NetworkSpec spec = NetworkSpec.parse("2-3:tanh-1:sigmoid");
        double[] saved = config("2-3:tanh-1:sigmoid", "seed", "3").network().init().initialize(spec, 3);
        ModelStore.save(Model.of(spec, saved, Provenance.NONE), dir.toString(), new Configuration());
        assertArrayEquals(saved, start(config("2-3:tanh-1:sigmoid", "initial-model", dir.toString(), "seed", "9")));
        // Fine-tuning may change the activations; the layer sizes are what must agree.
        assertArrayEquals(saved, start(config("2-3:relu-1:sigmoid", "initial-model", dir.toString())));
    }

    @Test
    void aThetaOfOtherShapesIsRefusedInOneLineNamingBoth() throws IOException {
        NetworkSpec spec = NetworkSpec.parse("2-3:sigmoid-1:sigmoid");
        ModelStore.save(Model.of(spec, new double[spec.parameterCount()], Provenance.NONE), dir.toString(),
                new Configuration());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> start(config("2-4:sigmoid-1:sigmoid", "initial-model", dir.toString())));
        assertEquals("initial-model=" + dir + ": Θ is for layers 2-3-1 (2-3:sigmoid-1:sigmoid, 13 parameters) but the"
                + " network is 2-4-1 (2-4:sigmoid-1:sigmoid, 17 parameters)", model.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> start(config("2-3:sigmoid-2:sigmoid", "init", "theta:conf/worked-example.theta")));
        assertEquals("init=theta:conf/worked-example.theta: Θ is for layers 2-2-2 (2-2:sigmoid-2:sigmoid/squared, 12"
                + " parameters) but the network is 2-3-2 (2-3:sigmoid-2:sigmoid, 17 parameters)", text.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> start(config("2-1:sigmoid", "init", "theta:" + dir.resolve("none.theta"))));
        assertEquals("init=theta:" + dir.resolve("none.theta") + ": no such file", missing.getMessage());
    }

    @Test
    void conflictingStartsAreRefusedByTheConfig() {
        assertEquals("init=theta:conf/worked-example.theta: initial-model also gives Θ; set one of them",
                assertThrows(IllegalArgumentException.class, () -> config("2-2:sigmoid-2:sigmoid/squared", "init",
                        "theta:conf/worked-example.theta", "initial-model", "out/x")).getMessage());
        assertEquals("init=theta:conf/worked-example.theta: a given Θ has its own biases; unset init-bias",
                assertThrows(IllegalArgumentException.class, () -> config("2-2:sigmoid-2:sigmoid/squared", "init",
                        "theta:conf/worked-example.theta", "init-bias", "0.1")).getMessage());
        assertEquals("init=theta:: theta: needs a file, e.g. theta:conf/worked-example.theta",
                assertThrows(IllegalArgumentException.class, () -> config("2-1:sigmoid", "init", "theta:"))
                        .getMessage());
    }
}
