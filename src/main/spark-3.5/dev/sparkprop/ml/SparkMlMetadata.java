package dev.sparkprop.ml;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Spark ML's metadata (uid, class, Params) on Spark 3.5, whose {@code DefaultParamsWriter} and
 * {@code DefaultParamsReader} take the {@code SparkContext}. Spark 4 deprecated those for
 * {@code SparkSession} variants: its twin is in {@code src/main/spark-4}.
 */
final class SparkMlMetadata {

    private SparkMlMetadata() {
    }

    /** Writes {@code instance}'s metadata under {@code path}/metadata. */
    static void save(Params instance, String path, SparkSession session) {
        DefaultParamsWriter.saveMetadata(instance, path, session.sparkContext(), Option.empty(), Option.empty());
    }

    /** Reads the metadata under {@code path}/metadata; refuses one of a class other than {@code className}. */
    static DefaultParamsReader.Metadata load(String path, SparkSession session, String className) {
        return DefaultParamsReader.loadMetadata(path, session.sparkContext(), className);
    }
}
