package dev.sparkprop.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Early stopping on the validation cost: remembers the best epoch's Θ, stops once the cost has
 * not improved by at least {@code min-delta} for {@code patience} epochs, and hands back the best
 * Θ at the end.
 */
final class EarlyStopping {

    private final StoppingSettings settings;
    private final PrintStream log;
    private double bestCost = Double.POSITIVE_INFINITY;
    private double[] bestTheta;
    private int bestEpoch = -1;
    private int epochsWithoutImprovement;
    private boolean stopped;

    EarlyStopping(StoppingSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** Records epoch {@code epoch}'s validation cost; true when patience has run out. */
    boolean shouldStop(int epoch, double validationCost, double[] theta) {
        if (validationCost < bestCost - settings.minDelta()) {
            bestCost = validationCost;
            bestTheta = theta.clone();
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            return false;
        }
        epochsWithoutImprovement++;
        if (epochsWithoutImprovement >= settings.patience()) {
            stopped = true;
            log.println(String.format(Locale.ROOT, "sparkprop: early stopping after epoch %d: the validation cost has"
                    + " not improved by %s for %d epochs", epoch + 1, settings.minDelta(), settings.patience()));
        }
        return stopped;
    }

    /** Copies the best epoch's Θ into {@code theta}. */
    void restoreBest(double[] theta) {
        if (bestTheta != null) {
            System.arraycopy(bestTheta, 0, theta, 0, theta.length);
            log.println(String.format(Locale.ROOT, "sparkprop: restored the best epoch, %d (validation cost %.6f)",
                    bestEpoch + 1, bestCost));
        }
    }

    /** Whether patience ran out before the last epoch. */
    boolean stopped() {
        return stopped;
    }

    /** The epoch whose Θ is kept, from 1 (0 before any epoch). */
    int bestEpoch() {
        return bestEpoch + 1;
    }
}
