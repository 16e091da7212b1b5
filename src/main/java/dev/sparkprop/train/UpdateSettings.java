package dev.sparkprop.train;

import static dev.sparkprop.train.ConfigKeys.BATCH_SIZE;
import static dev.sparkprop.train.ConfigKeys.BETA1;
import static dev.sparkprop.train.ConfigKeys.BETA2;
import static dev.sparkprop.train.ConfigKeys.CLIP_NORM;
import static dev.sparkprop.train.ConfigKeys.EPOCHS;
import static dev.sparkprop.train.ConfigKeys.EPSILON;
import static dev.sparkprop.train.ConfigKeys.L1;
import static dev.sparkprop.train.ConfigKeys.LAMBDA;
import static dev.sparkprop.train.ConfigKeys.LBFGS_MEMORY;
import static dev.sparkprop.train.ConfigKeys.LBFGS_TOLERANCE;
import static dev.sparkprop.train.ConfigKeys.LEARNING_RATE;
import static dev.sparkprop.train.ConfigKeys.MOMENTUM;
import static dev.sparkprop.train.ConfigKeys.OPTIMIZER;
import static dev.sparkprop.train.ConfigKeys.WARMUP;

import dev.sparkprop.optim.LearningRateSchedule;

/**
 * How the driver turns gradients into steps, and for how long (config keys in brackets). Built
 * by name from the key table in one place ({@link #of}), so the long component list is never
 * written positionally anywhere else.
 *
 * @param epochs passes over the training data; L-BFGS's iteration limit [epochs]
 * @param batchSize examples per gradient step over all partitions; 0 = all (batch gradient descent) [batch-size]
 * @param learningRate α, the base rate the schedule starts from [learning-rate]
 * @param schedule α at every step: the shape, from {@code learningRate}, after {@code warmup} [schedule]
 * @param warmup steps of linear warm-up, already part of {@code schedule} [warmup]
 * @param clipNorm clip the gradient to this global norm; 0 = off [clip-norm]
 * @param lambda λ, the weight of the L2 term λ/(2m)·ΣΘ², m the training set's examples (biases excluded) [lambda]
 * @param l1 λ1 of the L1 term (λ1/m)·Σ|Θ|, biases excluded [l1]
 * @param optimizer {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}, or {@code lbfgs}
 *     (full-batch L-BFGS: each epoch is one L-BFGS iteration) [optimizer]
 * @param momentum μ of momentum and Nesterov [momentum]
 * @param beta1 Adam's β1 [beta1]
 * @param beta2 Adam's β2 [beta2]
 * @param epsilon Adam's ε [epsilon]
 * @param lbfgsMemory L-BFGS history size [lbfgs-memory]
 * @param lbfgsTolerance L-BFGS convergence tolerance [lbfgs-tolerance]
 */
public record UpdateSettings(int epochs, int batchSize, double learningRate, LearningRateSchedule schedule,
                             long warmup, double clipNorm, double lambda, double l1, String optimizer, double momentum,
                             double beta1, double beta2, double epsilon, int lbfgsMemory, double lbfgsTolerance) {

    static UpdateSettings of(TrainConfig config, LearningRateSchedule schedule) {
        return new UpdateSettings(config.get(EPOCHS), config.get(BATCH_SIZE), config.get(LEARNING_RATE), schedule,
                config.get(WARMUP), config.get(CLIP_NORM), config.get(LAMBDA), config.get(L1), config.get(OPTIMIZER),
                config.get(MOMENTUM), config.get(BETA1), config.get(BETA2), config.get(EPSILON),
                config.get(LBFGS_MEMORY), config.get(LBFGS_TOLERANCE));
    }

    /** Whether training is full-batch L-BFGS rather than per-step updates. */
    public boolean isLbfgs() {
        return optimizer.equals("lbfgs");
    }
}
