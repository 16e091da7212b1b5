package dev.sparkprop.optim;

import java.util.List;
import java.util.Locale;

/**
 * Builds an {@link Optimizer} from its config name, and holds the checks every optimizer shares.
 * The names are those of the {@code optimizer} config key:
 *
 * <pre>
 *   sgd        {@link GradientDescent}   Θ := Θ - α D
 *   momentum   {@link Momentum}          v := μ v - α D;  Θ := Θ + v
 *   nesterov   {@link Nesterov}          v := μ v - α D;  Θ := Θ + μ v - α D
 *   adam       {@link Adam}              bias-corrected moments; Θ := Θ - α m̂ / (√v̂ + ε)
 *   lbfgs      {@link Lbfgs}             not a per-step rule: it runs its own line searches
 * </pre>
 *
 * Errors quote the config key and value, e.g. {@code momentum=1.5: must be in [0, 1)}. This class
 * is the one place the {@code optimizer} name, α ({@code learning-rate}), μ, β1, β2 and ε are
 * checked; configs call {@link #name}, {@link #requireLearningRate} and {@link #checkSettings}, and
 * the constructors the same checks.
 */
public final class Optimizers {

    /** Every valid {@code optimizer} name, {@code lbfgs} included. */
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam", "lbfgs");
    /** μ = 0.9, the usual momentum. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** β1 = 0.9, the paper's default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** β2 = 0.999, the paper's default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** ε = 1e-8, the paper's default. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private Optimizers() {
    }

    /**
     * The per-step optimizer called {@code name} (see the class doc). Every setting is checked
     * ({@link #checkSettings}), whether or not the named optimizer uses it, so a bad value never
     * waits silently in a config.
     *
     * @throws IllegalArgumentException for an unknown name, for {@code lbfgs} (see {@link Lbfgs}),
     *         or for a setting out of range
     */
    public static Optimizer create(String name, double learningRate, double momentum, double beta1,
                                   double beta2, double epsilon) {
        String key = name(name);
        requireLearningRate(learningRate);
        checkSettings(momentum, beta1, beta2, epsilon);
        return switch (key) {
            case "sgd" -> new GradientDescent(learningRate);
            case "momentum" -> new Momentum(learningRate, momentum);
            case "nesterov" -> new Nesterov(learningRate, momentum);
            case "adam" -> new Adam(learningRate, beta1, beta2, epsilon);
            default -> throw new IllegalArgumentException("optimizer=" + name
                    + ": not a per-step optimizer; it minimizes the full-batch cost through Lbfgs");
        };
    }

    /**
     * The optimizer called {@code text}, as one of {@link #NAMES} (trimmed, lower case); {@code
     * lbfgs} included.
     *
     * @throws IllegalArgumentException for any other name, quoting it and listing the valid ones
     */
    public static String name(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("optimizer=" + text + ": unknown; choose one of "
                    + String.join(", ", NAMES));
        }
        return key;
    }

    /** Checks μ, β1, β2 and ε, each under its config key (α has {@link #requireLearningRate}). */
    public static void checkSettings(double momentum, double beta1, double beta2, double epsilon) {
        requireFraction("momentum", momentum);
        requireFraction("beta1", beta1);
        requireFraction("beta2", beta2);
        requirePositive("epsilon", epsilon);
    }

    /** α, the {@code learning-rate} key: finite and &gt; 0 (a schedule may take a step's α down to 0). */
    public static void requireLearningRate(double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("learning-rate=" + value + ": must be a finite number > 0");
        }
    }

    /** A decay factor or momentum: in [0, 1), where 1 would never forget. */
    public static void requireFraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(key + "=" + value + ": must be in [0, 1)");
        }
    }

    public static void requirePositive(String key, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(key + "=" + value + ": must be a finite number > 0");
        }
    }

    /** The checks of every step: D and θ share a layout, and this step's α is usable. */
    static void checkStep(double[] gradient, double[] theta, double learningRate) {
        if (gradient.length != theta.length) {
            throw new IllegalArgumentException("the gradient has " + gradient.length + " values but θ has "
                    + theta.length + "; they must share θ's layout");
        }
        if (!(learningRate >= 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("the learning rate of this step is " + learningRate
                    + "; it must be a finite number >= 0");
        }
    }

    /**
     * {@code state} itself when it already has θ's length, a new zero array when it is empty (a
     * fresh optimizer's first step), and an error otherwise (state restored for another network).
     */
    static double[] sizedFor(String name, double[] state, int length) {
        if (state.length == length) {
            return state;
        }
        if (state.length == 0) {
            return new double[length];
        }
        throw new IllegalArgumentException(name + " state holds " + state.length + " values per quantity but θ has "
                + length + "; was it restored from another network?");
    }

    /** Checks that an exported state has {@code count} non-null arrays. */
    static void checkStateCount(String name, double[][] state, int count) {
        if (state == null || state.length != count) {
            throw new IllegalArgumentException(name + " state must have " + count + " arrays; got "
                    + (state == null ? "none" : state.length));
        }
        for (int k = 0; k < count; k++) {
            if (state[k] == null) {
                throw new IllegalArgumentException(name + " state: array " + k + " is missing");
            }
        }
    }
}
