package dev.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet written by Spark itself, read back through {@link DataReader}. */
class DataReaderParquetTest {

    private static final int INFER = DataReader.INFER_FEATURE_COUNT;
    private static JavaSparkContext sc;
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        sc = dev.sparkprop.testing.SharedSpark.context();
        spark = dev.sparkprop.testing.SharedSpark.session();
    }

    @Test
    void readsAVectorColumnWithANumericLabel() {
        String path = write("vectors", schema("label", DataTypes.DoubleType,
                        "features", SQLDataTypes.VectorType()),
                RowFactory.create(1.0, Vectors.dense(0.5, 0, 2)),
                RowFactory.create(0.0, Vectors.sparse(3, new int[] {1}, new double[] {-4})));
        assertEquals(DataFormat.PARQUET, DataFormat.fromPath(path));
        List<RawExample> examples = collect(DataReader.read(sc, path, DataFormat.PARQUET, INFER, null));
        assertEquals(List.of(new RawExample(path, 1, "1.0", new double[] {0.5, 0, 2}),
                new RawExample(path, 2, "0.0", new double[] {0, -4, 0})), examples);
    }

    @Test
    void readsNumericColumnsWithANamedStringLabel() {
        String path = write("columns", schema("a", DataTypes.IntegerType,
                        "kind", DataTypes.StringType, "b", DataTypes.DoubleType),
                RowFactory.create(3, " cat ", 1.5),
                RowFactory.create(-1, "dog", 2.0));
        List<RawExample> examples = collect(DataReader.read(sc, path, DataFormat.PARQUET, 2, "kind"));
        assertEquals(List.of(new RawExample(path, 1, "cat", new double[] {3, 1.5}),
                new RawExample(path, 2, "dog", new double[] {-1, 2})), examples);
    }

    @Test
    void refusesNonFiniteAndNullValuesAtTheirRow() {
        StructType columns = schema("label", DataTypes.LongType, "a", DataTypes.DoubleType);
        String nan = write("nan", columns, RowFactory.create(1L, 1.0), RowFactory.create(2L, Double.NaN));
        assertTaskFails(nan + ":2: column \"a\" value NaN is not finite", nan);
        String nullLabel = write("null", columns, RowFactory.create(null, 1.0));
        assertTaskFails(nullLabel + ":1: column \"label\" is null", nullLabel);

        String infVector = write("inf", schema("label", DataTypes.IntegerType,
                        "features", SQLDataTypes.VectorType()),
                RowFactory.create(1, Vectors.dense(1, 2)),
                RowFactory.create(1, Vectors.dense(1, Double.NEGATIVE_INFINITY)));
        assertTaskFails(infVector + ":2: column \"features\" element 2 value -Infinity is not finite",
                infVector);
        String ragged = write("ragged", schema("label", DataTypes.IntegerType,
                        "features", SQLDataTypes.VectorType()),
                RowFactory.create(1, Vectors.dense(1, 2)), RowFactory.create(0, Vectors.dense(1)));
        assertTaskFails(ragged + ":2: column \"features\" holds 1 values; expected 2", ragged);
    }

    @Test
    void checksTheSchemaOnTheDriver() {
        String path = write("schema", schema("y", DataTypes.DoubleType, "name", DataTypes.StringType),
                RowFactory.create(1.0, "x"));
        assertDriverFails(path + ": label column \"label\" not found; the columns are \"y\", \"name\"",
                path, null);
        assertDriverFails(path + ": column \"name\" has type string; features must be numeric"
                + " columns or one vector column named \"features\"", path, "y");
        String empty = write("empty", schema("label", DataTypes.DoubleType, "a", DataTypes.DoubleType));
        assertDriverFails(empty + ": file is empty: no rows", empty, null);
        String missing = dir.resolve("missing.parquet").toString();
        assertDriverFails(missing + ": no such file", missing, null);
    }

    private void assertTaskFails(String expected, String path) {
        JavaRDD<RawExample> examples = DataReader.read(sc, path, DataFormat.PARQUET, INFER, null);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataReader.perform(examples::count));
        assertEquals(expected, e.getMessage());
    }

    private void assertDriverFails(String expected, String path, String labelColumn) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataReader.read(sc, path, DataFormat.PARQUET, INFER, labelColumn));
        assertEquals(expected, e.getMessage());
    }

    /** Writes the rows in order into one Parquet file under a directory named {@code name}. */
    private String write(String name, StructType schema, Row... rows) {
        String path = dir.resolve(name).toString();
        spark.createDataFrame(List.of(rows), schema).coalesce(1).write().parquet(path);
        return path;
    }

    private static StructType schema(Object... namesAndTypes) {
        StructField[] fields = new StructField[namesAndTypes.length / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = DataTypes.createStructField((String) namesAndTypes[2 * i],
                    (DataType) namesAndTypes[2 * i + 1], true);
        }
        return DataTypes.createStructType(fields);
    }

    private static List<RawExample> collect(JavaRDD<RawExample> examples) {
        return examples.collect().stream()
                .sorted(Comparator.comparingLong(RawExample::line)).toList();
    }
}
