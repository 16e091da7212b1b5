package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The divergence warning through the command line: iris at α = 1e6 (which used to end with exit 0
 * and a cost near 500,000 without a word) is told that its learning rate is the likely cause, and
 * no shipped config is. The configs {@code ThetaDigestTest} trains (xor, iris, lab-digits and
 * mnist-fast's first epoch) are checked there, on the runs it makes anyway; the others run here,
 * the cheap ones in full and the MNIST ones for one epoch over the first 5,000 MNIST digits
 * ({@code sample-data/digits}, the lab's cut of the same file): their full runs take minutes, and
 * divergence at their rates shows in the first steps, where each rate is used at its largest, with
 * the same network, batch size, initialization and data distribution. {@code conf/debian-packages}
 * trains on a file its comments tell the user to generate from the machine's package index, which
 * a test cannot rely on: it trains one epoch on the same generator's output from a made-up Packages
 * index of {@value #PACKAGES} packages in its ten sections (see {@link #packagesIndex}).
 */
class DivergenceWarningTest {

    static final String WARNING = "sparkprop: warning: ";

    @TempDir
    Path dir;

    @BeforeAll
    static void joinSharedSpark() {
        SharedSpark.session();
    }

    @Test
    void irisAtAHugeLearningRateIsWarned() {
        CliRun run = CliRun.of("train", "conf/iris.properties", "--learning-rate", "1e6", "--epochs", "20",
                "--output", dir.resolve("iris").toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        List<String> warnings = run.out().lines().filter(line -> line.startsWith(WARNING)).toList();
        assertEquals(1, warnings.size(), run.out());
        assertTrue(warnings.get(0).contains("gradient descent is diverging; the learning rate"
                + " (learning-rate=1000000.0) is the likely cause"), warnings.get(0));
    }

    /** What {@code ThetaDigestTest} trains and checks for the warning. */
    private static final Set<String> TRAINED_BY_THETA_DIGEST_TEST = Set.of("conf/xor.properties",
            "conf/iris.properties", "conf/lab-digits.properties", "conf/mnist-fast.properties");

    /** The MNIST configs' overrides: one epoch on the first 5,000 MNIST digits (20 steps of 256). */
    private static final List<String> MNIST_CUT = List.of("--epochs=1", "--train=sample-data/digits/train.csv.gz",
            "--test=sample-data/digits/test.csv.gz");

    /** The config whose training file is generated, not shipped. */
    private static final String DEBIAN_PACKAGES = "conf/debian-packages.properties";

    /** Packages in {@link #packagesIndex}: three steps of the config's batch of 1,024 after validation. */
    static final int PACKAGES = 4_000;

    /**
     * A Packages index as {@code apt-cache dumpavail} prints it: the ten sections the generator keeps,
     * and descriptions of eight words each, most from a vocabulary of the package's section and some
     * from one shared by all, so the classes are learnable and overlap as real descriptions do.
     */
    static String packagesIndex() {
        String[] sections = {"libs", "libdevel", "python", "doc", "perl", "devel", "utils", "haskell", "net", "rust"};
        java.util.Random random = new java.util.Random(1);
        StringBuilder index = new StringBuilder();
        for (int p = 0; p < PACKAGES; p++) {
            int section = random.nextInt(sections.length);
            index.append("Package: pkg").append(p).append("\nVersion: 1\nSection: ").append(sections[section])
                    .append("\nDescription:");
            for (int w = 0; w < 8; w++) {
                index.append(random.nextInt(3) == 0 ? " common" + random.nextInt(200)
                        : " " + sections[section] + random.nextInt(300));
            }
            index.append("\n\n");
        }
        return index.toString();
    }

    /** Every other {@code conf/*.properties}, with {@link #MNIST_CUT} for the MNIST ones. */
    static Stream<Arguments> shippedConfigs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            return files.map(Path::toString).filter(name -> name.endsWith(".properties"))
                    .filter(name -> !TRAINED_BY_THETA_DIGEST_TEST.contains(name)).sorted()
                    .map(name -> Arguments.of(name, name.startsWith("conf/mnist") ? MNIST_CUT : List.of())).toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shippedConfigs")
    void noShippedConfigIsWarned(String conf, List<String> overrides) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", conf, "--output", dir.resolve("model").toString()));
        args.addAll(overrides);
        if (conf.equals(DEBIAN_PACKAGES)) {
            Path index = dir.resolve("Packages");
            Path data = dir.resolve("debian-packages.libsvm");
            Files.writeString(index, packagesIndex());
            CliRun generate = CliRun.of("generate", "debian-packages", "--input", index.toString(), "--output",
                    data.toString());
            assertEquals(Main.EXIT_OK, generate.exitCode(), generate.err());
            args.addAll(List.of("--epochs=1", "--train=" + data));
        }
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertFalse(run.out().contains(WARNING) || run.err().contains(WARNING), conf + ":\n" + run.out());
    }
}
