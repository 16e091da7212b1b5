package dev.sparkprop.spark;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.train.Sparsity;
import dev.sparkprop.train.Workspaces;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Distributed scoring: every input row becomes one output row, in input order, written by the
 * executors (nothing is collected to the driver). Columns:
 *
 * <pre>
 *   line         the row's line (text input) or row number (Parquet) in its file
 *   label        the input's label text, as given
 *   prediction   the predicted class name, or the predicted value for regression
 *   p_NAME       one probability (output value) per class, for classification
 * </pre>
 *
 * Written as CSV (with a header) or Parquet to a hidden staging directory, then renamed to the
 * output path, so a failed run leaves nothing under it.
 */
public final class Scoring {

    private Scoring() {
    }

    /** Refuses an existing {@code output} unless {@code overwrite}; {@link #predict} calls it before any work. */
    private static void checkOutput(SparkSession spark, String output, boolean overwrite) throws IOException {
        Path path = new Path(output);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(path) && !overwrite) {
            throw new IllegalArgumentException("--out " + output + ": already exists; choose another path or pass"
                    + " --overwrite");
        }
    }

    /** Scores {@code rows} and writes them to {@code output} as {@code csv} or {@code parquet}; returns the row count. */
    public static long predict(SparkSession spark, Model model, JavaRDD<RawExample> rows, String output,
                               String format, boolean overwrite, int blockSize) throws IOException {
        checkOutput(spark, output, overwrite);
        NetworkSpec spec = model.spec();
        ExampleEncoder encoder = ExampleEncoder.of(model);
        Broadcast<SharedTheta> theta = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .broadcast(new SharedTheta(model.theta()));
        LongAccumulator written = spark.sparkContext().longAccumulator("rows scored");
        JavaRDD<Row> scored = rows.mapPartitions(part -> score(part, spec, encoder, theta.value().values(), blockSize, written));
        Dataset<Row> frame = spark.createDataFrame(scored, schema(model));
        Path target = new Path(output);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path staging = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            DataReader.perform(() -> {
                frame.write().format(format).option("header", "true").save(staging.toString());
                return null;
            });
            if (fs.exists(target)) {
                fs.delete(target, true); // only reached with overwrite
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("could not rename " + staging + " to " + target);
            }
        } finally {
            fs.delete(staging, true);
            theta.destroy();
        }
        return written.value();
    }

    private static StructType schema(Model model) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("line", DataTypes.LongType, false));
        fields.add(DataTypes.createStructField("label", DataTypes.StringType, true));
        if (model.labels() == null) {
            fields.add(DataTypes.createStructField("prediction", DataTypes.DoubleType, false));
        } else {
            fields.add(DataTypes.createStructField("prediction", DataTypes.StringType, false));
            for (String name : model.labels().names()) {
                fields.add(DataTypes.createStructField("p_" + name, DataTypes.DoubleType, false));
            }
        }
        return DataTypes.createStructType(fields);
    }

    /** Scores one partition lazily, {@code blockSize} rows at a time; runs on an executor. */
    private static Iterator<Row> score(Iterator<RawExample> part, NetworkSpec spec, ExampleEncoder encoder,
                                       double[] theta, int blockSize, LongAccumulator written) {
        int n = spec.inputSize();
        int k = spec.outputSize();
        double[] outputs = new double[k * blockSize];
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>(blockSize);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == ready.size() && part.hasNext()) {
                    refill();
                }
                return next < ready.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }

            private void refill() {
                List<RawExample> chunk = new ArrayList<>(blockSize);
                while (part.hasNext() && chunk.size() < blockSize) {
                    chunk.add(part.next());
                }
                Examples examples = sparseChunk(chunk);
                if (examples == null) {
                    double[] features = new double[n * chunk.size()];
                    for (int c = 0; c < chunk.size(); c++) {
                        encoder.scaling().applyInto(checkWidth(chunk.get(c), n), features, c * n);
                    }
                    examples = new Examples(n, 0, chunk.size(), features, null);
                }
                Workspaces.backprop(spec, blockSize, examples.isSparse())
                        .predictInto(theta, examples, 0, chunk.size(), outputs, 0);
                ready.clear();
                next = 0;
                for (int c = 0; c < chunk.size(); c++) {
                    ready.add(toRow(chunk.get(c), outputs, c * k, k, encoder));
                }
                written.add(chunk.size());
            }

            /**
             * The chunk as compressed sparse rows when it is as thin as {@code sparse = auto} would
             * store (and the scaling keeps zeros), so a 2^18-feature text row is not expanded; else null.
             */
            private Examples sparseChunk(List<RawExample> chunk) {
                long nonZeros = 0;
                for (RawExample row : chunk) {
                    checkWidth(row, n);
                    nonZeros += row.nonZeroCount();
                }
                if (!encoder.scaling().keepsZeros()
                        || !Sparsity.AUTO.storesSparse((double) nonZeros / ((double) n * chunk.size()), true)) {
                    return null;
                }
                int[] rowPointers = new int[chunk.size() + 1];
                int[] columns = new int[(int) nonZeros];
                double[] values = new double[(int) nonZeros];
                for (int c = 0; c < chunk.size(); c++) {
                    rowPointers[c + 1] = rowPointers[c]
                            + encoder.encodeSparseFeaturesInto(chunk.get(c), columns, values, rowPointers[c]);
                }
                return Examples.sparse(n, 0, chunk.size(), rowPointers, columns, values, null);
            }
        };
    }

    private static double[] checkWidth(RawExample row, int features) {
        if (row.featureCount() != features) {
            throw new dev.sparkprop.data.DataFormatException(row.source(), row.line(), "the row has "
                    + row.featureCount() + " features; the model expects " + features);
        }
        return row.features();
    }

    private static Row toRow(RawExample row, double[] outputs, int offset, int k, ExampleEncoder encoder) {
        if (!encoder.isClassification()) {
            return RowFactory.create(row.line(), row.label(), outputs[offset]);
        }
        Object[] values = new Object[3 + Math.max(2, k)];
        values[0] = row.line();
        values[1] = row.label();
        values[2] = encoder.labels().name(Backprop.classOf(outputs, offset, k));
        if (k == 1) {
            values[3] = 1.0 - outputs[offset];
            values[4] = outputs[offset];
        } else {
            for (int i = 0; i < k; i++) {
                values[3 + i] = outputs[offset + i];
            }
        }
        return RowFactory.create(values);
    }
}
