package dev.sparkprop.job;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.ml.SparkpropClassificationModel;
import dev.sparkprop.ml.SparkpropClassifier;
import dev.sparkprop.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * A sweep's candidates fitted and judged on its validation set through Spark ML's tuning (see
 * {@link SweepJob} for the three ways). Spark's tuning reports one metric per candidate; the
 * other figures of the sweep's table come from its sub-models, judged on the same splits Spark
 * made (the same {@code MLUtils.kFold} or {@code randomSplit} call with the same seed).
 */
final class SweepValidation {

    private SweepValidation() {
    }

    /**
     * A candidate's figures; with folds, each is the mean over the folds, and the seconds the
     * sum of its fits.
     */
    record Scores(double validationCost, double validationAccuracy, double trainAccuracy, double seconds) {
        /** The figure named by a sweep's {@code metric}: {@code cost} or {@code accuracy}. */
        double metric(String name) {
            return name.equals("cost") ? validationCost : validationAccuracy;
        }

        Scores plus(Scores other) {
            return new Scores(validationCost + other.validationCost, validationAccuracy + other.validationAccuracy,
                    trainAccuracy + other.trainAccuracy, seconds + other.seconds);
        }

        Scores meanOver(int folds) {
            return new Scores(validationCost / folds, validationAccuracy / folds, trainAccuracy / folds, seconds);
        }
    }

    /** Each candidate's scores, the index of the best, and the model to keep. */
    record Outcome(List<Scores> scores, int best, SparkpropClassificationModel bestModel) {
    }

    /** How the validation set is made, for the sweep's first line. */
    static String describe(TrainConfig config, SweepJob.Settings settings) {
        if (settings.folds() > 0) {
            return settings.folds() + "-fold cross-validation";
        }
        return config.data().validation() != null ? "validation file " + config.data().validation()
                : "validation fraction " + config.data().validationFraction();
    }

    static Outcome run(SparkpropClassifier estimator, ParamMap[] candidates, Dataset<Row> train,
                       Dataset<Row> validationFile, TrainConfig config, SweepJob.Settings settings, int parallelism) {
        MulticlassClassificationEvaluator evaluator = evaluator(settings.metric());
        if (settings.folds() > 0) {
            CrossValidatorModel tuned = DataReader.perform(() -> new CrossValidator().setEstimator(estimator)
                    .setEstimatorParamMaps(candidates).setEvaluator(evaluator).setNumFolds(settings.folds())
                    .setSeed(config.seed()).setParallelism(parallelism).setCollectSubModels(true).fit(train));
            Outcome outcome = crossValidated(tuned, candidates, train, settings.folds(), config.seed());
            sameAsSpark(outcome.scores(), tuned.avgMetrics(), settings.metric());
            return outcome;
        }
        if (validationFile != null) {
            return givenSplit(estimator, candidates, train, validationFile, settings.metric(), parallelism);
        }
        double trainRatio = 1 - config.data().validationFraction();
        TrainValidationSplitModel tuned = DataReader.perform(() -> new TrainValidationSplit().setEstimator(estimator)
                .setEstimatorParamMaps(candidates).setEvaluator(evaluator).setTrainRatio(trainRatio)
                .setSeed(config.seed()).setParallelism(parallelism).setCollectSubModels(true).fit(train));
        // TrainValidationSplit's own split: the same call on the same cached rows.
        Dataset<Row>[] split = train.randomSplit(new double[] {trainRatio, 1 - trainRatio}, config.seed());
        split[0].cache();
        split[1].cache();
        List<Scores> scores = new ArrayList<>();
        for (Model<?> model : tuned.subModels()) {
            scores.add(score((SparkpropClassificationModel) model, split[0], split[1]));
        }
        split[0].unpersist();
        split[1].unpersist();
        return new Outcome(sameAsSpark(scores, tuned.validationMetrics(), settings.metric()),
                best(tuned.validationMetrics(), evaluator), (SparkpropClassificationModel) tuned.bestModel());
    }

