package dev.sparkprop.train;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.model.ThetaText;
import dev.sparkprop.nn.NetworkSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The Θ a run starts from, the one place it is made (config keys in brackets):
 *
 * <pre>
 *   drawn from the seed by a scheme            [init = uniform | xavier | ...,  init-bias]
 *   given as text, theta export's layout       [init = theta:FILE]
 *   given as a saved model's Θ (warm start)    [initial-model = DIR]
 *   given as a vector (Spark ML initialWeights, converted from MLPC's layout by the estimator)
 * </pre>
 *
 * A given Θ must fit the run's network layer for layer ({@link #given}): the sizes s_1..s_L must be
 * the same, while the activations may differ (fine-tuning may swap an output's cost). Files are read
 * through Hadoop, so any path {@code train} accepts works here too.
 */
public final class StartingTheta {

    /** The prefix of {@code init} that names a Θ text file. */
    public static final String THETA_PREFIX = "theta:";

    private StartingTheta() {
    }

    /** A fresh Θ for the run {@code config} describes; given files are read with {@code hadoop}. */
    public static double[] of(TrainConfig config, Configuration hadoop) throws IOException {
        NetworkSettings network = config.network();
        if (network.initialModel() != null) {
            Model model = ModelStore.load(network.initialModel(), hadoop);
            return given(network.spec(), model.spec(), model.theta(),
                    ConfigKeys.INITIAL_MODEL + "=" + network.initialModel());
        }
        if (network.thetaFile() != null) {
            String source = ConfigKeys.INIT + "=" + THETA_PREFIX + network.thetaFile();
            Model text = readText(network.thetaFile(), network.spec(), hadoop, source);
            return given(network.spec(), text.spec(), text.theta(), source);
        }
        return network.init().initialize(network.spec(), config.seed());
    }

    /**
     * {@code theta} of a {@code givenSpec} network as the start of a {@code spec} run: a copy, once
     * the layer sizes agree and every entry is finite; else one line naming {@code source} and both shapes.
     */
    public static double[] given(NetworkSpec spec, NetworkSpec givenSpec, double[] theta, String source) {
        if (!givenSpec.sizes().equals(spec.sizes())) {
            throw new IllegalArgumentException(source + ": Θ is for layers " + shape(givenSpec) + " (" + givenSpec
                    + ", " + givenSpec.parameterCount() + " parameters) but the network is " + shape(spec) + " (" + spec
                    + ", " + spec.parameterCount() + " parameters)");
        }
        try {
            return spec.checkTheta(theta.clone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The layer sizes as the notes draw them: {@code 2-2-2}. */
    private static String shape(NetworkSpec spec) {
        return String.join("-", spec.sizes().stream().map(String::valueOf).toList());
    }

    /**
     * Θ text: against its own {@code # network:} line when it has one (so a wrong shape is named as
     * such), else against the run's network.
     */
    private static Model readText(String path, NetworkSpec spec, Configuration hadoop, String source)
            throws IOException {
        Path file = new Path(path);
        FileSystem fs = file.getFileSystem(hadoop);
        String text;
        try (InputStream in = fs.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(source + ": no such file", e);
        }
        boolean named = text.lines().anyMatch(line -> line.trim().startsWith("# network:"));
        try (Reader in = new StringReader(text)) {
            return ThetaText.read(in, path, named ? null : spec);
        }
    }
}
