package dev.sparkprop.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The output layer: its activation and its cost, chosen together so that a pair that does not
 * belong together cannot be written.
 *
 * <p>For one example with output a = h_Θ(x) (K values) and target y, the cost J_1 and the output
 * error δ^(L) = ∂J_1/∂z^(L) are:
 *
 * <pre>
 *   spec text           output a                 cost J_1                                 δ^(L)
 *   sigmoid             sigmoid(z)               -Σ_k [y_k ln a_k + (1-y_k) ln(1-a_k)]   a - y
 *   softmax             e^z_k / Σ_j e^z_j        -Σ_k y_k ln a_k                         a - y
 *   linear              z                        ½ Σ_k (a_k - y_k)^2                     a - y
 *   sigmoid/squared     sigmoid(z)               ½ Σ_k (a_k - y_k)^2                     (a - y) .* a .* (1 - a)
 *   step                1 if z ≥ 0, else 0       max(0, -(2y - 1) z)  (perceptron)        a - y
 * </pre>
 *
 * The first three are the matched pairs of the notes, where δ^(L) = a^(L) - y exactly; the
 * fourth is the worked example of the notes (Mazur's step-by-step backpropagation). The fifth is
 * the perceptron of the notes: its δ = a - y makes gradient descent the perceptron learning rule
 * (w += x on a missed positive, w -= x on a missed negative, scaled by α/m in batch form); the
 * step has no derivative to pass back, so it is only allowed without hidden layers. The cost
 * of m examples is J = (1/m) Σ_i J_1(x^(i), y^(i)) plus regularization.
 *
 * <p>Costs are computed from z before it is overwritten by a, in forms that cannot overflow:
 * ln(1 + e^z) - y z for the logistic cost, and log-sum-exp for softmax.
 */
public enum Output {
    /** Sigmoid outputs with the K-output logistic cross-entropy: the notes' J(Θ). */
    LOGISTIC("sigmoid", "cross-entropy"),
    /** Softmax outputs with the negative log-likelihood of the true class. */
    SOFTMAX("softmax", "nll"),
    /** Identity outputs with squared error: regression. */
    LINEAR("linear", "squared"),
    /** Sigmoid outputs with squared error, as in the notes' worked example. */
    SIGMOID_SQUARED("sigmoid", "squared"),
    /** A step (threshold) unit with the perceptron criterion: the perceptron learning rule. */
    STEP("step", "perceptron");

    private final String activationName;
    private final String costName;

    Output(String activationName, String costName) {
        this.activationName = activationName;
        this.costName = costName;
    }

    /** The output activation's name: sigmoid, softmax or linear. */
    public String activationName() {
        return activationName;
    }

    /** The cost's name: cross-entropy, nll or squared. */
    public String costName() {
        return costName;
    }

    /** The spec text: the activation alone when the cost is its natural one, else {@code act/cost}. */
    public String label() {
        return this == SIGMOID_SQUARED ? activationName + "/" + costName : activationName;
    }

    /**
     * Whether the outputs score classes (trained on one-hot or 0/1 targets) rather than predict
     * real values: every output but {@code linear}.
     */
    public boolean isClassification() {
        return this != LINEAR;
    }

    /** Turns z into a in place and returns Σ_i J_1 when {@code targets} is not null; see {@link OutputBlocks#activate}. */
    public double activate(double[] values, double[] targets, int rows, int cols) {
        return OutputBlocks.activate(this, values, targets, rows, cols);
    }

    /** δ^(L) for a {@code rows x cols} block into {@code errors}; see {@link OutputBlocks#outputError}. */
    public void outputError(double[] activations, double[] targets, double[] errors, int rows, int cols) {
        OutputBlocks.outputError(this, activations, targets, errors, rows, cols);
    }

    /**
     * The output named by spec text {@code name} or {@code name/cost}: {@code sigmoid},
     * {@code softmax}, {@code linear} (alias {@code identity}), optionally with their cost
     * ({@code sigmoid/cross-entropy}, {@code softmax/nll}, {@code linear/squared},
     * {@code sigmoid/squared}). A pair that does not belong together is refused.
     */
    public static Output parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        int slash = wanted.indexOf('/');
        String activation = slash < 0 ? wanted : wanted.substring(0, slash);
        String cost = slash < 0 ? null : wanted.substring(slash + 1);
        if (activation.equals("identity")) {
            activation = "linear";
        }
        boolean knownActivation = false;
        for (Output output : values()) {
            if (output.activationName.equals(activation)) {
                knownActivation = true;
                if (cost == null ? output.label().equals(activation) : output.costName.equals(cost)) {
                    return output;
                }
            }
        }
        if (!knownActivation) {
            throw new IllegalArgumentException("unknown output '" + text + "'; the output layer is one of "
                    + choices());
        }
        throw new IllegalArgumentException("output '" + text + "' pairs " + activation + " with a cost it"
                + " does not belong with; the output layer is one of " + choices());
    }

    private static String choices() {
        return Arrays.stream(values()).map(o -> o.activationName + "/" + o.costName)
                .collect(Collectors.joining(", "));
    }
}
