package dev.sparkprop.train;

import dev.sparkprop.nn.Objective;
import dev.sparkprop.optim.Lbfgs;
import dev.sparkprop.optim.LearningRateSchedule;
import dev.sparkprop.optim.Optimizers;
import java.io.Serializable;

/**
 * How the driver turns gradients into updates (config keys in brackets).
 *
 * @param optimizer {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}, or {@code lbfgs}
 *     (full-batch L-BFGS: each epoch is one L-BFGS iteration), kept trimmed and lower case [optimizer]
 * @param momentum μ of momentum and Nesterov [momentum]
 * @param beta1 Adam's β1 [beta1]
 * @param beta2 Adam's β2 [beta2]
 * @param epsilon Adam's ε [epsilon]
 * @param schedule the learning-rate schedule text [schedule]
 * @param warmup steps of linear warm-up [warmup]
 * @param clipNorm clip the gradient to this global norm; 0 = off [clip-norm]
 * @param l1 λ1 of the L1 term (λ1/m)·Σ|Θ|, biases excluded [l1]
 * @param lbfgsMemory L-BFGS history size [lbfgs-memory]
 * @param lbfgsTolerance L-BFGS convergence tolerance [lbfgs-tolerance]
 */
public record UpdateSettings(String optimizer, double momentum, double beta1, double beta2, double epsilon,
                             String schedule, long warmup, double clipNorm, double l1, int lbfgsMemory,
                             double lbfgsTolerance) implements Serializable {

    /**
     * Checks every value, the optimizer's through {@link Optimizers} and {@link Lbfgs} and λ1
     * through {@link Objective}; errors quote the key and the value.
     */
    public UpdateSettings {
        optimizer = Optimizers.name(optimizer);
        Optimizers.checkSettings(momentum, beta1, beta2, epsilon);
        LearningRateSchedule.parse(schedule, 1.0, warmup);
        if (!(clipNorm >= 0 && Double.isFinite(clipNorm))) {
            throw new IllegalArgumentException("clip-norm=" + clipNorm + ": must be a finite number >= 0 (0 = off)");
        }
        new Objective(0.0, l1); // the objective checks λ1
        Lbfgs.checkSettings(lbfgsMemory, lbfgsTolerance);
    }

    /** Whether training is full-batch L-BFGS rather than per-step updates. */
    public boolean isLbfgs() {
        return optimizer.equals("lbfgs");
    }
}
