package dev.sparkprop.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: sparkprop against MLlib (and scikit-learn when installed) on MNIST, plus the raw
 * DGEMM rate, in one JVM on one machine; prints the targets and tables as Markdown and writes
 * everything as JSON. Run it through {@code jobs/bench.sh}, which builds and prints the machine.
 *
 * <p>Exit codes: 0 ran (whatever the verdicts), 1 a part failed, 2 the command line was refused.
 */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Benchmark sparkprop against Spark MLlib's MLP on MNIST; print a Markdown table, write JSON.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "tiny",
            description = "tiny (first 2,000/500 rows, under a minute) or full (all of MNIST). Default: ${DEFAULT-VALUE}")
    String size;

    @Option(names = "--out", defaultValue = "target/bench.json", description = "JSON output. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--configs", split = ",", defaultValue = "sigmoid-adam,best,fast,fast-ui,fast-ui,fast,fast,fast-ui,fast-ui,fast,main,best-float,fast-float",
            description = "sparkprop configs to time, in this order (a name may come again): sigmoid-adam,"
                    + " sigmoid-lbfgs, best, fast, main, best-float, fast-float, fast-ui. Default: ${DEFAULT-VALUE}")
    List<String> configs;

    @Option(names = "--blas-options", split = ",",
            description = "BLAS options to compare, each in its own JVM: system, bundled, bundled-own-core, vector,"
                    + " java. Default: system,bundled at size tiny, all at size full")
    List<String> blasOptions;

    @Option(names = "--skip-mllib", description = "Do not run the MLlib peer.")
    boolean skipMllib;

    @Option(names = "--skip-sklearn", description = "Do not run the scikit-learn peer.")
    boolean skipSklearn;

    @Option(names = "--mnist", defaultValue = "sample-data/mnist",
            description = "Folder with train.csv.gz and test.csv.gz. Default: ${DEFAULT-VALUE}")
    Path mnist;

    @Option(names = "--work-dir", defaultValue = "target/bench-work",
            description = "Scratch space for cut data and models. Default: ${DEFAULT-VALUE}")
    Path workDir;

    @Option(names = "--spark-lines", paramLabel = "CLASSPATH",
            description = "Only the step row, on this Spark line and on the other one (a child JVM on CLASSPATH),"
                    + " three turns each; jobs/sparkprop.sh bench --spark-lines builds both and passes it.")
    String otherLineClasspath;

    @Option(names = "--cluster",
            description = "Only the cluster rows: the step row in local[2] and on a loopback standalone cluster"
                    + " (jobs/cluster-up.sh, 1 GB executors) side by side, then a training set twice the"
                    + " executors' storage memory spilled to disk there, against local[2] in memory.")
    boolean cluster;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;

    Bench(PrintStream stdout) {
        this.stdout = stdout;
    }

    /** Runs the command line; returns the exit code instead of exiting. */
    public static int run(PrintStream stdout, PrintStream stderr, String... args) {
        CommandLine line = new CommandLine(new Bench(stdout));
        line.setOut(new java.io.PrintWriter(stdout, true));
        line.setErr(new java.io.PrintWriter(stderr, true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            stderr.println("bench: error: " + e);
            e.printStackTrace(stderr);
            return 1;
        });
        return line.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    @Override
    public Integer call() throws Exception {
        BenchSize benchSize;
        BenchRun run;
        try {
            benchSize = BenchSize.named(size);
            run = new BenchRun(benchSize, mnist, workDir, Path.of("conf"), configs,
                    blasOptions != null ? blasOptions : BlasBench.defaults(benchSize), !skipMllib,
                    skipSklearn ? null : SklearnPeer.SCRIPT, stdout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (otherLineClasspath != null) {
            BenchData data = BenchData.prepare(mnist, benchSize, workDir.resolve("data"));
            stdout.print(SparkLinesBench.compare(benchSize, data, otherLineClasspath, 3));
            return 0;
        }
        if (cluster) {
            BenchData data = BenchData.prepare(mnist, benchSize, workDir.resolve("data"));
            stdout.print(ClusterBench.run(benchSize, data, workDir.resolve("cluster"), stdout));
            return 0;
        }
        BenchResults results = run.run(new FreshSessions());
        List<Targets.Target> targets = Targets.judge(results);
        BenchReport.writeJson(results, targets, out);
        stdout.println();
        stdout.print(BenchReport.markdown(results, targets));
        stdout.println("\nbench: wrote " + out);
        return 0;
    }

    /** A new session per master, with the settings of sparkprop's own {@code train} command; stopped after use. */
    static final class FreshSessions implements BenchRun.Sessions {
        @Override
        public SparkSession open(String master) {
            return open(conf(master));
        }

        /** A session with {@code conf}, Spark's log at WARN. */
        static SparkSession open(SparkConf conf) {
            SparkSession session = SparkSession.builder().config(conf).getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            return session;
        }

        /** The settings of sparkprop's own {@code train} command, on {@code master}. */
        static SparkConf conf(String master) {
            return new SparkConf().setMaster(master).setAppName("sparkprop-bench")
                    .set("spark.ui.enabled", "false")
                    .set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
                    .set("spark.broadcast.compress", "false")
                    .set("spark.task.maxDirectResultSize", "256m")
                    .set("spark.rpc.message.maxSize", "512")
                    .set("spark.sql.shuffle.partitions", "2");
        }

        @Override
        public void close(SparkSession session) {
            session.stop();
        }
    }
}
