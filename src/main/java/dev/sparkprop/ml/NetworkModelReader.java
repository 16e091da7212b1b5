package dev.sparkprop.ml;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/**
 * Loads what {@link NetworkModelWriter} saved: Spark's metadata gives the uid and the Params,
 * the data directory the sparkprop {@link Model} (spec, Θ, labels, scaling, provenance).
 *
 * <p>{@code PipelineModel.load} finds this reader by the class name in a stage's metadata, through
 * a public static {@code read()} on that class; each model class therefore has one, returning
 * {@code new NetworkModelReader<>(ItsClass.class, ItsClass::new)}.
 *
 * <p>A missing, truncated or corrupt data file is refused with the model file's one-line error,
 * which names the file ({@code PATH/data/model.sparkprop: checksum mismatch: ...}); a directory
 * without {@code metadata/} (a {@code train} output, say) is refused naming PATH; metadata of
 * another class is refused by Spark's reader, naming both classes.
 *
 * @param <M> the Spark ML model class
 */
final class NetworkModelReader<M extends Params> extends MLReader<M> {

    private final Class<M> type;
    private final BiFunction<String, Model, M> make;

    /** A reader of {@code type}, whose instances {@code make(uid, model)} builds before the Params are set. */
    NetworkModelReader(Class<M> type, BiFunction<String, Model, M> make) {
        this.type = type;
        this.make = make;
    }

    @Override
    public M load(String path) {
        String data = new Path(path, NetworkModelWriter.DATA).toString();
        try {
            requireMetadata(path);
            DefaultParamsReader.Metadata metadata = SparkMlMetadata.load(path, sparkSession(), type.getName());
            M instance = make.apply(metadata.uid(), ModelStore.load(data, sc().hadoopConfiguration()));
            metadata.getAndSetParams(instance, Option.empty());
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read the model: " + e.getMessage(), e);
        }
    }

    /**
     * Spark's own reader would fail on a missing {@code metadata/} with Hadoop's "Input path does
     * not exist"; this names the path and what it is not (a {@code train} output directory, say).
     */
    private void requireMetadata(String path) throws IOException {
        Path metadata = new Path(path, "metadata");
        if (!metadata.getFileSystem(sc().hadoopConfiguration()).exists(metadata)) {
            throw new IllegalArgumentException(path + ": not a saved Spark ML model (no metadata/ directory)");
        }
    }
}
