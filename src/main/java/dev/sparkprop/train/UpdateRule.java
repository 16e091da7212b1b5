package dev.sparkprop.train;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.optim.GradientClipping;
import dev.sparkprop.optim.LearningRateSchedule;
import dev.sparkprop.optim.Optimizer;
import dev.sparkprop.optim.Optimizers;

/**
 * What the driver does with a step's gradient D (which already carries both regularization
 * terms, {@link dev.sparkprop.nn.Objective}), in this order: clip by global norm, take α from the
 * schedule for this step, and let the optimizer update Θ.
 */
final class UpdateRule {

    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final double clipNorm;

    UpdateRule(UpdateSettings settings) {
        this.optimizer = Optimizers.create(settings.optimizer(), settings.learningRate(), settings.momentum(),
                settings.beta1(), settings.beta2(), settings.epsilon());
        this.schedule = settings.schedule();
        this.clipNorm = settings.clipNorm();
    }

    /** The optimizer, whose state goes into checkpoints. */
    Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Updates θ in place from step {@code globalStep}'s gradient (which may be clipped in place);
     * returns the α it took.
     */
    double apply(CostGradient costGradient, long globalStep, double[] theta) {
        double[] gradient = costGradient.gradient();
        if (clipNorm > 0) {
            GradientClipping.clipByGlobalNorm(gradient, clipNorm);
        }
        double learningRate = schedule.rate(globalStep);
        optimizer.step(gradient, theta, learningRate);
        return learningRate;
    }
}
