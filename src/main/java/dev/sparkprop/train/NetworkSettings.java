package dev.sparkprop.train;

import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;

/**
 * The network, how its Θ starts and how much of it dropout hides in training (config keys in
 * brackets).
 *
 * @param spec the layers, their activations and the output's cost [network]
 * @param init how Θ is drawn, with the bias constant of {@code initBias} put in when one is set [init, init-bias]
 * @param initBias one constant for every bias, or null to draw biases like the weights [init-bias]
 * @param dropoutRates the probability of dropping each hidden layer's units in training, one per
 *     hidden layer (index 0 = layer 2; empty without hidden layers) [dropout]
 */
public record NetworkSettings(NetworkSpec spec, Initialization init, Double initBias, double[] dropoutRates) {

    /** Keeps its own copy of the rates. */
    public NetworkSettings {
        dropoutRates = dropoutRates.clone();
    }

    /** The rates, a fresh copy. */
    @Override
    public double[] dropoutRates() {
        return dropoutRates.clone();
    }
}
