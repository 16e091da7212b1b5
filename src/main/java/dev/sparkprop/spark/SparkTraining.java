package dev.sparkprop.spark;

import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.train.Checkpoints;
import dev.sparkprop.train.StartingTheta;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.train.Trainer;
import dev.sparkprop.train.TrainingListener;
import dev.sparkprop.train.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark half of one training run, shared by the CLI's {@code train} job and the Spark ML
 * estimator so that both reach the same Θ from the same cached examples: the gradient sources
 * over {@link CachedExamples}, Θ made by {@link StartingTheta}, and {@link Trainer#train}.
 * Reading, preparing and writing stay with the caller.
 */
public final class SparkTraining {

    private final JavaSparkContext sc;
    private final TrainConfig config;
    private final NetworkSpec spec;
    private final Trainer trainer;

    /** A run per {@code config} on {@code sc}, printing one line per epoch to {@code log}. */
    public SparkTraining(JavaSparkContext sc, TrainConfig config, PrintStream log) {
        this(sc, config, log, TrainingListener.NONE);
    }

    /** As above, with {@code listener} hearing every step and epoch (the live page). */
    public SparkTraining(JavaSparkContext sc, TrainConfig config, PrintStream log, TrainingListener listener) {
        this.sc = sc;
        this.config = config;
        this.spec = config.network().spec();
        this.trainer = new Trainer(config, log, listener);
    }

    /** Θ after training, how the loop ended, and the training source (for judging and its timings). */
    public record Run(double[] theta, TrainingResult result, SparkGradient train) {
    }

    /** How many partitions the training examples are cached in: the config's, else Spark's default parallelism. */
    public int partitions() {
        return config.spark().partitions() > 0 ? config.spark().partitions() : sc.defaultParallelism();
    }

    /** The loop, whose {@link Trainer#judge} turns metric sums into the reported numbers. */
    public Trainer trainer() {
        return trainer;
    }

    /** A source that judges {@code examples} without dropout (validation, test, the final train pass). */
    public SparkGradient judging(CachedExamples examples) {
        return source(examples, new double[0]);
    }

    /**
     * Makes Θ as the config says ({@link StartingTheta}: drawn from the seed, or given as text or as a
     * saved model's) and trains it over {@code train} (with the config's dropout),
     * judging {@code validation} (null: none) after every epoch.
     *
     * @param checkpoints where checkpoints go, or null for none
     * @throws IOException when a checkpoint cannot be written or resumed
     */
    public Run train(CachedExamples train, CachedExamples validation, Checkpoints checkpoints) throws IOException {
        return train(StartingTheta.of(config, sc.hadoopConfiguration()), train, validation, checkpoints);
    }

    /**
     * Trains from the given Θ instead of the seeded initialization: the Spark ML estimator's
     * {@code initialWeights}. {@code theta} (in {@link NetworkSpec}'s layout, checked against the
     * network) receives the result.
     *
     * @param checkpoints where checkpoints go, or null for none
     * @throws IOException when a checkpoint cannot be written or resumed
     */
    public Run train(double[] theta, CachedExamples train, CachedExamples validation, Checkpoints checkpoints)
            throws IOException {
        spec.checkTheta(theta);
        SparkGradient trainSource = source(train, config.network().dropoutRates());
        SparkGradient validationSource = validation == null ? null : judging(validation);
        TrainingResult result = trainer.train(theta, trainSource, validationSource, checkpoints);
        return new Run(theta, result, trainSource);
    }

    private SparkGradient source(CachedExamples examples, double[] dropoutRates) {
        return new SparkGradient(sc, examples, spec, config.spark().treeDepth(), config.spark().blockSize(),
                config.seed(), dropoutRates);
    }
}
