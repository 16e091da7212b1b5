package dev.sparkprop.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The Spark options shared by the commands that read data ({@code evaluate}, {@code predict}),
 * mixed into each, and how they start (or join) a session.
 */
final class SparkOptions {

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

    /** Runs {@code body} in a session; a session this call started is stopped afterwards. */
    <T> T withSession(String appName, boolean verbose, SessionBody<T> body) throws Exception {
        boolean joined = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSessions.start(appName, SparkSessions.master(master), verbose);
        try {
            return body.run(spark);
        } finally {
            if (!joined) {
                spark.stop();
            }
        }
    }

    /** Work to do in a session. */
    interface SessionBody<T> {
        T run(SparkSession spark) throws Exception;
    }
}
