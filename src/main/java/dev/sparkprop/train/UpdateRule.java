package dev.sparkprop.train;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.GradientClipping;
import dev.sparkprop.optim.LearningRateSchedule;
import dev.sparkprop.optim.Optimizer;
import dev.sparkprop.optim.Optimizers;
import dev.sparkprop.optim.Regularization;

/**
 * What the driver does with a step's gradient, in this order: add the L1 term, clip by global
 * norm, take α from the schedule for this step, and let the optimizer update Θ. The reported cost
 * carries both regularization terms ({@link Penalties}).
 */
final class UpdateRule {

    private final NetworkSpec spec;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final double l1;
    private final double clipNorm;

    UpdateRule(NetworkSpec spec, UpdateSettings settings) {
        this.spec = spec;
        this.optimizer = Optimizers.create(settings.optimizer(), settings.learningRate(), settings.momentum(),
                settings.beta1(), settings.beta2(), settings.epsilon());
        this.schedule = settings.schedule();
        this.l1 = settings.l1();
        this.clipNorm = settings.clipNorm();
    }

    /** The optimizer, whose state goes into checkpoints. */
    Optimizer optimizer() {
        return optimizer;
    }

    /** Updates θ in place from step {@code globalStep}'s gradient (which gains the L1 term and may be clipped). */
    void apply(CostGradient costGradient, long globalStep, double[] theta) {
        double[] gradient = costGradient.gradient();
        if (l1 != 0) {
            Regularization.addL1Into(spec, theta, l1, costGradient.count(), gradient);
        }
        if (clipNorm > 0) {
            GradientClipping.clipByGlobalNorm(gradient, clipNorm);
        }
        optimizer.step(gradient, theta, schedule.rate(globalStep));
    }
}
