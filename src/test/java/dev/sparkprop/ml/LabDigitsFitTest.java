package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkprop.job.TrainingJob;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelFile;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/lab-digits.properties (784-64:sigmoid-10:softmax, Adam, minibatches of 500 over two
 * partitions, divide:255) trained by the {@code train} command on its CSV and by {@code fit} on
 * the same digits read by Spark's libsvm source, with every setting of the config given as its
 * Param: the same Θ, bit for bit. Keys the config leaves unset take the command line's default on
 * both sides, since the estimators default some Params to MLPC's values instead.
 */
class LabDigitsFitTest {

    private static final String CONF = "conf/lab-digits.properties";

    @Test
    void fitGivesTheThetaOfTheTrainCommand(@TempDir Path dir) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(CONF))) {
            properties.load(reader);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> keys.put(name, properties.getProperty(name).trim()));
        keys.remove("test"); // scored after training: no part of Θ
        keys.put("output", dir.resolve("out").toString());
        TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(keys), new PrintStream(OutputStream.nullOutputStream()));
        Model cli;
        try (InputStream in = Files.newInputStream(dir.resolve("out").resolve("model.sparkprop"))) {
            cli = ModelFile.read(in, "model.sparkprop");
        }

        SparkpropClassifier classifier = new SparkpropClassifier();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (classifier.hasParam(key.sparkMlName()) && !SparkpropClassifier.NOT_PARAMS.contains(key.name())) {
                String value = keys.containsKey(key.name()) ? keys.get(key.name()) : key.defaultText();
                if (value != null) {
                    classifier.set(key.sparkMlName(), value);
                }
            }
        }
        // The same 5,000 digits through Spark's own libsvm source (sample-data/digits/README.md:
        // made from the CSV, row for row): a sparse vector per row, as Spark users read MNIST.
        Dataset<Row> digits = SharedSpark.session().read().format("libsvm").option("numFeatures", "784")
                .load("sample-data/digits/train.libsvm.gz");
        SparkpropClassificationModel fitted = classifier.fit(digits);

        assertEquals(784, fitted.numFeatures());
        assertArrayEquals(bits(cli.theta()), bits(fitted.model().theta()), "Θ, bit for bit");
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
