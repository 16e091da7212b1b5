package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.nn.Activation;
import dev.sparkprop.model.ThetaText;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.BatchNorm;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Output;
import dev.sparkprop.nn.Trace;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.LocalGradient;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.train.Trainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkprop explain MODEL --input x1,x2,... [--target y1,y2,...]}: every number of one
 * example's forward pass (z^(l), a^(l)) and, with a target, of its backward pass (δ^(l), the
 * gradient contributions Δ^(l) = δ^(l+1) (a^(l))ᵀ and the cost J), labelled by the notes' names
 * so a lab can check them by hand. The numbers come from the training kernel ({@link Backprop#trace}).
 * A batch-normalized layer shows x-hat, mu, sigma2, u, gamma and beta per unit, in evaluation mode:
 * mu and sigma2 are the model's running mean and variance, as prediction uses them.
 * Text is ASCII: Theta, delta and Delta stand for Θ, δ and Δ.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show one example's forward propagation (z and a of every layer) and, with --target,"
                + " its backpropagation (delta of every layer, each Delta contribution, the cost J), in the"
                + " notes' notation. The input is scaled with the model's scaling first."},
        footer = {"", "Example (the notes' worked example):",
                "  sparkprop theta import conf/worked-example.theta --output out/worked",
                "  sparkprop explain out/worked --input 0.05,0.10 --target 0.01,0.99"})
final class ExplainCommand implements Callable<Integer> {

    /** Vectors and matrices larger than this are shortened unless --full. */
    static final int SHOWN = 30;

    @Parameters(paramLabel = "MODEL", description = "A model file, or a train output directory.")
    String modelPath;

    @Option(names = "--input", required = true, split = ",", paramLabel = "X",
            description = "The example's raw features, comma-separated (s_1 values).")
    double[] input;

    @Option(names = "--target", split = ",", paramLabel = "Y",
            description = "The target y, comma-separated (K values: one-hot for classes, 0/1 for one sigmoid"
                    + " output, the value for regression); adds backpropagation.")
    double[] target;

    @Option(names = "--steps", paramLabel = "N", description = "First take N steps of gradient descent on this"
            + " example alone (m = 1, the training loop of train), print the new Theta, then explain the pass at it."
            + " Needs --target.")
    int steps;

    @Option(names = "--learning-rate", paramLabel = "ALPHA", description = "alpha of those steps (default: ${DEFAULT-VALUE}).")
    double learningRate = Double.parseDouble(ConfigKeys.LEARNING_RATE.defaultText());

    @Option(names = "--fixed-biases", description = "Hold every bias where it is during those steps (the notes' worked"
            + " example trains w1..w8 and keeps b1, b2).")
    boolean fixedBiases;