    /**
     * A validation file is a split already made: every candidate is fitted on the training data
     * ({@code parallelism} at a time, as Spark's tuning does) and judged on the file; the best
     * candidate's model is kept as it is.
     */
    private static Outcome givenSplit(SparkpropClassifier estimator, ParamMap[] candidates, Dataset<Row> train,
                                      Dataset<Row> validation, String metric, int parallelism) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<SparkpropClassificationModel>> fits = new ArrayList<>();
            for (ParamMap candidate : candidates) {
                fits.add(pool.submit(() -> estimator.fit(train, candidate)));
            }
            List<SparkpropClassificationModel> models = new ArrayList<>();
            List<Scores> scores = new ArrayList<>();
            double[] metrics = new double[candidates.length];
            for (int i = 0; i < candidates.length; i++) {
                SparkpropClassificationModel model = fits.get(i).get();
                models.add(model);
                scores.add(score(model, train, validation));
                metrics[i] = scores.get(i).metric(metric);
            }
            int best = best(metrics, evaluator(metric));
            return new Outcome(scores, best, models.get(best));
        } catch (ExecutionException e) {
            throw DataReader.unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Scores from CrossValidator's sub-models on its folds, recomputed with its kFold call. */
    private static Outcome crossValidated(CrossValidatorModel tuned, ParamMap[] candidates, Dataset<Row> train,
                                          int folds, long seed) {
        Tuple2<RDD<Row>, RDD<Row>>[] splits = MLUtils.kFold(train.toDF().rdd(), folds, seed,
                ClassTag$.MODULE$.apply(Row.class));
        List<Scores> sums = new ArrayList<>();
        for (int i = 0; i < candidates.length; i++) {
            sums.add(new Scores(0, 0, 0, 0));
        }
        for (int f = 0; f < folds; f++) {
            Dataset<Row> training = train.sparkSession().createDataFrame(splits[f]._1(), train.schema()).cache();
            Dataset<Row> validation = train.sparkSession().createDataFrame(splits[f]._2(), train.schema()).cache();
            for (int i = 0; i < candidates.length; i++) {
                sums.set(i, sums.get(i).plus(score((SparkpropClassificationModel) tuned.subModels()[f][i], training,
                        validation)));
            }
            training.unpersist();
            validation.unpersist();
        }
        List<Scores> scores = sums.stream().map(sum -> sum.meanOver(folds)).toList();
        return new Outcome(scores, best(tuned.avgMetrics(), tuned.getEvaluator()),
                (SparkpropClassificationModel) tuned.bestModel());
    }

    /**
     * Checks that the scores recomputed on the recomputed splits give Spark's own metrics, bit for
     * bit: if they did not, the table would describe other splits than the ones Spark chose on.
     */
    private static List<Scores> sameAsSpark(List<Scores> scores, double[] sparkMetrics, String metric) {
        for (int i = 0; i < sparkMetrics.length; i++) {
            if (Double.compare(scores.get(i).metric(metric), sparkMetrics[i]) != 0) {
                throw new IllegalStateException("candidate " + (i + 1) + ": validation " + metric + " "
                        + scores.get(i).metric(metric) + " recomputed, " + sparkMetrics[i] + " by Spark's tuning");
            }
        }
        return scores;
    }

    /** Spark's evaluator of the sweep's metric: log loss for cost, accuracy for accuracy. */
    private static MulticlassClassificationEvaluator evaluator(String metric) {
        return new MulticlassClassificationEvaluator().setMetricName(metric.equals("cost") ? "logLoss" : "accuracy");
    }

    private static Scores score(SparkpropClassificationModel model, Dataset<Row> train, Dataset<Row> validation) {
        Dataset<Row> judged = model.transform(validation).cache();
        try {
            double cost = evaluator("cost").evaluate(judged);
            double accuracy = evaluator("accuracy").evaluate(judged);
            double trainAccuracy = evaluator("accuracy").evaluate(model.transform(train));
            double seconds = Double.parseDouble(model.model().provenance().metrics().getOrDefault("seconds", "NaN"));
            return new Scores(cost, accuracy, trainAccuracy, seconds);
        } finally {
            judged.unpersist();
        }
    }

    /** The index Spark's tuning picks: the first best by the evaluator's direction. */
    private static int best(double[] metrics, org.apache.spark.ml.evaluation.Evaluator evaluator) {
        int best = 0;
        for (int i = 1; i < metrics.length; i++) {
            boolean better = evaluator.isLargerBetter() ? metrics[i] > metrics[best] : metrics[i] < metrics[best];
            best = better ? i : best;
        }
        return best;
    }
}
