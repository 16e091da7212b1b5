package dev.sparkprop.ml;

import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Params both estimators share ({@link SparkpropClassifier}, {@link SparkpropRegressor}): one
 * per key of the table, found by its Spark ML name, and typed setters in
 * {@code MultilayerPerceptronClassifier}'s names where MLPC has the Param. Each setter is a shorthand
 * for {@link #set(String, String)} with the key's Spark ML name, so a value is checked by the key
 * table the moment it is set. They live here once because the two estimators extend different Spark
 * base classes ({@code ProbabilisticClassifier}, {@code Regressor}) and Java has no traits; the
 * estimator's {@code params()} lists the Params ({@link TrainingParams}).
 *
 * @param <T> the estimator, returned by every setter so calls chain
 */
public interface SparkpropParams<T extends SparkpropParams<T>> extends Params {

    /**
     * Sets the Param {@code sparkMlName} (e.g. {@code stepSize}, {@code dropout}) to {@code value},
     * checked by its key now, so a bad value is refused here with the key and value quoted.
     */
    default T set(String sparkMlName, String value) {
        TrainingParams.set(this, sparkMlName, value);
        return self();
    }

    /** The Param of a key by its Spark ML name, e.g. {@code keyParam("stepSize")}, typed for {@code $} and {@code set}. */
    default Param<String> keyParam(String sparkMlName) {
        return TrainingParams.param(this, sparkMlName);
    }

    /** Spark's name: a boolean column whose true rows are the validation set (instead of a fraction). */
    default T setValidationIndicatorCol(String column) {
        TrainingParams.setValidationIndicatorCol(this, column);
        return self();
    }

    /** The run these Params describe, as the key table reads it. */
    default TrainConfig trainConfig() {
        return TrainingParams.trainConfig(this);
    }

    /** The whole network as a spec, e.g. {@code 4-8:tanh-3:softmax} ({@link dev.sparkprop.nn.NetworkSpec#parse}). */
    default T setNetwork(String spec) {
        return set(ConfigKeys.NETWORK.sparkMlName(), spec);
    }

    /** Epochs (iterations for L-BFGS). */
    default T setMaxIter(int epochs) {
        return set(ConfigKeys.EPOCHS.sparkMlName(), Integer.toString(epochs));
    }

    /** The learning rate α. */
    default T setStepSize(double learningRate) {
        return set(ConfigKeys.LEARNING_RATE.sparkMlName(), Double.toString(learningRate));
    }

    /** The L2 weight λ of λ/(2m)·ΣΘ², m the training rows at every batch size. */
    default T setRegParam(double lambda) {
        return set(ConfigKeys.LAMBDA.sparkMlName(), Double.toString(lambda));
    }

    /** The seed of initialization and of every shuffle. */
    default T setSeed(long seed) {
        return set(ConfigKeys.SEED.sparkMlName(), Long.toString(seed));
    }

    /**
     * MLPC's {@code tol}: L-BFGS's convergence tolerance; with the epoch-by-epoch solvers, stop once an
     * epoch's training cost falls by less than this fraction of the previous epoch's (a rise does not stop; 0 = off).
     */
    default T setTol(double tolerance) {
        return set(ConfigKeys.TOL.sparkMlName(), Double.toString(tolerance));
    }

    /** Examples per matrix-multiply block inside a task. */
    default T setBlockSize(int examples) {
        return set(ConfigKeys.BLOCK_SIZE.sparkMlName(), Integer.toString(examples));
    }

    /** Examples per gradient step; 0 = all. */
    default T setBatchSize(int examples) {
        return set(ConfigKeys.BATCH_SIZE.sparkMlName(), Integer.toString(examples));
    }

    /** The optimizer: MLPC's {@code l-bfgs} and {@code gd}, or sparkprop's sgd, momentum, nesterov, adam, lbfgs. */
    default T setSolver(String solver) {
        return set(ConfigKeys.OPTIMIZER.sparkMlName(), solver);
    }

    /** Holds out this seeded fraction of the rows as the validation set, judged after every epoch. */
    default T setValidationFraction(double fraction) {
        return set(ConfigKeys.VALIDATION_FRACTION.sparkMlName(), Double.toString(fraction));
    }

    /** Stops after this many epochs without validation improvement, keeping the best Θ; 0 = off. */
    default T setEarlyStoppingPatience(int epochs) {
        return set(ConfigKeys.EARLY_STOPPING_PATIENCE.sparkMlName(), Integer.toString(epochs));
    }

    /** Where checkpoints go (a Hadoop path); unset: none. */
    default T setCheckpointDir(String directory) {
        return set(ConfigKeys.CHECKPOINT_DIR.sparkMlName(), directory);
    }

    /** Checkpoint every this many epochs; Spark's -1 (and 0) = not by epochs. */
    default T setCheckpointInterval(int epochs) {
        return set(ConfigKeys.CHECKPOINT_EPOCHS.sparkMlName(), Integer.toString(epochs));
    }

    /** Spark's storage level of the cached training blocks, by name (e.g. {@code MEMORY_AND_DISK}, {@code DISK_ONLY}). */
    default T setStorageLevel(String level) {
        return set(ConfigKeys.STORAGE_LEVEL.sparkMlName(), level);
    }

    /**
     * Whether the cached training blocks hold compressed sparse rows: {@code auto} (when under 2%
     * of the features are non-zero, as HashingTF's vectors are), {@code true} or {@code false}.
     */
    default T setSparse(String mode) {
        return set(ConfigKeys.SPARSE.sparkMlName(), mode);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }
}