    @Option(names = "--full", description = "Print every unit and matrix entry, however large the network.")
    boolean full;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        Model model = ModelStore.load(modelPath, new Configuration());
        NetworkSpec network = model.spec();
        check("--input", input, network.inputSize(), "input layer has " + network.inputSize() + " units");
        if (target != null) {
            check("--target", target, network.outputSize(), "output layer has " + network.outputSize() + " units");
            try {
                network.checkDifferentiable();
            } catch (IllegalArgumentException e) {
                throw invocation.refuse("--target asks for backpropagation, but " + e.getMessage()
                        + "; without --target explain shows the forward pass", e);
            }
        }
        double[] scaled = new double[input.length];
        model.scaling().applyInto(input, scaled, 0);
        PrintStream out = invocation.out();
        if (steps != 0) {
            model = descend(model, scaled, out);
        }
        Trace trace = new Backprop(network, 1).trace(model.theta(), scaled, target);
        out.println("network   " + network + "  (" + network.parameterCount() + " parameters)");
        out.println("input     x = " + list(input) + "  (raw)");
        out.println(model.scaling().isIdentity() ? "scaling   none: a^(1) = x"
                : "scaling   " + model.scaling().kind().name().toLowerCase(Locale.ROOT)
                        + " (fitted on the training set): a^(1) = (x - offset) .* factor = " + list(scaled));
        printForward(out, model, trace);
        if (target != null) {
            printBackward(out, network, trace);
        }
        return Main.EXIT_OK;
    }

    /**
     * {@code --steps} of full-batch gradient descent on the one example, through {@link Trainer} (the
     * loop of {@code train}) over a {@link LocalGradient}: Θ := Θ − α D with D = Δ (m = 1, no λ).
     * Prints the new Θ in {@code theta export}'s layout and returns the model with it.
     */
    private Model descend(Model model, double[] scaled, PrintStream out) throws IOException {
        if (steps < 0 || target == null) {
            throw invocation.refuse(target == null ? "--steps needs --target: the steps descend on that example's cost"
                    : "--steps is " + steps + "; it must be >= 0");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(ConfigKeys.NETWORK.name(), model.spec().toString());
        keys.put(ConfigKeys.TRAIN.name(), "(explain --input)");
        keys.put(ConfigKeys.OUTPUT.name(), "(none)");
        keys.put(ConfigKeys.EPOCHS.name(), Integer.toString(steps));
        keys.put(ConfigKeys.LEARNING_RATE.name(), Double.toString(learningRate));
        keys.put(ConfigKeys.FIXED_BIASES.name(), Boolean.toString(fixedBiases));
        TrainConfig config;
        try {
            config = TrainConfig.fromMap(keys);
        } catch (IllegalArgumentException e) {
            throw invocation.refuse("--" + e.getMessage());
        }
        double[] theta = model.theta().clone();
        LocalGradient example = LocalGradient.of(model.spec(), Examples.fromRows(new double[][] {scaled},
                new double[][] {target}), config.seed());
        new Trainer(config, new PrintStream(OutputStream.nullOutputStream())).train(theta, example, null, null);
        Model moved = new Model(model.spec(), theta, model.labels(), model.scaling(), model.provenance());
        out.println("descent   " + steps + " step" + (steps == 1 ? "" : "s") + " of Theta := Theta - alpha D at alpha = "
                + learningRate + " on this example alone (m = 1)" + (fixedBiases ? ", biases fixed" : ""));
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        ThetaText.write(moved, text);
        text.flush();
        out.println();
        return moved;
    }

    private void check(String option, double[] values, int expected, String what) {
        if (values.length != expected) {
            throw invocation.refuse(option + " has " + values.length + " value"
                    + (values.length == 1 ? "" : "s") + "; the model's " + what);
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw invocation.refuse(option + " holds " + value
                        + "; every value must be a finite number");
            }
        }
    }

    private void printForward(PrintStream out, Model model, Trace trace) {
        NetworkSpec network = trace.spec();
        int layers = network.layerCount();
        out.println();
        out.println("Forward propagation: z^(l) = Theta^(l-1) a^(l-1), a^(l) = g(z^(l)); a^(l)_0 = 1 is the bias unit.");
        for (int l = 1; l <= layers; l++) {
            out.println("layer " + l + (l == 1 ? " (input)" : l == layers ? " (output, " + network.output().label() + ")"
                    : " (hidden, " + network.activation(l).label() + (network.normalized(l)
                            ? ", batch-normalized: u = gamma xhat + beta, xhat = (z - mu) / sqrt(sigma2 + "
                                    + BatchNorm.EPSILON + "), mu and sigma2 the running mean and variance; a = g(u)"
                            : "") + ")"));
            if (l < layers) {
                out.println("  a^(" + l + ")_0 = 1  (bias unit)");
            }
            double[] a = trace.activation(l);
            double[] z = l >= 2 ? trace.z(l) : null;
            int pieces = network.pieces(l);
            Trace.Normalization normalization = network.normalized(l) ? trace.normalization(l) : null;
            for (int i = 0; i < shown(a.length); i++) {
                if (pieces > 1) {
                    out.println("  " + pieceValues("z", l, i, z, pieces) + "    a^(" + l + ")_" + (i + 1)
                            + " = max = " + number(a[i]));
                    continue;
                }
                String zPart = z == null ? "" : String.format(Locale.ROOT, "z^(%d)_%d = %s    ", l, i + 1, number(z[i]));
                if (normalization != null) {
                    zPart += "xhat = " + number(normalization.normalized()[i]) + " (mu = " + number(normalization.mean()[i])
                            + ", sigma2 = " + number(normalization.variance()[i]) + ")    u = "
                            + number(normalization.gamma()[i] * normalization.normalized()[i] + normalization.beta()[i])
                            + " (gamma = " + number(normalization.gamma()[i]) + ", beta = "
                            + number(normalization.beta()[i]) + ")    ";
                }
                out.println("  " + zPart + "a^(" + l + ")_" + (i + 1) + " = " + number(a[i]));
            }
            more(out, a.length, "units");
        }
        double[] h = trace.activation(layers);
        out.println(model.isClassification()
                ? "output    h(x) = a^(" + layers + "); predicted class " + model.labels().name(Backprop.classOf(h, 0, h.length))
                : "output    h(x) = a^(" + layers + ") = " + number(h[0]) + "  (the prediction)");
    }

    private void printBackward(PrintStream out, NetworkSpec network, Trace trace) {
        int layers = network.layerCount();
        out.println();
        out.println("target    y = " + list(target));
        out.println("cost      J = " + number(trace.cost()) + "  (this example alone: " + costFormula(network.output())
                + "; no regularization)");
        out.println();
        out.println("Backpropagation: delta^(" + layers + ") = " + outputErrorFormula(network.output())
                + "; delta^(l) = (Theta^(l))' delta^(l+1) .* g'(z^(l)), bias row dropped.");
        for (int l = 2; l < layers; l++) {
            if (network.pieces(l) > 1) {
                out.println("  layer " + l + " is " + network.activation(l) + ": (Theta^(" + l + "))' delta^("
                        + (l + 1) + ") goes whole to each unit's largest piece, 0 to its other pieces.");
            } else if (network.activation(l).kind() == Activation.Kind.ABS) {
                out.println("  layer " + l + " is abs: g'(z) = sign(z), read from the kept z (a = |z| has lost it).");
            }
        }
        for (int l = layers; l >= 2; l--) {
            double[] errors = trace.error(l);
            int pieces = network.pieces(l);
            int units = errors.length / pieces;
            for (int i = 0; i < shown(units); i++) {
                out.println("  " + (pieces > 1 ? pieceValues("delta", l, i, errors, pieces)
                        : "delta^(" + l + ")_" + (i + 1) + " = " + number(errors[i])));
            }
            more(out, units, "units");
            if (network.normalized(l)) {
                Trace.Normalization normalization = trace.normalization(l);
                out.println("  batch norm: delta^(" + l + ") = gamma / sqrt(sigma2 + eps) .* du, du = (Theta^(" + l
                        + "))' delta^(" + (l + 1) + ") .* g'(u); dJ/dbeta = du, dJ/dgamma = du .* xhat");
                for (int i = 0; i < shown(errors.length); i++) {
                    out.println("  dJ/dgamma^(" + l + ")_" + (i + 1) + " = " + number(normalization.gammaGradient()[i])
                            + "    dJ/dbeta^(" + l + ")_" + (i + 1) + " = " + number(normalization.betaGradient()[i]));
                }
                more(out, errors.length, "units");
            }
        }
        out.println();
        out.println("Gradient contributions Delta^(l) = delta^(l+1) (a^(l))', added into the accumulators"
                + " (D = Delta / m + regularization).");
        for (int l = layers - 1; l >= 1; l--) {
            printMatrix(out, "Delta^(" + l + ") = delta^(" + (l + 1) + ") (a^(" + l + "))'", trace.accumulator(l),
                    network.pieces(l + 1));
        }
    }

    /**
     * A matrix in the notes' layout: rows i = 1.. (below a maxout:K layer, K rows per unit, labelled
     * unit,piece), columns j = 0 (bias), 1.. .
     */
    private void printMatrix(PrintStream out, String title, double[][] matrix, int pieces) {
        int rows = matrix.length;
        int columns = matrix[0].length;
        out.println(title + "   " + rows + " x " + columns + ", bias column first");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%8s", ""));
        for (int j = 0; j < shown(columns); j++) {
            header.append(String.format(Locale.ROOT, "%16s", j == 0 ? "j=0 (bias)" : "j=" + j));
        }
        out.println(header);
        for (int i = 0; i < shown(rows); i++) {
            String row = pieces > 1 ? "i=" + (i / pieces + 1) + "," + (i % pieces + 1) : "i=" + (i + 1);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%8s", row));
            for (int j = 0; j < shown(columns); j++) {
                line.append(String.format(Locale.ROOT, "%16s", number(matrix[i][j])));
            }
            if (shown(columns) < columns) {
                line.append("  ...");
            }
            out.println(line);
        }
        more(out, rows, "rows");
    }

    /** Unit i's K pieces of {@code values}, e.g. {@code z^(2)_1,1 = ...  z^(2)_1,2 = ...}. */
    private static String pieceValues(String name, int l, int i, double[] values, int pieces) {
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < pieces; k++) {
            line.append(k == 0 ? "" : "  ").append(name).append("^(").append(l).append(")_").append(i + 1)
                    .append(',').append(k + 1).append(" = ").append(number(values[i * pieces + k]));
        }
        return line.toString();
    }

    private int shown(int count) {
        return full ? count : Math.min(count, SHOWN);
    }

    private void more(PrintStream out, int count, String what) {
        if (shown(count) < count) {
            out.println("  ... " + (count - shown(count)) + " more " + what + " (--full prints them)");
        }
    }

    private static String costFormula(Output output) {
        return switch (output) {
            case LOGISTIC -> "-sum_k [y_k ln a_k + (1 - y_k) ln(1 - a_k)]";
            case SOFTMAX -> "-sum_k y_k ln a_k";
            case LINEAR, SIGMOID_SQUARED -> "1/2 sum_k (a_k - y_k)^2";
            case STEP -> "the perceptron criterion max(0, -(2y - 1) z)";
        };
    }

    private static String outputErrorFormula(Output output) {
        return output == Output.SIGMOID_SQUARED ? "(a - y) .* a .* (1 - a)" : "a - y";
    }

    /**
     * Nine decimals (the notes' worked example prints nine), or nine significant digits in
     * scientific notation for very small or large values (the worked example's E after 10,000 steps).
     */
    static String number(double value) {
        double magnitude = Math.abs(value);
        return value == 0.0 || (magnitude >= 1e-4 && magnitude < 1e7)
                ? String.format(Locale.ROOT, "%.9f", value) : String.format(Locale.ROOT, "%.8e", value);
    }

    private static String list(double[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i == SHOWN) {
                text.append(", ... (").append(values.length).append(" values)");
                break;
            }
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return text.toString();
    }
}
