package dev.sparkprop.train;

import dev.sparkprop.optim.LearningRateSchedule;

/** How the driver turns gradients into steps, and for how long (config keys in brackets). */
public final class UpdateSettings {

    private final TrainConfig config;
    private final LearningRateSchedule schedule;

    UpdateSettings(TrainConfig config, LearningRateSchedule schedule) {
        this.config = config;
        this.schedule = schedule;
    }

    /** Passes over the training data; L-BFGS's iteration limit [epochs]. */
    public int epochs() {
        return config.get(ConfigKeys.EPOCHS);
    }

    /** Examples per gradient step over all partitions; 0 = all (batch gradient descent) [batch-size]. */
    public int batchSize() {
        return config.get(ConfigKeys.BATCH_SIZE);
    }

    /** α, the base rate the schedule starts from [learning-rate]. */
    public double learningRate() {
        return config.get(ConfigKeys.LEARNING_RATE);
    }

    /** λ, the weight of the L2 term (biases excluded) [lambda]. */
    public double lambda() {
        return config.get(ConfigKeys.LAMBDA);
    }

    /** λ1 of the L1 term (λ1/m)·Σ|Θ|, biases excluded [l1]. */
    public double l1() {
        return config.get(ConfigKeys.L1);
    }

    /**
     * {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}, or {@code lbfgs} (full-batch
     * L-BFGS: each epoch is one L-BFGS iteration) [optimizer].
     */
    public String optimizer() {
        return config.get(ConfigKeys.OPTIMIZER);
    }

    /** μ of momentum and Nesterov [momentum]. */
    public double momentum() {
        return config.get(ConfigKeys.MOMENTUM);
    }

    /** Adam's β1 [beta1]. */
    public double beta1() {
        return config.get(ConfigKeys.BETA1);
    }

    /** Adam's β2 [beta2]. */
    public double beta2() {
        return config.get(ConfigKeys.BETA2);
    }

    /** Adam's ε [epsilon]. */
    public double epsilon() {
        return config.get(ConfigKeys.EPSILON);
    }

    /** α at every step: the shape, from {@link #learningRate()}, after {@link #warmup()} [schedule]. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** Steps of linear warm-up, already part of {@link #schedule()} [warmup]. */
    public long warmup() {
        return config.get(ConfigKeys.WARMUP);
    }

    /** Clip the gradient to this global norm; 0 = off [clip-norm]. */
    public double clipNorm() {
        return config.get(ConfigKeys.CLIP_NORM);
    }

    /** L-BFGS history size [lbfgs-memory]. */
    public int lbfgsMemory() {
        return config.get(ConfigKeys.LBFGS_MEMORY);
    }

    /** L-BFGS convergence tolerance [lbfgs-tolerance]. */
    public double lbfgsTolerance() {
        return config.get(ConfigKeys.LBFGS_TOLERANCE);
    }

    /** Whether training is full-batch L-BFGS rather than per-step updates. */
    public boolean isLbfgs() {
        return optimizer().equals("lbfgs");
    }
}
