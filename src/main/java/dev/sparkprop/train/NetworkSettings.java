package dev.sparkprop.train;

import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;

/** The network, how its Θ starts and how much of it dropout hides in training (config keys in brackets). */
public final class NetworkSettings {

    private final TrainConfig config;
    private final Initialization init;
    private final double[] dropoutRates;

    NetworkSettings(TrainConfig config, Initialization init, double[] dropoutRates) {
        this.config = config;
        this.init = init;
        this.dropoutRates = dropoutRates;
    }

    /** The layers, their activations and the output's cost [network]. */
    public NetworkSpec spec() {
        return config.get(ConfigKeys.NETWORK);
    }

    /** How Θ is drawn, with the bias constant of {@link #initBias()} put in when one is set [init, init-bias]. */
    public Initialization init() {
        return init;
    }

    /** One constant for every bias, or null to draw biases like the weights [init-bias]. */
    public Double initBias() {
        return config.get(ConfigKeys.INIT_BIAS);
    }

    /**
     * The probability of dropping each hidden layer's units in training, one per hidden layer
     * (index 0 = layer 2; empty without hidden layers) [dropout]. A fresh copy.
     */
    public double[] dropoutRates() {
        return dropoutRates.clone();
    }
}
