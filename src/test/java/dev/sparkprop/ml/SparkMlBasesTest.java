package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

/**
 * What {@code SparkMlBases.scala} is for. Spark's traits make their Params (featuresCol,
 * probabilityCol, ...) while the Spark base class is constructed, each reading {@code uid} then;
 * the Scala bases set the uid first, so every Param of the four classes, Spark's and the key
 * table's, belongs to the uid it was built with, and Spark's {@code set} accepts them. No Spark
 * session: these are plain objects.
 */
class SparkMlBasesTest {

    private static Model network(String spec) {
        NetworkSpec parsed = NetworkSpec.parse(spec);
        return new Model(parsed, new double[parsed.parameterCount()], parsed.output().isClassification()
                ? LabelIndex.numbered(3) : null, FeatureScaling.none(parsed.inputSize()), Provenance.NONE);
    }

    @Test
    void everyParamOfTheFourBelongsToTheUidTheyWereBuiltWith() {
        List<Params> built = List.of(new SparkpropClassifier("classifier_1"), new SparkpropRegressor("regressor_1"),
                new SparkpropClassificationModel("classifierModel_1", network("4-5:tanh-3:softmax")),
                new SparkpropRegressionModel("regressorModel_1", network("3-4:tanh-1:linear")));
        for (Params stage : built) {
            assertTrue(stage.hasParam("featuresCol") && stage.hasParam("predictionCol"), stage.uid());
            for (Param<?> param : stage.params()) {
                assertEquals(stage.uid(), param.parent(), stage.uid() + "'s Param " + param.name());
            }
            Param<Object> features = stage.getParam("featuresCol");
            assertEquals("x", stage.copy(new ParamMap().put(features, "x")).getOrDefault(features));
        }
        assertEquals("classifier_1", built.get(0).uid());
        assertTrue(((SparkpropClassifier) built.get(0)).explainParams().contains("probabilityCol"));
    }

    @Test
    void aModelNotMadeByFitHasNoSummaryAndItsCopiesNeither() {
        SparkpropRegressionModel model = new SparkpropRegressionModel("regressorModel_2", network("3-4:tanh-1:linear"));
        SparkpropRegressionModel copy = model.copy(new ParamMap());

        assertFalse(model.hasSummary());
        assertFalse(copy.hasSummary());
        assertEquals("regressorModel_2", copy.uid());
        assertNull(copy.parent());
        IllegalStateException e = assertThrows(IllegalStateException.class, copy::summary);
        assertEquals("No training summary available for this SparkpropRegressionModel: only a model returned by fit"
                + " has one (see hasSummary())", e.getMessage());
    }
}
