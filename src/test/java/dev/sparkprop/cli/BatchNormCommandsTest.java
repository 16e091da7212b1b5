package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.nn.BatchNorm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch-normalized network through the commands that carry θ: {@code theta import}, {@code
 * explain} (which shows μ, σ², x̂, γ and β in evaluation mode, from the model's running
 * statistics) and {@code theta export}, which writes back the file it read.
 */
class BatchNormCommandsTest {

    @TempDir
    Path dir;

    /** z^(2) = x, then γ = (2, 0.5), β = (0.5, -1), μ̄ = (1, -2), σ̄² = (4, 0.25); the output averages a^(2). */
    private static final String THETA = """
            # network: 2-2:identity:bn-1:sigmoid
            # Theta(1): 2 x 3, bias first
            0.0 1.0 0.0
            0.0 0.0 1.0

            # Theta(2): 1 x 3, bias first
            0.0 0.5 0.5

            # BatchNorm(2): 2 x 4, gamma beta mean variance
            2.0 0.5 1.0 4.0
            0.5 -1.0 -2.0 0.25
            """;

    @Test
    void explainShowsTheNormalizationWithTheRunningStatisticsAndExportGivesTheFileBack() throws IOException {
        Path text = dir.resolve("bn.theta");
        Files.writeString(text, THETA);
        String model = dir.resolve("bn").toString();
        CliRun imported = CliRun.of("theta", "import", text.toString(), "--output", model);
        assertEquals(Main.EXIT_OK, imported.exitCode(), imported.err());

        CliRun run = CliRun.of("explain", model, "--input", "3,-1", "--target", "1");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        double xHat1 = (3 - 1) / Math.sqrt(4 + BatchNorm.EPSILON);
        double xHat2 = (-1 + 2) / Math.sqrt(0.25 + BatchNorm.EPSILON);
        assertTrue(run.out().contains("layer 2 (hidden, identity, batch-normalized"), run.out());
        assertTrue(run.out().contains("z^(2)_1 = 3.000000000    xhat = " + nine(xHat1)
                + " (mu = 1.000000000, sigma2 = 4.000000000)    u = " + nine(2 * xHat1 + 0.5)
                + " (gamma = 2.000000000, beta = 0.500000000)    a^(2)_1 = " + nine(2 * xHat1 + 0.5)), run.out());
        assertTrue(run.out().contains("xhat = " + nine(xHat2) + " (mu = -2.000000000, sigma2 = 0.250000000)"),
                run.out());
        double h = 1 / (1 + Math.exp(-(0.5 * (2 * xHat1 + 0.5) + 0.5 * (0.5 * xHat2 - 1))));
        assertTrue(run.out().contains("a^(3)_1 = " + nine(h)), run.out());
        // δ^(3) = h - y; du = 0.5 δ^(3) (identity); dJ/dγ_1 = du x̂_1, dJ/dβ_1 = du.
        double du = 0.5 * (h - 1);
        assertTrue(run.out().contains("dJ/dgamma^(2)_1 = " + nine(du * xHat1) + "    dJ/dbeta^(2)_1 = " + nine(du)),
                run.out());
        assertTrue(run.out().contains("delta^(2)_1 = " + nine(2 / Math.sqrt(4 + BatchNorm.EPSILON) * du)), run.out());

        CliRun exported = CliRun.of("theta", "export", model);
        assertEquals(Main.EXIT_OK, exported.exitCode(), exported.err());
        assertEquals(THETA, exported.out());
    }

    private static String nine(double value) {
        return String.format(Locale.ROOT, "%.9f", value);
    }
}
