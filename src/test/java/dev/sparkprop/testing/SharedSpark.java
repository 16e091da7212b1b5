package dev.sparkprop.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One real local Spark for the whole test JVM: two threads, no UI, bound to loopback, quiet
 * logs. Starting Spark takes seconds, so test classes share it instead of each starting their
 * own; it stops when the JVM exits.
 */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    /** The shared session, started on first use. */
    public static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("sparkprop-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.sql.shuffle.partitions", "2");
            session = SparkSession.builder().config(conf).getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** The shared session's Java context. */
    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
