package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.testing.ThetaDigest;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code precision = float} through the real command line on shipped configs: test accuracy as
 * the double path's, the same Θ bits on a rerun, and a model that loads, says how it was trained
 * and predicts (in double, like every model).
 */
class PrecisionCommandTest {

    private static final Pattern TEST_ACCURACY = Pattern.compile("\"test_accuracy\":([0-9.]+)");

    @TempDir
    Path dir;

    @BeforeAll
    static void joinSharedSpark() {
        SharedSpark.session();
    }

    private double testAccuracy(String conf, String precision, String name) {
        CliRun run = CliRun.of("train", conf, "--precision", precision, "--output", dir.resolve(name).toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        Matcher accuracy = TEST_ACCURACY.matcher(run.out());
        assertTrue(accuracy.find(), run.out());
        return Double.parseDouble(accuracy.group(1));
    }

    private Model load(String name) throws Exception {
        return ModelStore.load(dir.resolve(name).toString(), new Configuration());
    }

    @Test
    void irisInFloatReachesTheDoubleAccuracyRepeatsAndItsModelPredicts() throws Exception {
        double inDouble = testAccuracy("conf/iris.properties", "double", "double");
        double inFloat = testAccuracy("conf/iris.properties", "float", "float");
        assertEquals(inDouble, inFloat, 0.0, "iris test accuracy, float vs double");
        testAccuracy("conf/iris.properties", "float", "again");
        Model model = load("float");
        assertEquals(ThetaDigest.sha256(model.theta()), ThetaDigest.sha256(load("again").theta()),
                "a float run repeats bit for bit");
        assertNotEquals(ThetaDigest.sha256(model.theta()), ThetaDigest.sha256(load("double").theta()),
                "the float run computed in float");
        assertEquals("float", model.provenance().config().get("precision"));
        double[] probabilities = model.predict(new double[] {5.1, 3.5, 1.4, 0.2}); // a setosa
        assertEquals(3, probabilities.length);
        assertTrue(probabilities[0] > 0.9, "setosa: " + java.util.Arrays.toString(probabilities));
    }

    @Test
    void labDigitsInFloatReachesTheDoubleAccuracy() {
        double inDouble = testAccuracy("conf/lab-digits.properties", "double", "digits-double");
        double inFloat = testAccuracy("conf/lab-digits.properties", "float", "digits-float");
        // 1,000 test digits: within two of the double run's.
        assertEquals(inDouble, inFloat, 0.002, "lab-digits test accuracy, float vs double");
    }
}
