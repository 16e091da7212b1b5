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
 * comparison. Each turn of each line is a fresh child JVM with this JVM's flags, on that line's
 * classpath (its jar, its bench classes, its {@code lib/}: this JVM's own for the default line),
 * which times the steps twice, in a fresh session each: once with the JIT cold, as a submitted job
 * starts, and once warm. The lines take turns, {@code rounds} times each, the first line of a turn
 * alternating (A B, B A, ...), so a load that comes and goes on a shared machine falls on both.
 * {@code jobs/sparkprop.sh bench --spark-lines} builds both lines and passes the other's classpath.
 */
final class SparkLinesBench {

    /** The child's output lines, before their tab-separated figures. */
    private static final String ROW = "spark-lines-row";

    private SparkLinesBench() {
    }

    /** Both lines, {@code rounds} turns each; returns the Markdown table. */
    static String compare(BenchSize size, BenchData data, String otherClasspath, int rounds)
            throws IOException, InterruptedException {
        List<String[]> rows = new ArrayList<>();
        String ownClasspath = System.getProperty("java.class.path");
        for (int round = 1; round <= rounds; round++) {
            boolean ownFirst = round % 2 == 1;
            for (String classpath : ownFirst ? List.of(ownClasspath, otherClasspath)
                    : List.of(otherClasspath, ownClasspath)) {
                for (String[] figures : child(size, data, classpath)) {
                    rows.add(row(round, figures));
                }
            }
        }
        StringBuilder md = new StringBuilder(String.format("%nStep row on both Spark lines (local[2], batch %d,"
                + " %d steps per turn; medians, ms; a fresh JVM per turn, timed cold then warm; the lines take"
                + " turns):%n%n", StepBench.BATCH, size.steps()));
        md.append("| turn | Spark | Scala | JIT | step ms | overhead ms | slowest compute ms |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    /**
     * One timing of this JVM's line: Spark version, Scala version, {@code jit} (cold or warm), step,
     * overhead and slowest compute medians.
     */
    static String[] measure(BenchSize size, BenchData data, String jit) {
        SparkSession spark = new Bench.FreshSessions().open("local[2]");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            CachedExamples blocks = data.trainingSet(sc, 2);
            Map<String, Object> o = StepBench.overhead(sc, blocks, size.steps());
            blocks.release();
            return new String[] {spark.version(), scala.util.Properties.versionNumberString(), jit,
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

    /** One turn of a line: a child JVM with this one's flags on {@code classpath}; its cold and warm rows. */
    private static List<String[]> child(BenchSize size, BenchData data, String classpath)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", classpath, SparkLinesBench.class.getName(), size.name(), data.train(),
                data.test(), String.valueOf(data.trainRows()), String.valueOf(data.testRows())));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith(ROW + "\t")) {
                rows.add(line.substring(ROW.length() + 1).split("\t"));
            }
        }
        if (exit != 0 || rows.size() != 2) {
            throw new IllegalStateException("a Spark line's child JVM (exit " + exit + ") printed " + rows.size()
                    + " of its 2 rows:\n" + out);
        }
        return rows;
    }

    /** The child: SIZE TRAIN TEST TRAIN_ROWS TEST_ROWS; prints a row with the JIT cold, then one warm. */
    public static void main(String[] args) {
        BenchData data = new BenchData(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]));
        BenchSize size = BenchSize.named(args[0]);
        for (String jit : List.of("cold", "warm")) {
            System.out.println(ROW + "\t" + String.join("\t", measure(size, data, jit)));
        }
    }
}
