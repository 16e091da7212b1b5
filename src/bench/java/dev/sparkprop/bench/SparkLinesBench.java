package dev.sparkprop.bench;

import dev.sparkprop.spark.CachedExamples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The step row ({@link StepBench#overhead}: median step and overhead of minibatch steps in
 * {@code local[2]}) on both Spark lines side by side, for the README's Spark 3.5 against Spark 4
 * comparison. This JVM runs one line; a child JVM on the other line's classpath (its jar, its
 * bench classes, its {@code lib/}) runs the other, with the same JVM flags. The lines take turns,
 * {@code rounds} times each, so a load that comes and goes on a shared machine falls on both.
 * {@code jobs/sparkprop.sh bench --spark-lines} builds both lines and passes the classpath.
 */
final class SparkLinesBench {

    /** The child's one output line, before its tab-separated figures. */
    private static final String ROW = "spark-lines-row";

    private SparkLinesBench() {
    }

    /** Both lines, {@code rounds} turns each; returns the Markdown table. */
    static String compare(BenchSize size, BenchData data, String otherClasspath, int rounds)
            throws IOException, InterruptedException {
        List<String[]> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            rows.add(row(round, measure(size, data)));
            rows.add(row(round, child(size, data, otherClasspath)));
        }
        StringBuilder md = new StringBuilder(String.format("%nStep row on both Spark lines (local[2], batch %d,"
                + " %d steps per turn; medians, ms; the lines take turns):%n%n", StepBench.BATCH, size.steps()));
        md.append("| turn | Spark | Scala | step ms | overhead ms | slowest compute ms |\n|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    /** One turn of this JVM's line: Spark version, Scala version, step, overhead and slowest compute medians. */
    static String[] measure(BenchSize size, BenchData data) {
        SparkSession spark = new Bench.FreshSessions().open("local[2]");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            CachedExamples blocks = data.trainingSet(sc, 2);
            Map<String, Object> o = StepBench.overhead(sc, blocks, size.steps());
            blocks.release();
            return new String[] {spark.version(), scala.util.Properties.versionNumberString(),
                String.valueOf(o.get("step_ms_median")), String.valueOf(o.get("overhead_ms_median")),
                String.valueOf(o.get("slowest_compute_ms_median"))};
        } finally {
            spark.stop();
        }
    }

    private static String[] row(int round, String[] figures) {
        String[] row = new String[figures.length + 1];
        row[0] = String.valueOf(round);
        System.arraycopy(figures, 0, row, 1, figures.length);
        return row;
    }

    /** One turn of the other line: a child JVM with this one's flags on {@code classpath}. */
    private static String[] child(BenchSize size, BenchData data, String classpath)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", classpath, SparkLinesBench.class.getName(), size.name(), data.train(),
                data.test(), String.valueOf(data.trainRows()), String.valueOf(data.testRows())));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith(ROW + "\t")) {
                return line.substring(ROW.length() + 1).split("\t");
            }
        }
        throw new IllegalStateException("the other Spark line's child JVM (exit " + exit + ") printed no row:\n" + out);
    }

    /** The child: SIZE TRAIN TEST TRAIN_ROWS TEST_ROWS; prints one row. */
    public static void main(String[] args) {
        BenchData data = new BenchData(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]));
        System.out.println(ROW + "\t" + String.join("\t", measure(BenchSize.named(args[0]), data)));
    }
}
