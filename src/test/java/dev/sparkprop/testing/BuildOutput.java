package dev.sparkprop.testing;

import java.nio.file.Path;

/**
 * Where the Spark line under test keeps its build: {@code target/} and
 * {@code sparkprop_2.12-spark3.5*.jar} for Spark 3.5, {@code target/spark4/} and
 * {@code sparkprop_2.13-spark4*.jar} for Spark 4 ({@code mvn -Dspark.line=4}). Surefire and
 * failsafe pass the build's own values; a test started outside Maven gets the default line's.
 */
public final class BuildOutput {

    private BuildOutput() {
    }

    /** The build directory of the line under test, absolute. */
    public static Path directory() {
        return Path.of(System.getProperty("sparkprop.build.directory", "target")).toAbsolutePath();
    }

    /** The line's jar whose name ends in {@code suffix}: "" (library), "-cluster" or "-example". */
    public static Path jar(String suffix) {
        return directory().resolve(System.getProperty("sparkprop.build.name", "sparkprop_2.12-spark3.5") + suffix + ".jar");
    }

    /** The Spark line under test: "3.5" or "4". */
    public static String sparkLine() {
        return System.getProperty("sparkprop.spark.line", "3.5");
    }
}
