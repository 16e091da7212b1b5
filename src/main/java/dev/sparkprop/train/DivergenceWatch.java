package dev.sparkprop.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Says so when gradient descent is diverging instead of letting a run end with exit 0 and a huge
 * cost without a word. Two signs, either enough, each judged on J as the steps see it:
 *
 * <pre>
 *   within an epoch   a step's J  > 10 × the epoch's first step's J, and above the run's first J
 *   over the run      an epoch's J > 100 × the run's first J
 * </pre>
 *
 * The second clause of the first sign keeps minibatch noise late in a run quiet: a batch may cost
 * ten times the epoch's first one near a minimum, but not more than the random start did. The
 * likely cause of either is a learning rate too large for the cost's curvature, so the one line
 * names it. It is printed once per run, and changes nothing about the run.
 */
final class DivergenceWatch {

    static final double WITHIN_EPOCH = 10;
    static final double OVER_RUN = 100;

    private final PrintStream log;
    private final String learningRate;
    private double runStart = Double.NaN;
    private double epochStart = Double.NaN;
    private boolean warned;

    /** @param learningRate the config's text of α, quoted in the warning */
    DivergenceWatch(PrintStream log, String learningRate) {
        this.log = log;
        this.learningRate = learningRate;
    }

    /** Step {@code step} (0-based) of {@code epoch} (0-based) saw J = {@code cost}. */
    void step(int epoch, int step, double cost) {
        if (Double.isNaN(runStart)) {
            runStart = cost;
        }
        if (step == 0 || Double.isNaN(epochStart)) {
            epochStart = cost;
        } else if (cost > WITHIN_EPOCH * epochStart && cost > runStart) {
            warn("the cost grew from " + number(epochStart) + " to " + number(cost) + " within epoch " + (epoch + 1)
                    + " (step " + (step + 1) + ")");
        }
    }

    /** Epoch {@code epoch} (0-based) ended with J = {@code cost} over its steps. */
    void epoch(int epoch, double cost) {
        if (cost > OVER_RUN * runStart) {
            warn("the cost grew from " + number(runStart) + " at the start to " + number(cost) + " in epoch "
                    + (epoch + 1));
        }
    }

    private void warn(String what) {
        if (!warned) {
            warned = true;
            log.println("sparkprop: warning: " + what + ": gradient descent is diverging; the learning rate"
                    + " (learning-rate=" + learningRate + ") is the likely cause, try a smaller one");
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
