package dev.sparkprop.ml;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a Spark ML model that holds a sparkprop {@link Model}, in Spark's directory layout:
 *
 * <pre>
 *   PATH/metadata/part-00000      Spark's JSON: class, uid, Spark version, the Params and their defaults
 *   PATH/data/model.sparkprop     the network: spec, Θ, class names, scaling, provenance
 *                                 ({@code model.ModelFile}, checksummed)
 * </pre>
 *
 * The metadata is Spark's own ({@link DefaultParamsWriter#saveMetadata}), so {@code Pipeline}
 * and {@code PipelineModel} save and load the model as one of their stages; the data is the same
 * file the {@code train} command writes, so {@code sparkprop inspect PATH/data} reads it too.
 * {@link MLWriter#save} refuses an existing PATH unless {@code overwrite()} was called, and
 * writes through Hadoop's FileSystem (local, {@code hdfs:}, {@code s3a:} ...).
 *
 * <p>Spark's {@code DefaultParamsWriter} is {@code private[ml]} to Scala code but public to
 * Java; Spark's own models save their metadata through it.
 */
final class NetworkModelWriter extends MLWriter {

    /** The data directory's name under PATH. */
    static final String DATA = "data";

    private final Params instance;
    private final Model model;

    /** A writer of {@code instance}'s Params and of {@code model}, the network it holds. */
    NetworkModelWriter(Params instance, Model model) {
        this.instance = instance;
        this.model = model;
    }

    @Override
    public void saveImpl(String path) {
        SparkMlMetadata.save(instance, path, sparkSession());
        String data = new Path(path, DATA).toString();
        try {
            ModelStore.save(model, data, sc().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(data + ": cannot write the model: " + e.getMessage(), e);
        }
    }
}
