package dev.sparkprop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkprop.ml.SparkpropClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;

/** Reading {@code --grid} axes and laying them out as Spark ML ParamMaps, without a cluster. */
class SweepGridTest {

    @Test
    void candidatesComeInTheAxesOrderWhateverTheEstimatorsUid() {
        SweepGrid grid = SweepGrid.parse(List.of("network=4-4:tanh-3:softmax, 4-8:tanh-3:softmax",
                "lambda=0,0.3,3"));
        List<Map<String, String>> expected = List.of(
                Map.of("network", "4-4:tanh-3:softmax", "lambda", "0"),
                Map.of("network", "4-4:tanh-3:softmax", "lambda", "0.3"),
                Map.of("network", "4-4:tanh-3:softmax", "lambda", "3"),
                Map.of("network", "4-8:tanh-3:softmax", "lambda", "0"),
                Map.of("network", "4-8:tanh-3:softmax", "lambda", "0.3"),
                Map.of("network", "4-8:tanh-3:softmax", "lambda", "3"));
        assertEquals(expected, grid.combinations());
        // ParamGridBuilder orders by the Params' hashes, which follow the random uid: try several.
        for (int run = 0; run < 20; run++) {
            SparkpropClassifier estimator = new SparkpropClassifier();
            List<Map<String, String>> settings = new ArrayList<>();
            for (ParamMap candidate : grid.paramMaps(estimator)) {
                settings.add(grid.settings(estimator, candidate));
            }
            assertEquals(expected, settings, "estimator " + estimator.uid());
        }
    }

    @Test
    void valuesWithCommasAreSeparatedByBars() {
        SweepGrid grid = SweepGrid.parse(List.of("dropout=0.2,0.5|0.5,0.5"));
        assertEquals(List.of("0.2,0.5", "0.5,0.5"), grid.axes().get(0).values());
    }

    @Test
    void refusesEachBadAxisInOneLine() {
        Map<String, String> refusals = Map.of(
                "lambda=0,heavy", "lambda=heavy: not a number",
                "epochs=10,0", "epochs=0: must be >= 1",
                "lambda", "--grid lambda: write KEY=V1,V2,..., e.g. lambda=0,0.3,3",
                "speed=1,2", "--grid speed=1,2: no config key 'speed'",
                "train=a.csv,b.csv", "--grid train=a.csv,b.csv: train is not a training setting a sweep can vary"
                        + " (data, output, validation and cluster keys are not)");
        refusals.forEach((axis, message) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.parse(List.of(axis))).getMessage(), axis));
        assertEquals("--grid lambda=1: lambda is already an axis", assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.parse(List.of("lambda=0", "lambda=1"))).getMessage());
    }
}
