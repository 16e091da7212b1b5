package dev.sparkprop.train;

import dev.sparkprop.data.DataFormat;
import java.util.Optional;

/** The data of a run: what is read, how, and what is held out (config keys in brackets). */
public final class DataSettings {

    private final TrainConfig config;

    DataSettings(TrainConfig config) {
        this.config = config;
    }

    /** Training data: a local path or any Hadoop URI [train]. */
    public String train() {
        return config.get(ConfigKeys.TRAIN);
    }

    /** Test data, evaluated once at the end, or null for none [test]. */
    public String test() {
        return config.get(ConfigKeys.TEST);
    }

    /** Validation data, evaluated every epoch, or null for none [validation]. */
    public String validation() {
        return config.get(ConfigKeys.VALIDATION);
    }

    /** The format of every data path, or empty to tell each one's from its name ({@code auto}) [format]. */
    public Optional<DataFormat> format() {
        return config.get(ConfigKeys.FORMAT);
    }

    /** The feature count, or -1 to take the network's input layer size [features]. */
    public int features() {
        return config.get(ConfigKeys.FEATURES);
    }

    /** The CSV/Parquet label column, or null for CSV's first column and Parquet's {@code label} [label-column]. */
    public String labelColumn() {
        return config.get(ConfigKeys.LABEL_COLUMN);
    }

    /** How features are scaled before the input layer, fitted on the training rows [scaling]. */
    public ScalingRule scaling() {
        return config.get(ConfigKeys.SCALING);
    }

    /**
     * The seeded fraction of the training rows held out as the validation set when no
     * {@code validation} file is given; 0 = none [validation-fraction].
     */
    public double validationFraction() {
        return config.get(ConfigKeys.VALIDATION_FRACTION);
    }
}
