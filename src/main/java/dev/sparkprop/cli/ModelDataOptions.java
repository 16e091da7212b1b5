package dev.sparkprop.cli;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.job.ModelJobs;
import java.io.IOException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands that apply a model to data ({@code evaluate}, {@code predict}) share, mixed
 * into each: the MODEL and DATA parameters, the master and the data-layout options, and how they
 * load the model and read the data. The session itself comes from {@link SparkSessions}.
 */
final class ModelDataOptions {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file, or a train output directory.")
    String modelPath;

    @Parameters(index = "1", paramLabel = "DATA", description = "Data in the training data's layout.")
    String dataPath;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (unset: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the data; 0 = Spark's default.")
    int partitions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, libsvm, csv or parquet. Default: auto (by extension).")
    String format;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "CSV/Parquet label column (unset: CSV's first, Parquet's label).")
    String labelColumn;

    /** The model named by MODEL. */
    Model loadModel(JavaSparkContext sc) throws IOException {
        return ModelStore.load(modelPath, sc.hadoopConfiguration());
    }

    /** DATA, read as {@code model} expects it. */
    JavaRDD<RawExample> readData(JavaSparkContext sc, Model model) {
        return ModelJobs.read(sc, model, dataPath, format, labelColumn, partitions);
    }
}
