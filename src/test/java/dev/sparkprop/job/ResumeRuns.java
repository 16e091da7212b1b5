package dev.sparkprop.job;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.IrisConfig;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/** The iris runs the checkpoint and resume tests train, and the checkpoints they leave. */
final class ResumeRuns {

    private ResumeRuns() {
    }

    /** conf/iris in minibatches of 8, 30 epochs, writing its model to {@code dir/output}. */
    static Map<String, String> config(Path dir, String output) {
        Map<String, String> config = IrisConfig.writingTo(dir.resolve(output));
        config.put("batch-size", "8");
        config.put("learning-rate", "0.05");
        config.put("epochs", "30");
        return config;
    }

    /** Trains {@code config} in this JVM's shared Spark and loads the model it wrote. */
    static Model train(Map<String, String> config) throws IOException {
        TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(config), new PrintStream(new ByteArrayOutputStream()));
        return ModelStore.load(config.get("output"), new Configuration());
    }

    /** The checkpoint files in {@code directory}, oldest first; none if it does not exist. */
    static List<Path> checkpoints(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("step-\\d+\\.ckpt")).sorted().toList();
        }
    }
}
