/**
 * The benchmark behind {@code jobs/bench.sh}: sparkprop against Spark MLlib's
 * {@code MultilayerPerceptronClassifier} (and scikit-learn when installed) on MNIST, with the raw
 * DGEMM rate as the yardstick. {@link dev.sparkprop.bench.Bench} is the command,
 * {@link dev.sparkprop.bench.BenchRun} the order of the parts, {@link dev.sparkprop.bench.Targets}
 * the targets judged from one run's ratios.
 *
 * <p>MLlib's classifier appears here only, as the peer: sparkprop itself never trains with it.
 * Nothing here is used by training, evaluation or prediction, and none of it ships: the pom compiles
 * {@code src/bench/java} as a test source root, next to {@code BenchSmokeTest}, so it builds and
 * runs on every {@code mvn verify} but stays out of both jars. {@code jobs/bench.sh} puts
 * {@code target/test-classes} on its classpath.
 */
package dev.sparkprop.bench;
