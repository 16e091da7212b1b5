package dev.sparkprop.train;

import static dev.sparkprop.train.ConfigKeys.FEATURES;
import static dev.sparkprop.train.ConfigKeys.FORMAT;
import static dev.sparkprop.train.ConfigKeys.LABEL_COLUMN;
import static dev.sparkprop.train.ConfigKeys.SCALING;
import static dev.sparkprop.train.ConfigKeys.TEST;
import static dev.sparkprop.train.ConfigKeys.TRAIN;
import static dev.sparkprop.train.ConfigKeys.VALIDATION;
import static dev.sparkprop.train.ConfigKeys.VALIDATION_FRACTION;

import dev.sparkprop.data.DataFormat;
import java.util.Optional;

/**
 * The data of a run: what is read, how, and what is held out (config keys in brackets).
 *
 * @param train training data: a local path or any Hadoop URI [train]
 * @param test test data, evaluated once at the end, or null for none [test]
 * @param validation validation data, evaluated every epoch, or null for none [validation]
 * @param format the format of every data path, or empty to tell each one's from its name ({@code auto}) [format]
 * @param features the feature count, or -1 to take the network's input layer size [features]
 * @param labelColumn the CSV/Parquet label column, or null for CSV's first column and Parquet's
 *     {@code label} [label-column]
 * @param scaling how features are scaled before the input layer, fitted on the training rows [scaling]
 * @param validationFraction the seeded fraction of the training rows held out as the validation
 *     set when no {@code validation} file is given; 0 = none [validation-fraction]
 */
public record DataSettings(String train, String test, String validation, Optional<DataFormat> format, int features,
                           String labelColumn, ScalingRule scaling, double validationFraction) {

    static DataSettings of(TrainConfig config) {
        return new DataSettings(config.get(TRAIN), config.get(TEST), config.get(VALIDATION), config.get(FORMAT),
                config.get(FEATURES), config.get(LABEL_COLUMN), config.get(SCALING), config.get(VALIDATION_FRACTION));
    }
}
