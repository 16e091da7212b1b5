package dev.sparkprop.cluster;

import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.job.TrainingJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The training run the cluster tests repeat, disturbed or not: iris, 4-8:tanh-3:softmax, minibatches
 * of 8 over 2 partitions, 5 epochs of 15 steps (75 Spark jobs). Its reference Θ comes from the same config in Spark local mode in this JVM.
 */
final class IrisRun {

    static final int EPOCHS = 5;
    static final int STEPS_PER_EPOCH = 15;

    private static double[] localTheta;

    private IrisRun() {
    }

    /** The config keys and values, with the model going to {@code output}. */
    static Map<String, String> config(Path output) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("network", "4-8:tanh-3:softmax");
        config.put("train", LoopbackCluster.ROOT.resolve("sample-data/iris/train.csv").toString());
        config.put("format", "csv");
        config.put("label-column", "label");
        config.put("scaling", "standardize");
        config.put("init", "xavier");
        config.put("seed", "7");
        config.put("batch-size", "8");
        config.put("learning-rate", "0.05");
        config.put("epochs", String.valueOf(EPOCHS));
        config.put("partitions", "2");
        config.put("output", output.toString());
        return config;
    }

    /** Θ after the run in Spark local mode (local[2], same seed and partitions), computed once. */
    static synchronized double[] localTheta() throws IOException {
        if (localTheta == null) {
            Path output = LoopbackCluster.runDirectory("local-reference").resolve("model");
            long start = System.nanoTime();
            TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(config(output)),
                    new PrintStream(new ByteArrayOutputStream()));
            localTheta = theta(output);
            System.out.printf("local-mode reference run (local[2]) took %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        return localTheta.clone();
    }

    /** Θ of the model a run wrote to {@code output}. */
    static double[] theta(Path output) throws IOException {
        return ModelStore.load(output.toString(), new Configuration()).theta();
    }
}
