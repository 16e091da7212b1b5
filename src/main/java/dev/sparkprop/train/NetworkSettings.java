package dev.sparkprop.train;

import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;

/**
 * The network, how its Θ starts and how much of it dropout hides in training (config keys in
 * brackets). Θ starts drawn by {@code init}, or given: as text ({@code init = theta:FILE}) or as a
 * saved model's ({@code initial-model}); {@link StartingTheta} makes it.
 *
 * @param spec the layers, their activations and the output's cost [network]
 * @param init how Θ is drawn, with the bias constant of {@code initBias} put in when one is set; null
 *     when Θ is given as text [init, init-bias]
 * @param initBias one constant for every bias, or null to draw biases like the weights [init-bias]
 * @param dropoutRates the probability of dropping each hidden layer's units in training, one per
 *     hidden layer (index 0 = layer 2; empty without hidden layers) [dropout]
 * @param thetaFile the Θ text to start from, or null [init = theta:FILE]
 * @param initialModel the saved model to start from, or null [initial-model]
 */
public record NetworkSettings(NetworkSpec spec, Initialization init, Double initBias, double[] dropoutRates,
                              String thetaFile, String initialModel) {

    /** Keeps its own copy of the rates. */
    public NetworkSettings {
        dropoutRates = dropoutRates.clone();
    }

    /** The rates, a fresh copy. */
    @Override
    public double[] dropoutRates() {
        return dropoutRates.clone();
    }

    /** Whether Θ starts from a file or a model rather than from the seed. */
    public boolean thetaGiven() {
        return thetaFile != null || initialModel != null;
    }
}
