package dev.sparkprop.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The peer: Spark MLlib's {@link MultilayerPerceptronClassifier} on the same CSV files, pixels
 * divided by 255, layers 784,256,128,10 (sigmoid hidden layers and softmax output: the only
 * network it has), block size 128, seed 1. The data is read, partitioned, cached and counted
 * before the clock starts, so {@code fit_s} is {@code fit()} alone.
 *
 * <p>Per pass: every Spark job of an L-BFGS fit is one full pass over the data (a count, then one
 * treeAggregate of loss and gradient per function evaluation, line search included), so the
 * median time from one fit job's start to the next is MLlib's time per pass, with its driver
 * work in it, as sparkprop's passes have theirs. {@code samples_per_s} is the peer benchmark's
 * figure, rows × iterations / fit seconds.
 *
 * <p>Allowed here as the yardstick only: sparkprop itself never trains with MLlib.
 */
public final class MllibBench {

    private MllibBench() {
    }

    /**
     * The labelled, scaled rows of a {@code label,pixel...} CSV (header first) in {@code partitions}
     * cached partitions: lines parsed into (label, dense vector / 255) and made a DataFrame. (Spark's
     * CSV reader would build a 785-column schema first, which takes seconds on its own.)
     */
    public static Dataset<Row> load(SparkSession spark, String csv, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = sc.textFile(csv).filter(line -> !line.startsWith("label")).map(line -> {
            String[] fields = line.split(",");
            double[] pixels = new double[BenchData.FEATURES];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = Double.parseDouble(fields[i + 1]) / 255.0;
            }
            return RowFactory.create(Double.parseDouble(fields[0]), Vectors.dense(pixels));
        });
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("label", DataTypes.DoubleType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(partitions).cache();
        frame.count();
        return frame;
    }

    /**
     * Fits once with {@code solver} ({@code l-bfgs}, the default fit, or {@code gd}) for
     * {@code maxIter} iterations and scores the test rows.
     */
    public static Map<String, Object> fit(SparkSession spark, Dataset<Row> train, Dataset<Row> test, String solver,
                                          int maxIter) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {BenchData.FEATURES, 256, 128, BenchData.CLASSES})
                .setBlockSize(128).setMaxIter(maxIter).setSolver(solver).setTol(1e-6).setSeed(1);
        String group = "bench-mllib-" + solver + "-" + System.nanoTime();
        JobStarts starts = new JobStarts(group);
        spark.sparkContext().addSparkListener(starts);
        sc.setJobGroup(group, "MultilayerPerceptronClassifier.fit", false);
        HeapMeter.resetPeak();
        long begin = System.nanoTime();
        MultilayerPerceptronClassificationModel model = mlp.fit(train);
        long end = System.nanoTime();
        long endMillis = System.currentTimeMillis();
        double peakHeap = HeapMeter.peakMb();
        sc.clearJobGroup();
        List<Long> jobStarts = starts.awaitQuiet();
        spark.sparkContext().removeSparkListener(starts);
        double fitSeconds = (end - begin) / 1e9;
        int iterations = model.summary().totalIterations();
        long rows = train.count();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("solver", solver);
        result.put("max_iter", maxIter);
        result.put("partitions", train.rdd().getNumPartitions());
        result.put("block_size", 128);
        result.put("fit_s", Stats.round(fitSeconds, 3));
        result.put("iterations", iterations);
        result.put("fit_jobs", jobStarts.size());
        result.put("samples_per_s", Math.round(rows * (double) iterations / fitSeconds));
        double passSeconds = Stats.median(passSeconds(jobStarts, endMillis));
        result.put("pass_seconds_median", Stats.round(passSeconds, 4));
        result.put("examples_per_second", Math.round(rows / passSeconds));
        result.put("test_accuracy", Stats.round(accuracy.evaluate(model.transform(test)), 4));
        result.put("peak_heap_mb", Stats.round(peakHeap, 1));
        return result;
    }

    /** Seconds from each fit job's start to the next one's (the last: to the end of fit): one pass each. */
    private static double[] passSeconds(List<Long> starts, long fitEndMillis) {
        double[] seconds = new double[starts.size()];
        for (int j = 0; j < starts.size(); j++) {
            long next = j + 1 < starts.size() ? starts.get(j + 1) : fitEndMillis;
            seconds[j] = (next - starts.get(j)) / 1e3;
        }
        return seconds;
    }

    /**
     * Start times (epoch ms) of the jobs in one job group. Listener events arrive on Spark's bus
     * thread after the fact, so {@link #awaitQuiet} waits until no new one came for a while.
     */
    private static final class JobStarts extends SparkListener {
        private final String group;
        private final List<Long> times = Collections.synchronizedList(new ArrayList<>());

        JobStarts(String group) {
            this.group = group;
        }

        @Override
        public void onJobStart(SparkListenerJobStart event) {
            if (group.equals(event.properties().getProperty("spark.jobGroup.id"))) {
                times.add(event.time());
            }
        }

        List<Long> awaitQuiet() {
            int seen = -1;
            for (int wait = 0; wait < 50 && times.size() != seen; wait++) {
                seen = times.size();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            List<Long> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            return sorted;
        }
    }
}
