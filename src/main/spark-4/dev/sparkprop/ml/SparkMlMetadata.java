package dev.sparkprop.ml;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.sql.SparkSession;

/** Spark ML's metadata on Spark 4: the {@code SparkSession} variants (Spark 3.5's twin: {@code src/main/spark-3.5}). */
final class SparkMlMetadata {

    private SparkMlMetadata() {
    }

    static void save(Params instance, String path, SparkSession session) {
        DefaultParamsWriter.saveMetadata(instance, path, session);
    }

    static DefaultParamsReader.Metadata load(String path, SparkSession session, String className) {
        return DefaultParamsReader.loadMetadata(path, session, className);
    }
}
