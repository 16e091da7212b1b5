package dev.sparkprop.bench;

import dev.sparkprop.linalg.Blas;
import dev.sparkprop.testing.SparkJavaOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BLAS options side by side: for each, a child JVM (so each loads its own library, as
 * {@code linalg.BlasLibrary} allows one per JVM) that times the one-core DGEMM of the first
 * layer's shape (256 x 256 x 785) and then trains {@code conf/mnist-fast} through the real
 * command line ({@code sparkprop train}, local[2]), whose summary gives examples/s. Ratios are to
 * the system OpenBLAS run, the set-up the README asked for before the bundled library.
 *
 * <p>The options: the system's {@code libblas.so.3}, the bundled OpenBLAS (what a machine with
 * nothing installed gets), the same with {@code OPENBLAS_CORETYPE} removed (its own choice of
 * kernel: the launcher's core patch was for Debian's older build), netlib's Vector-API BLAS and
 * its plain Java BLAS.
 */
public final class BlasBench {

    private static final Pattern EXAMPLES_PER_SECOND = Pattern.compile("\"examples_per_second\":([0-9.]+)");
    private static final String DGEMM_LINE = "blas-bench: dgemm ";
    private static final String LIBRARY_LINE = "blas-bench: library ";

    /** One option: its name, the child's extra JVM flags, and whether it drops OPENBLAS_CORETYPE. */
    record Option(String name, List<String> flags, boolean ownCore) {
    }

    static final List<Option> OPTIONS = List.of(
            new Option("system", List.of("-Dsparkprop.blas=system"), false),
            new Option("bundled", List.of("-Dsparkprop.blas=bundled"), false),
            new Option("bundled-own-core", List.of("-Dsparkprop.blas=bundled"), true),
            new Option("vector", List.of("--add-modules=jdk.incubator.vector", "-Dsparkprop.blas=java"), false),
            new Option("java", List.of("-Dsparkprop.blas=java"), false));

    /** The option names, in the order they run. */
    static final List<String> NAMES = OPTIONS.stream().map(Option::name).toList();

    private BlasBench() {
    }

    /**
     * The options a size compares by default: at {@code full} all of them; otherwise the system
     * and the bundled OpenBLAS only, the pair the fresh-machine target compares, since every child
     * JVM costs a Spark start and a training run (several seconds) and tiny must stay short.
     */
    static List<String> defaults(BenchSize size) {
        return size.name().equals("full") ? NAMES : List.of("system", "bundled");
    }

    /**
     * Runs the options {@code names} lists, in {@link #OPTIONS}' order; one map per option: its library, DGEMM GFLOP/s, mnist-fast
     * examples/s and both ratios to the system run (absent when the machine has no libblas.so.3,
     * whose option then says why it was skipped).
     */
    static List<Map<String, Object>> run(List<String> names, BenchSize size, BenchData data, Path workDir)
            throws IOException, InterruptedException {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> system = null;
        for (Option option : OPTIONS) {
            if (!names.contains(option.name())) {
                continue;
            }
            Map<String, Object> row = child(option, size, data, workDir.resolve("blas-" + option.name()));
            if (option.name().equals("system") && row.containsKey("dgemm_gflops")) {
                system = row;
            }
            rows.add(row);
        }
        for (Map<String, Object> row : rows) {
            if (system != null && row.containsKey("dgemm_gflops")) {
                row.put("dgemm_ratio", Stats.round((double) row.get("dgemm_gflops")
                        / (double) system.get("dgemm_gflops"), 2));
                row.put("examples_ratio", Stats.round((double) row.get("examples_per_second")
                        / (double) system.get("examples_per_second"), 2));
            }
        }
        return rows;
    }

    /** One child JVM: its DGEMM line, its library line and its training summary. */
    private static Map<String, Object> child(Option option, BenchSize size, BenchData data, Path out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(SparkJavaOptions.flags());
        command.addAll(option.flags());
        command.add("-Xmx2g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BlasBench.class.getName());
        command.add(String.valueOf(size.gemmSeconds()));
        command.add(String.valueOf(size.reps()));
        command.addAll(List.of("train", "conf/mnist-fast.properties", "--train", data.train(), "--test", data.test(),
                "--epochs", size.name().equals("full") ? "2" : "1", "--partitions", "2", "--output", out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        if (option.ownCore()) {
            builder.environment().remove("OPENBLAS_CORETYPE");
        }
        Process process = builder.start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        process.waitFor(30, TimeUnit.MINUTES);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("option", option.name());
        String failed = lines.stream().filter(line -> line.startsWith("blas-bench: skipped ")).findFirst().orElse(null);
        if (failed != null || process.exitValue() != 0) {
            row.put("skipped", failed != null ? failed.substring("blas-bench: skipped ".length())
                    : "the child exited " + process.exitValue() + " (see target/bench-stderr.log)");
            return row;
        }
        for (String line : lines) {
            if (line.startsWith(LIBRARY_LINE)) {
                row.put("library", line.substring(LIBRARY_LINE.length()));
            } else if (line.startsWith(DGEMM_LINE)) {
                row.put("dgemm_gflops", Double.parseDouble(line.substring(DGEMM_LINE.length())));
            }
        }
        Matcher matcher = EXAMPLES_PER_SECOND.matcher(lines.get(lines.size() - 1));
        if (!matcher.find()) {
            throw new IllegalStateException(option.name() + ": no examples_per_second in " + lines.get(lines.size() - 1));
        }
        row.put("examples_per_second", Double.parseDouble(matcher.group(1)));
        return row;
    }

    /**
     * The child: {@code SECONDS REPS} then a sparkprop command line. Prints the library and the
     * one-core DGEMM rate, then runs the command (whose main exits the JVM); a library that cannot
     * load prints one "skipped" line and exits 0, so the parent can show why.
     */
    public static void main(String[] args) throws Exception {
        try {
            System.out.println(LIBRARY_LINE + Blas.library());
        } catch (IllegalStateException e) {
            System.out.println("blas-bench: skipped " + e.getMessage());
            return;
        }
        DgemmBench.Case dgemm = DgemmBench.measure(256, 256, 785, 1, Double.parseDouble(args[0]),
                Integer.parseInt(args[1]));
        System.out.println(DGEMM_LINE + Stats.round(dgemm.gflops(), 2));
        System.out.flush();
        String[] command = new String[args.length - 2];
        System.arraycopy(args, 2, command, 0, command.length);
        dev.sparkprop.cli.Main.main(command);
    }
}
