package dev.sparkprop.cli;

import dev.sparkprop.nn.Activation;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientCheck;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.nn.Output;
import dev.sparkprop.nn.Trace;
import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkprop gradcheck [CONF] [--network SPEC] [--lambda L] [--examples M] [--seed S]}:
 * the course exercise's gradient check on a small network. Θ and the inputs come from
 * sin(1..n)/10 (the exercise's debugInitializeWeights), the targets are y = 1 + mod(1:m, K)
 * one-hot (0/1 alternating for one output, 2 cos(·) for a linear output), and
 * {@link GradientCheck} compares backpropagation's D with central differences. PASS is a relative
 * difference below 1e-9; the exit code is 0 for PASS and 1 for FAIL.
 *
 * <p>A batch-normalized network is checked in training mode (each layer normalizes the m
 * examples by their own statistics), with two changes to the sin values ({@link
 * #forNormalization}): γ = 1 + sin(·)/10, and the Θ^(l-1) that feed a normalized layer l
 * {@value #FEEDING_SCALE} times larger. Normalization makes J invariant to the scale of those
 * weights, so its curvature in them grows as 1/|Θ|²; at the exercise's ±0.1 central differences
 * with ε = 1e-4 measure that curvature (relative differences near 1e-7), not the gradient.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check backpropagation against central differences of J on a small network, as the"
                + " course exercise does: Theta and x from sin(1..n)/10, y = 1 + mod(1:m, K). Prints the relative"
                + " difference and PASS (< 1e-9) or FAIL."},
        footer = {"", "Exit codes: 0 PASS, 1 FAIL, 2 the command line or config was refused."})
final class GradientCheckCommand implements Callable<Integer> {

    /** Networks up to this many parameters are checked: the check evaluates J twice per parameter. */
    static final int MAX_PARAMETERS = 10_000;
    /** The most examples: each cost evaluation runs all of them. */
    static final int MAX_EXAMPLES = 1_000;
    /** PASS below this relative difference, as in the exercise. */
    static final double TOLERANCE = 1e-9;
    /** How much larger the weights feeding a batch-normalized layer are than the exercise's. */
    static final double FEEDING_SCALE = 30.0;
    /** Parameters listed side by side; the rest are summed up in the relative difference. */
    private static final int LISTED = 20;

    @Parameters(arity = "0..1", paramLabel = "CONF",
            description = "A train config; its network (and lambda) keys are used.")
    String configFile;

    @Option(names = "--network", paramLabel = "SPEC", description = "The network, e.g. 3-5:sigmoid-3:sigmoid (overrides CONF).")
    String network;

    @Option(names = "--lambda", paramLabel = "L", description = "L2 weight lambda (overrides CONF). Default: 0.")
    Double lambda;

    @Option(names = "--examples", paramLabel = "M", defaultValue = "5", description = "m, the examples. Default: 5.")
    int examples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Starts the sin sequence at sin(S + 1): 0 (default) is the exercise's.")
    int seed;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        NetworkSpec checked = resolveNetwork();
        Objective objective = resolveObjective();
        if (examples < 1 || examples > MAX_EXAMPLES) {
            throw invocation.refuse("--examples " + examples + ": choose 1.." + MAX_EXAMPLES);
        }
        if (checked.parameterCount() > MAX_PARAMETERS) {
            throw invocation.refuse(String.format(Locale.ROOT, "network %s has %,d parameters;"
                    + " gradcheck takes at most %,d (it evaluates the cost twice per parameter): check a small network"
                    + " with the same kinds of layers instead", checked, checked.parameterCount(), MAX_PARAMETERS));
        }
        double[] theta = forNormalization(checked, sinValues(checked.parameterCount(), seed));
        Examples data = data(checked, examples, seed);
        GradientCheck.Result result = GradientCheck.run(checked, theta, data, objective);
        boolean pass = result.passes(TOLERANCE);
        print(invocation.out(), checked, objective.lambda(), result, theta, data, pass);
        return pass ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private NetworkSpec resolveNetwork() {
        String text = network != null ? network : fromConfig(ConfigKeys.NETWORK);
        if (text == null) {
            throw invocation.refuse(configFile == null
                    ? "gradcheck needs a network: a CONF file with a network key, or --network SPEC"
                    : configFile + ": no network key; add one or pass --network SPEC");
        }
        try {
            return ConfigKeys.NETWORK.parse(text);
        } catch (IllegalArgumentException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
    }

    /** λ from --lambda, else CONF, else 0, checked by the key table (which the objective's rule backs). */
    private Objective resolveObjective() {
        String text = lambda != null ? lambda.toString() : fromConfig(ConfigKeys.LAMBDA);
        try {
            return Objective.l2(text == null ? 0.0 : ConfigKeys.LAMBDA.parse(text));
        } catch (IllegalArgumentException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
    }

    /** The text of {@code key} in CONF, or null when there is no CONF or it lacks the key. */
    private String fromConfig(ConfigKey<?> key) {
        if (configFile == null) {
            return null;
        }
        try {
            Map<String, String> values = ConfigFile.read(configFile, ConfigKeys.NAMES);
            return values.get(key.name());
        } catch (IllegalArgumentException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
    }

    /** θ with γ = 1 + sin and the weights feeding normalized layers scaled (class doc); unchanged without bn. */
    static double[] forNormalization(NetworkSpec spec, double[] theta) {
        for (int l : spec.normalizedLayerNumbers()) {
            for (int p = spec.thetaOffset(l - 1); p < spec.thetaEnd(l - 1); p++) {
                theta[p] *= FEEDING_SCALE;
            }
            for (int i = 0; i < spec.units(l); i++) {
                theta[spec.gammaOffset(l) + i] += 1.0;
            }
        }
        return theta;
    }

    /** The exercise's debugInitializeWeights: value k (1-based, column-major) is sin(k + shift) / 10. */
    static double[] sinValues(int count, int shift) {
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            values[k] = Math.sin(k + 1 + shift) / 10.0;
        }
        return values;
    }

    /** m examples: x from sin(·)/10 and targets of the kind the output expects. */
    static Examples data(NetworkSpec network, int m, int shift) {
        int k = network.outputSize();
        double[] features = sinValues(network.inputSize() * m, shift);
        double[] targets = new double[k * m];
        for (int c = 0; c < m; c++) {
            if (network.output() == Output.LINEAR) {
                for (int i = 0; i < k; i++) {
                    targets[c * k + i] = 2.0 * Math.cos(c * k + i + shift);
                }
            } else if (k == 1) {
                targets[c] = (c + 1) % 2; // a yes/no output: alternate 1, 0, 1, ...
            } else {
                targets[c * k + (c + 1) % k] = 1.0; // y = 1 + mod(1:m, K), one-hot
            }
        }
        return new Examples(network.inputSize(), k, m, features, targets);
    }

    private static void print(PrintStream out, NetworkSpec network, double lambda, GradientCheck.Result result,
                              double[] theta, Examples data, boolean pass) {
        double[] numerical = result.numerical();
        double[] analytical = result.analytical();
        out.printf(Locale.ROOT, "gradcheck  network %s, %d parameters, m = %d examples, lambda = %s%n", network,
                theta.length, data.size(), lambda);
        out.println("           Theta and x from sin(1..n)/10, y = 1 + mod(1:m, K); numerical = central differences"
                + " (epsilon = 1e-4), analytical = backpropagation's D");
        if (network.hasNormalization()) {
            out.println("           batch norm in training mode over the m examples; gamma = 1 + sin(.)/10 and the weights"
                    + " into a bn layer x" + (int) FEEDING_SCALE + " (J ignores their scale, so at 0.1 its curvature"
                    + " would swamp central differences)");
        }
        out.printf(Locale.ROOT, "%-16s %20s %20s%n", "parameter", "numerical", "analytical");
        for (int p = 0; p < Math.min(LISTED, theta.length); p++) {
            out.printf(Locale.ROOT, "%-16s %20.12e %20.12e%n", ascii(network.describeIndex(p)),
                    numerical[p], analytical[p]);
        }
        if (theta.length > LISTED) {
            out.println("... " + (theta.length - LISTED) + " more parameters");
        }
        int worst = 0;
        for (int p = 1; p < theta.length; p++) {
            if (Math.abs(numerical[p] - analytical[p]) > Math.abs(numerical[worst] - analytical[worst])) {
                worst = p;
            }
        }
        out.printf(Locale.ROOT, "largest difference at %s: numerical %.12e, analytical %.12e%n",
                ascii(network.describeIndex(worst)), numerical[worst], analytical[worst]);
        int nearKinks = nearKinks(network, theta, data);
        if (nearKinks > 0) {
            out.println("note: " + nearKinks + " hidden z lie within 1e-3 of a kink (0 in a relu, leaky-relu or abs"
                    + " layer; a tie between a maxout unit's two largest pieces); central differences across a kink"
                    + " disagree with D there, so fewer --examples or another --seed may be needed to judge"
                    + " backpropagation");
        }
        out.printf(Locale.ROOT, "relative difference ||numerical - analytical|| / ||numerical + analytical|| = %.3e%n",
                result.relativeDifference());
        out.println(pass ? "PASS (< 1e-9)" : "FAIL (>= 1e-9)");
    }

    /** A parameter's name in ASCII, as the command prints: Theta, gamma, beta, mean, variance. */
    private static String ascii(String name) {
        return name.replace("Θ", "Theta").replace("γ", "gamma").replace("β", "beta").replace("μ̄", "mean")
                .replace("σ̄²", "variance");
    }

    /**
     * Hidden z^(l) of the examples within 1e-3 of a kink: of 0 in relu, leaky-relu and abs layers,
     * of a maxout unit's other largest piece (where the max changes hands).
     */
    private static int nearKinks(NetworkSpec network, double[] theta, Examples data) {
        Backprop backprop = new Backprop(network, 1);
        int count = 0;
        double[] x = new double[network.inputSize()];
        for (int c = 0; c < data.size(); c++) {
            data.copyFeatures(c, x, 0);
            Trace trace = backprop.trace(theta, x, null);
            for (int l = 2; l < network.layerCount(); l++) {
                Activation.Kind kind = network.activation(l).kind();
                double[] z = trace.z(l);
                if (kind == Activation.Kind.MAXOUT) {
                    count += maxoutTies(z, network.pieces(l));
                } else if (kind == Activation.Kind.RELU || kind == Activation.Kind.LEAKY_RELU
                        || kind == Activation.Kind.ABS) {
                    for (double value : z) {
                        count += Math.abs(value) < 1e-3 ? 1 : 0;
                    }
                }
            }
        }
        return count;
    }

    /** Units whose two largest of K adjacent pieces lie within 1e-3 of each other. */
    private static int maxoutTies(double[] z, int pieces) {
        int count = 0;
        for (int start = 0; start < z.length; start += pieces) {
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int k = start; k < start + pieces; k++) {
                if (z[k] > first) {
                    second = first;
                    first = z[k];
                } else if (z[k] > second) {
                    second = z[k];
                }
            }
            count += first - second < 1e-3 ? 1 : 0;
        }
        return count;
    }
}
