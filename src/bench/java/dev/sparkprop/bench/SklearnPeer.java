package dev.sparkprop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The optional single-machine peer: {@link #SCRIPT} (scikit-learn's MLPClassifier) on the same
 * CSV files, run as a child process with the system {@code python3} when it can import sklearn
 * (Debian: {@code apt-get install python3-sklearn}). It may use every core through its BLAS, as a
 * user running it alone would.
 *
 * <p>The interpreter is the first of {@code $SPARKPROP_PYTHON}, {@code python3} on the PATH and
 * {@code /usr/bin/python3} that imports sklearn: a PATH may lead to a Python (pyenv, a venv) that
 * lacks the Debian package.
 */
final class SklearnPeer {

    /** The peer's script, relative to the project root (where {@code jobs/bench.sh} runs). */
    static final Path SCRIPT = Path.of("src/bench/python/sklearn_mnist.py");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SklearnPeer() {
    }

    /** The first interpreter that imports sklearn, or empty when none does. */
    static Optional<String> findPython() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("SPARKPROP_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        return candidates.stream().filter(SklearnPeer::importsSklearn).findFirst();
    }

    /** Whether {@code python} exists and imports sklearn. */
    private static boolean importsSklearn(String python) {
        try {
            Process check = new ProcessBuilder(python, "-c", "import sklearn").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code script} for {@code epochs} epochs; its JSON line as a map, or {@code error} on failure. */
    static Map<String, Object> run(String python, Path script, BenchData data, int epochs) throws IOException {
        if (!Files.isRegularFile(script)) {
            return Map.of("error", script + " is missing");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(python, script.toString(), "--train", data.train(),
                "--test", data.test(), "--epochs", Integer.toString(epochs)));
        builder.environment().put("OPENBLAS_NUM_THREADS",
                Integer.toString(Runtime.getRuntime().availableProcessors()));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (process.waitFor() != 0) {
                return Map.of("error", "sklearn_mnist.py exited with " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return Map.of("error", "interrupted");
        }
        String[] lines = out.strip().split("\\R");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = JSON.readValue(lines[lines.length - 1], LinkedHashMap.class);
        return result;
    }
}
