package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparse} through the command line: a thin LIBSVM file trains on sparse blocks by itself
 * ({@code auto}) to the Θ that forced dense blocks give, to 1e-12; the model predicts and evaluates
 * the same either way; and a combination that cannot hold is one line.
 */
class SparseCommandsTest {

    @TempDir
    static Path dir;
    private static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        SharedSpark.session();
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 90; row++) {
            int label = random.nextInt(3);
            StringBuilder line = new StringBuilder(Integer.toString(label));
            for (int j = 1; j <= 500; j++) {
                boolean telling = j <= 30 && j % 3 == label && random.nextDouble() < 0.2; // words of the class
                if (telling || random.nextDouble() < 0.005) {
                    line.append(' ').append(j).append(':').append(1 + random.nextInt(2));
                }
            }
            text.append(line).append('\n');
        }
        data = dir.resolve("thin.libsvm");
        Files.writeString(data, text);
    }

    private static CliRun train(String output, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--network", "500-6:relu-3:softmax", "--train",
                data.toString(), "--epochs", "5", "--batch-size", "16", "--optimizer", "adam", "--learning-rate",
                "0.02", "--dropout", "0.1", "--seed", "4", "--partitions", "2", "--output", dir.resolve(output).toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void autoTrainsOnSparseBlocksToTheDenseTheta() throws IOException {
        CliRun sparse = train("sparse");
        assertEquals(Main.EXIT_OK, sparse.exitCode(), sparse.err());
        assertTrue((sparse.out() + sparse.err()).matches("(?s).*90 training examples in 2 partitions; BLAS [^\n]*;"
                + " sparse blocks \\(density [0-9.]+%\\)\n.*"), sparse.out() + sparse.err());
        CliRun dense = train("dense", "--sparse", "false");
        assertEquals(Main.EXIT_OK, dense.exitCode(), dense.err());
        assertTrue((dense.out() + dense.err()).matches("(?s).*in 2 partitions; BLAS [^\n]*; dense blocks\n.*"),
                dense.out() + dense.err());

        double[] fromSparse = ModelStore.load(dir.resolve("sparse").toString(), new Configuration()).theta();
        double[] fromDense = ModelStore.load(dir.resolve("dense").toString(), new Configuration()).theta();
        double scale = 0;
        for (double v : fromDense) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int p = 0; p < fromDense.length; p++) {
            assertEquals(fromDense[p], fromSparse[p], 1e-12 * scale, "Θ entry " + p);
        }

        CliRun judged = CliRun.of("evaluate", dir.resolve("sparse").toString(), data.toString(), "--json");
        CliRun judgedDense = CliRun.of("evaluate", dir.resolve("dense").toString(), data.toString(), "--json");
        assertEquals(Main.EXIT_OK, judged.exitCode(), judged.err());
        String accuracy = judged.out().replaceAll("(?s).*\"accuracy\":([0-9.]+).*", "$1");
        assertEquals(judgedDense.out().replaceAll("(?s).*\"accuracy\":([0-9.]+).*", "$1"), accuracy);
        assertTrue(Double.parseDouble(accuracy) > 0.6, "the class words are learnt: " + judged.out());

        assertEquals(predictions("sparse"), predictions("dense"));
    }

    /** The predicted class of every row, in order. */
    private static List<String> predictions(String model) throws IOException {
        Path out = dir.resolve("scores-" + model);
        CliRun run = CliRun.of("predict", dir.resolve(model).toString(), data.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        List<String> predicted = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                List<String> lines = Files.readAllLines(part);
                lines.subList(1, lines.size()).forEach(line -> predicted.add(line.split(",")[2]));
            }
        }
        assertEquals(90, predicted.size());
        return predicted;
    }

    @Test
    void sparseWithFloatIsOneLine() {
        CliRun run = train("refused", "--sparse", "true", "--precision", "float");
        assertEquals(Main.EXIT_USAGE, run.exitCode(), run.err());
        assertEquals("sparkprop: error: sparse=true: sparse blocks compute in double; precision=float cannot go with"
                + " them (set precision=double, or sparse=false or auto)", run.err().strip());
    }
}
