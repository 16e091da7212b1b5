package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sparkprop.linalg.Blas;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.testing.ThetaDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the bits: the SHA-256 of the final Θ (little-endian doubles, in {@code NetworkSpec}'s
 * layout) that the shipped configs train to, at their fixed seed and two partitions, through the
 * real command line. Recorded before the step-8 redesign of the training loop; a refactor must
 * leave every digest where it is. A digest that moves is a behaviour change: find out why before
 * updating it.
 *
 * <p>GEMM's rounding depends on the BLAS kernel, so the digests are recorded per BLAS: the pure-Java
 * one (strict IEEE arithmetic, the same on every CPU) and native OpenBLAS with the kernel that
 * {@code OPENBLAS_CORETYPE} names (the build sets Haswell for every test: pom.xml's
 * {@code sparkprop.test.coretype}). Debian's OpenBLAS 0.3.21, on which
 * they were recorded, and the bundled 0.3.31 that sparkprop loads by default give the same digests
 * with the same kernel. On a BLAS not
 * recorded here the test is skipped with a message naming it, since its bits were never pinned.
 */
class ThetaDigestTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void joinSharedSpark() {
        SharedSpark.session();
    }

    /** The BLAS this JVM computes with, as the digests are keyed: the implementation and OpenBLAS's kernel. */
    static String blasKey() {
        String implementation = Blas.implementation();
        return Blas.isNative() ? implementation + "/" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "auto")
                : implementation;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // config                  | flags      | Java11BLAS                                                      | JNIBLAS/Haswell (OpenBLAS 0.3.21)
        "conf/xor.properties        |            | 3d1fb388ec4ea4cd9bf296958f7b46d1da4a0c1f96d8c6e6590b29a7fc53d0dc | 3d1fb388ec4ea4cd9bf296958f7b46d1da4a0c1f96d8c6e6590b29a7fc53d0dc",
        // iris re-recorded once, on purpose: standardize's mean and deviation are now exact sums (ExactSum), the
        // same whatever the input's splits; before, they depended on the file being read as two byte ranges.
        "conf/iris.properties       |            | e5efb357111ddc33fb8b3c062fcb5caf9fa25ca8dd758e3a27c29ef198720cb9 | ca02a0560d0a30084db5d74b33105eec13e1663d0f79fa3eb264ad5d11150aa3",
        "conf/lab-digits.properties |            | 0d75bc62d2266772b47f0e388bc64eba229619d86546a8461d7eb829c11641b2 | a537c059b73d633cbf6c1e905e456962c9ea5eb6d55cd3456e1416ca6cef759b",
        // mnist-fast re-recorded once, on purpose: the config itself changed (2026-12-06) from Adam with dropout to
        // Nesterov momentum on batch-normalized hidden layers; the code did not. A digest pins a config's bits.
        "conf/mnist-fast.properties | --epochs=1 | 9b963aa264a716eb40333d8e6072a6d6e2581afdc02d8486438dd42b0de5149c | b6e369a66937b7a8408684f6d0cc5949bb687c3ffc6844b5d6b07e736b26760f",
        // The single-precision kernel (precision = float), recorded on OpenBLAS only (the float kernel's products are
        // SGEMM's; with the Java BLAS these rows are skipped). Recorded before FloatColumns took the float kernel's
        // activations through double buffers (2026-12-06), which left them where they were.
        "conf/iris.properties       | --precision=float |     | c1280bbc4b0bb444660d61a4031ed5b6d5b367cdfd103091365be939d58d5da4",
        "conf/lab-digits.properties | --precision=float |     | a3ea5a8209c7a1e33007d2bed00b7e83f89c54d69f44cdb52be80171bc1f28c9",
        // The sparse-input kernel (sparse = true: the first layer's products loop over the non-zeros), recorded on
        // OpenBLAS only (2026-12-06). It held unchanged when those loops were vectorized and then taken feature by
        // feature instead of example by example: the same terms in the same order within every sum.
        "conf/mnist-fast.properties | --epochs=1 --sparse=true | | 99d8a3146aa61da447deab7dd3d11f0ec8065c778e688227026654a42b0ca211",
    })
    void finalThetaIsUnchanged(String conf, String extra, String javaDigest, String openblasHaswellDigest)
            throws Exception {
        Map<String, String> recorded = new java.util.TreeMap<>(Map.of("JNIBLAS/Haswell", openblasHaswellDigest));
        if (javaDigest != null) {
            recorded.put("Java11BLAS", javaDigest);
        }
        Path out = dir.resolve("model");
        List<String> args = new ArrayList<>(List.of("train", conf, "--partitions", "2", "--output", out.toString()));
        if (extra != null) {
            args.addAll(List.of(extra.split(" ")));
        }
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        // These runs are shipped configs, so they also stand for DivergenceWarningTest's "no shipped config is warned".
        assertFalse(run.out().contains(DivergenceWarningTest.WARNING), conf + ":\n" + run.out());
        String expected = recorded.get(blasKey());
        assumeTrue(expected != null, "no digest recorded for BLAS " + blasKey() + "; recorded: " + recorded.keySet());
        double[] theta = ModelStore.load(out.toString(), new Configuration()).theta();
        assertEquals(expected, ThetaDigest.sha256(theta), conf + " " + (extra == null ? "" : extra) + " on " + blasKey());
    }
}
