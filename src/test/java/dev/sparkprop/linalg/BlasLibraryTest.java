package dev.sparkprop.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which library {@link BlasLibrary} loads for each {@code sparkprop.blas} setting, each in a real
 * child JVM ({@link BlasLibraryProbe}) with the real libraries: the bundled OpenBLAS from the
 * classpath, the system's {@code libblas.so.3} where the machine has one, netlib's Java BLAS.
 */
class BlasLibraryTest {

    /** What one child printed: its exit code, its stdout lines and its stderr. */
    private record Child(int exitCode, List<String> out, String err) {

        String library() {
            return out.get(0);
        }

        String description() {
            return out.get(1);
        }

        /** The Δ sums and the cost, from the hex bits the probe printed. */
        double[] gradient() {
            return Arrays.stream(out.get(2).split(" "))
                    .mapToDouble(hex -> Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16))).toArray();
        }
    }

    private static Child probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BlasLibraryProbe.class.getName());
        Path err = Files.createTempFile("blas-probe", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
            builder.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process process = builder.start();
            List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe JVM did not finish");
            return new Child(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Child loaded(String... jvmOptions) throws IOException, InterruptedException {
        Child child = probe(jvmOptions);
        assertEquals(0, child.exitCode(), String.join(" ", jvmOptions) + ":\n" + child.err());
        return child;
    }

    private static boolean systemHasLibblas() {
        return Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libblas.so.3"));
    }

    @Test
    void autoLoadsTheBundledOpenBlasWithNothingSet() throws Exception {
        Child auto = loaded();
        assertTrue(auto.library().startsWith("bundled OpenBLAS 0.3.31"), auto.library());
        assertTrue(auto.description().startsWith("JNIBLAS on bundled OpenBLAS 0.3.31 ("), auto.description());
        assertTrue(auto.description().contains("libopenblas_nolapack.so.0"), auto.description());
        assertEquals(auto.library(), loaded("-Dsparkprop.blas=bundled").library());
    }

    @Test
    void systemLoadsTheMachinesLibblas() throws Exception {
        assumeTrue(systemHasLibblas(), "this machine has no libblas.so.3");
        Child system = loaded("-Dsparkprop.blas=system");
        assertEquals("system libblas.so.3", system.library());
        assertTrue(system.description().startsWith("JNIBLAS on system libblas.so.3 (/usr/lib/"), system.description());
        // netlib's own property, set by a user who names the library, wins over auto.
        Child named = loaded("-Ddev.ludovic.netlib.blas.nativeLib=libblas.so.3");
        assertEquals("system libblas.so.3", named.library());
    }

    @Test
    void javaLoadsNetlibsJavaBlasAndTheVectorOneWithItsModule() throws Exception {
        Child java = loaded("-Dsparkprop.blas=java");
        assertEquals("Java11BLAS", java.library());
        assertTrue(java.description().startsWith("Java11BLAS (pure-Java BLAS"), java.description());
        assertEquals("VectorBLAS", loaded("--add-modules=jdk.incubator.vector", "-Dsparkprop.blas=java").library());
    }

    @Test
    void everyLibraryGivesTheSameGradientToOnePartInATrillion() throws Exception {
        double[] bundled = loaded("-Dsparkprop.blas=bundled").gradient();
        double[] java = loaded("-Dsparkprop.blas=java").gradient();
        double[] reference = systemHasLibblas() ? loaded("-Dsparkprop.blas=system").gradient() : java;
        assertClose(reference, bundled, "bundled");
        assertClose(reference, java, "java");
    }

    /** max |a - b| over max |a|: the gradient's norm-wise relative difference. */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        double difference = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            difference = Math.max(difference, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(scale > 0.1, "a gradient of zeros proves nothing");
        assertTrue(difference <= 1e-12 * scale, what + ": max difference " + difference + " at scale " + scale);
    }

    @Test
    void aChoiceThatCannotBeHonouredIsOneLine() throws Exception {
        Child unknown = probe("-Dsparkprop.blas=fast");
        assertEquals(2, unknown.exitCode());
        assertEquals("system property sparkprop.blas is 'fast'; choose auto, bundled, system or java",
                unknown.err().strip());

        Child missing = probe("-Dsparkprop.blas=system", "-Ddev.ludovic.netlib.blas.nativeLib=libnothere.so.3");
        assertEquals(2, missing.exitCode());
        String line = "sparkprop.blas=system: netlib could not open libnothere.so.3 (install libopenblas0-pthread,"
                + " or name the library with -Ddev.ludovic.netlib.blas.nativeLib=FILE); choose auto, bundled or java";
        // netlib's own logging may warn above it; sparkprop's word is the last line, and one line.
        List<String> lines = missing.err().strip().lines().toList();
        assertEquals(line, lines.get(lines.size() - 1), missing.err());
    }
}
