package dev.sparkprop.spark;

import dev.sparkprop.data.DataFormat;
import dev.sparkprop.data.DataFormatException;
import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.FeatureStatistics;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.train.ScalingRule;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Reading data sets and fitting what is learned from the training set before training. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Reads {@code path} expecting {@code features} features: in {@code format}, or by the
     * extension when it is empty ({@code auto}); {@code labelColumn} for CSV/Parquet (null: CSV's
     * first column, Parquet's {@code label}); at least {@code partitions} input splits.
     */
    public static JavaRDD<RawExample> read(JavaSparkContext sc, String path, Optional<DataFormat> format,
                                           String labelColumn, int features, int partitions) {
        DataFormat dataFormat = format.orElseGet(() -> DataFormat.fromPath(path, sc.hadoopConfiguration()));
        return DataReader.read(sc, path, dataFormat, features, labelColumn,
                Math.max(sc.defaultMinPartitions(), partitions));
    }

    /**
     * The class names of the training rows for {@code classes} classes; a label that does not
     * fit is reported with the first row that carries it.
     */
    public static LabelIndex fitLabels(JavaRDD<RawExample> rows, int classes) {
        List<String> distinct = DataReader.perform(() -> rows.map(RawExample::label).distinct().collect());
        LabelIndex labels;
        try {
            labels = LabelIndex.fit(distinct, classes);
        } catch (IllegalArgumentException e) {
            RawExample first = DataReader.perform(() -> rows.first());
            throw new DataFormatException(first.source(), e.getMessage());
        }
        for (String label : distinct) {
            try {
                labels.indexOf(label);
            } catch (IllegalArgumentException e) {
                RawExample bad = DataReader.perform(() -> rows.filter(row -> row.label().equals(label)).first());
                throw new DataFormatException(bad.source(), bad.line(), e.getMessage());
            }
        }
        return labels;
    }

    /**
     * The rows held out for validation ({@code validation} true) or kept for training: a row is
     * held out when a hash of (seed, file, line) falls below {@code fraction}, so the split does
     * not depend on partitioning and repeats with the seed.
     */
    public static JavaRDD<RawExample> split(JavaRDD<RawExample> rows, long seed, double fraction, boolean validation) {
        return rows.filter(row -> (uniform(seed, row.source(), row.line()) < fraction) == validation);
    }

    private static double uniform(long seed, String source, long line) {
        long h = seed * 0x9E3779B97F4A7C15L + source.hashCode() * 0xC2B2AE3D27D4EB4FL + line * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** {@code rule} fitted to the rows, with statistics from one distributed pass when it needs them. */
    public static FeatureScaling fitScaling(JavaRDD<RawExample> rows, ScalingRule rule, int features, int treeDepth) {
        if (!rule.needsStatistics()) {
            FeatureStatistics unused = new FeatureStatistics().add(new double[features]);
            return rule.fit(unused);
        }
        FeatureStatistics stats = DataReader.perform(() -> rows.treeAggregate(new FeatureStatistics(),
                (partial, row) -> partial.add(row.features()), FeatureStatistics::merge, treeDepth));
        return rule.fit(stats);
    }
}
