package dev.sparkprop.data;

import static dev.sparkprop.data.DataFormatException.quote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Parquet for {@link DataReader}: works out from the schema, on the driver, which column
 * is the label and which are features, then converts rows lazily with a {@link ParquetLayout}.
 *
 * <p>The label column (default {@code label}) may be numeric or a string. Features are either
 * one {@code org.apache.spark.ml.linalg.Vector} column named {@code features}, as Spark ML
 * writes it, or else every other column, all of which must then be numeric.
 */
final class ParquetInput {

    static final String DEFAULT_LABEL = "label";
    static final String VECTOR_COLUMN = "features";
    private static final int LISTED_COLUMNS = 10;

    private ParquetInput() {
    }

    static JavaRDD<RawExample> read(JavaSparkContext sc, String path, int featureCount,
                                    String labelColumn) {
        HadoopFiles.status(path, sc.hadoopConfiguration());
        Dataset<Row> rows = load(path);
        if (DataReader.perform(rows::isEmpty)) {
            throw new DataFormatException(path, "file is empty: no rows");
        }
        ParquetLayout layout = layout(path, rows, featureCount,
                labelColumn == null ? DEFAULT_LABEL : labelColumn);
        return rows.javaRDD().zipWithIndex()
                .map(numbered -> layout.toExample(numbered._1(), numbered._2() + 1));
    }

    /** Opens the Parquet data, turning Spark's complaints about the file into our shape. */
    private static Dataset<Row> load(String path) {
        // The session on the active SparkContext: there can only be one per JVM.
        SparkSession spark = SparkSession.builder().getOrCreate();
        try {
            return spark.read().parquet(path);
        } catch (Exception unreadable) { // AnalysisException is checked, though never declared
            String reason = String.valueOf(unreadable.getMessage()).lines().findFirst().orElse("");
            throw new DataFormatException(path, "cannot read as Parquet: " + reason);
        }
    }

    private static ParquetLayout layout(String path, Dataset<Row> rows, int featureCount,
                                        String labelColumn) {
        StructType schema = rows.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        int labelIndex = names.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new DataFormatException(path, "label column " + quote(labelColumn)
                    + " not found; the columns are "
                    + DataFormatException.quoteAll(names, LISTED_COLUMNS));
        }
        DataType labelType = schema.fields()[labelIndex].dataType();
        if (!(labelType instanceof NumericType || labelType instanceof StringType)) {
            throw new DataFormatException(path, "label column " + quote(labelColumn) + " has type "
                    + labelType.simpleString() + "; a label must be a number or a string");
        }
        int vectorIndex = names.indexOf(VECTOR_COLUMN);
        if (vectorIndex >= 0 && labelIndex != vectorIndex
                && schema.fields()[vectorIndex].dataType().equals(SQLDataTypes.VectorType())) {
            int size = featureCount != DataReader.INFER_FEATURE_COUNT ? featureCount
                    : firstVectorSize(path, rows);
            return new ParquetLayout(path, labelIndex, labelColumn, new int[] {vectorIndex},
                    new String[] {VECTOR_COLUMN}, true, size);
        }
        return numericLayout(path, schema, labelIndex, featureCount);
    }

    /** Every column but the label is a feature, so every one of them must be numeric. */
    private static ParquetLayout numericLayout(String path, StructType schema, int labelIndex,
                                               int featureCount) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < schema.fields().length; i++) {
            StructField field = schema.fields()[i];
            if (i == labelIndex) {
                continue;
            }
            if (!(field.dataType() instanceof NumericType)) {
                throw new DataFormatException(path, "column " + quote(field.name()) + " has type "
                        + field.dataType().simpleString() + "; features must be numeric columns"
                        + " or one vector column named " + quote(VECTOR_COLUMN));
            }
            indexes.add(i);
        }
        if (indexes.isEmpty()) {
            throw new DataFormatException(path, "no feature columns besides the label");
        }
        if (featureCount != DataReader.INFER_FEATURE_COUNT && featureCount != indexes.size()) {
            throw new DataFormatException(path, "there are " + indexes.size()
                    + " feature columns, but the feature count was given as " + featureCount);
        }
        int[] columns = indexes.stream().mapToInt(Integer::intValue).toArray();
        String[] columnNames = indexes.stream().map(i -> schema.fields()[i].name())
                .toArray(String[]::new);
        return new ParquetLayout(path, labelIndex, schema.fields()[labelIndex].name(), columns,
                columnNames, false, columns.length);
    }

    /** The size of the first row's vector: every other row must match it. */
    private static int firstVectorSize(String path, Dataset<Row> rows) {
        Row first = DataReader.perform(() -> rows.select(VECTOR_COLUMN).first());
        if (first.isNullAt(0)) {
            throw new DataFormatException(path, 1, "column " + quote(VECTOR_COLUMN) + " is null");
        }
        return first.<Vector>getAs(0).size();
    }
}
