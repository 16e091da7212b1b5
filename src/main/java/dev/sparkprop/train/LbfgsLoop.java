package dev.sparkprop.train;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.optim.Lbfgs;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-batch L-BFGS (the notes' "fmincg or other optimization function"), Breeze's, with every
 * cost-and-gradient evaluation one full pass of the {@link GradientSource}. {@code epochs} is the
 * iteration limit; a line and a metrics record per iteration.
 */
final class LbfgsLoop {

    private final int iterations;
    private final UpdateSettings settings;
    private final double tolerance;
    private final Trainer trainer;
    private final PrintStream log;
    private final TrainingListener listener;

    /**
     * @param settings {@code epochs} is the iteration limit; the L-BFGS memory and tolerance
     * @param tol {@code tol}, which replaces {@code settings}' tolerance when it is set (> 0)
     */
    LbfgsLoop(UpdateSettings settings, double tol, Trainer trainer, PrintStream log, TrainingListener listener) {
        this.iterations = settings.epochs();
        this.settings = settings;
        this.tolerance = tol > 0 ? tol : settings.lbfgsTolerance();
        this.trainer = trainer;
        this.log = log;
        this.listener = listener;
    }

    /** Minimizes J from {@code theta}, which receives the result. */
    TrainingResult run(double[] theta, GradientSource train, GradientSource validation) {
        long start = System.nanoTime();
        List<String> metricsLines = new ArrayList<>();
        Lbfgs lbfgs = new Lbfgs(iterations, settings.lbfgsMemory(), tolerance);
        int[] evaluations = new int[1];
        double[] result = lbfgs.minimize((weights, gradient) -> {
            CostGradient costGradient = trainer.costGradient(train.sums(weights, Minibatch.all()), weights,
                    train.count());
            System.arraycopy(costGradient.gradient(), 0, gradient, 0, gradient.length);
            evaluations[0]++;
            return costGradient.cost();
        }, theta, (iteration, cost, evaluated) -> {
            EpochMetrics metrics = new EpochMetrics(iteration, evaluated, new PassMetrics(cost, Double.NaN, Double.NaN),
                    null, 0, (System.nanoTime() - start) / 1e9, true);
            metricsLines.add(metrics.toJson());
            log.println(metrics.line(iterations, 0));
            listener.epochDone(metrics, iterations, null); // L-BFGS keeps its iterate to itself
        });
        System.arraycopy(result, 0, theta, 0, theta.length);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingResult(metricsLines, metricsLines.size() - 1, evaluations[0], null,
                validation == null ? null : trainer.judge(validation, theta),
                Math.round(evaluations[0] * (double) train.count() / seconds), null, null, null);
    }
}
