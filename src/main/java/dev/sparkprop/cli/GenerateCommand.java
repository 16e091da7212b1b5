package dev.sparkprop.cli;

import dev.sparkprop.data.DataFormatException;
import dev.sparkprop.data.PackageDescriptions;
import dev.sparkprop.data.SyntheticData;
import dev.sparkprop.data.SyntheticData.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkprop generate KIND --output FILE [--bits N] [--rows N] [--noise S] [--seed S]}: a
 * small labelled data set made by rule ({@link SyntheticData}), written as the CSV {@code train}
 * reads. The same seed writes the same file. Prints one line: rows, features, how many are class
 * 1 (or the target's range for {@code sine}), and where the file went.
 *
 * <p>{@code generate debian-packages --output FILE [--input PACKAGES]} writes the sparse text set
 * instead ({@link PackageDescriptions}): Debian's package descriptions, from {@code apt-cache
 * dumpavail} or a Packages file, labelled by section, as 2^18 hashed features in LIBSVM.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a small labelled data set made by rule, as CSV (label first) for train:",
            "  parity   all 2^N rows of N bits, label = their XOR (--bits N)",
            "  circle   points in [-1,1]^2, label 1 inside a circle of radius 0.6 (--rows, --seed)",
            "  polygon  the same points, label 1 inside a regular pentagon (--rows, --seed)",
            "  ring     the same points, label 1 for 0.4 <= |x| <= 0.8 (--rows, --seed)",
            "  sine     x in [-pi, pi], target sin(x) + noise: regression (--rows, --noise, --seed)",
            "  debian-packages  Debian's package descriptions by Section (10 classes), 2^18 hashed words, LIBSVM",
            "           (from `apt-cache dumpavail`, or --input a Packages file)"})
final class GenerateCommand implements Callable<Integer> {

    private static final List<String> KINDS = List.of("parity", "circle", "polygon", "ring", "sine", "debian-packages");
    private static final String PACKAGES = "debian-packages";

    @Parameters(paramLabel = "KIND", description = "parity, circle, polygon, ring, sine or debian-packages.")
    String kind;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "The CSV file to write (LIBSVM for debian-packages).")
    Path output;

    @Option(names = "--input", paramLabel = "PACKAGES",
            description = "debian-packages: a Packages index to read. Default: the output of apt-cache dumpavail.")
    Path input;

    @Option(names = "--bits", paramLabel = "N", description = "parity: the number of bits N. Default: 8.")
    Integer bits;

    @Option(names = "--rows", paramLabel = "N", description = "The points drawn (not for parity). Default: 500.")
    Integer rows;

    @Option(names = "--noise", paramLabel = "SD", description = "sine: the noise's standard deviation. Default: 0.1.")
    Double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seeds the points. Default: 1.")
    long seed;

    @Option(names = "--overwrite", description = "Replace FILE if it exists.")
    boolean overwrite;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws IOException {
        if (kind.equals(PACKAGES)) {
            return packages();
        }
        if (input != null) {
            throw invocation.refuse("--input " + input + ": only debian-packages takes --input");
        }
        Table table = table();
        if (Files.exists(output) && !overwrite) {
            throw invocation.refuse("--output " + output + ": the file exists; pass --overwrite to replace it");
        }
        write(table, output);
        invocation.out().println(describe(table) + " to " + output);
        return Main.EXIT_OK;
    }

    /** The table KIND and the options make; refuses an unknown kind or an option the kind does not take. */
    private Table table() {
        if (!KINDS.contains(kind)) {
            throw invocation.refuse("generate " + kind + ": no such data set; choose one of " + String.join(", ", KINDS));
        }
        boolean parity = kind.equals("parity");
        if (parity && rows != null) {
            throw invocation.refuse("--rows " + rows + ": parity writes all 2^N rows; set --bits N instead");
        }
        if (!parity && bits != null) {
            throw invocation.refuse("--bits " + bits + ": only parity takes --bits");
        }
        if (!kind.equals("sine") && noise != null) {
            throw invocation.refuse("--noise " + noise + ": only sine takes --noise");
        }
        int count = rows == null ? 500 : rows;
        try {
            return switch (kind) {
                case "parity" -> SyntheticData.parity(bits == null ? 8 : bits);
                case "circle" -> SyntheticData.circle(count, seed);
                case "polygon" -> SyntheticData.polygon(count, seed);
                case "ring" -> SyntheticData.ring(count, seed);
                default -> SyntheticData.sine(count, noise == null ? 0.1 : noise, seed);
            };
        } catch (IllegalArgumentException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
    }

    /** The Debian text set: read, labelled, hashed and written; one line says what and whence. */
    private int packages() throws IOException {
        if (bits != null || rows != null || noise != null) {
            throw invocation.refuse("generate debian-packages takes --input and --output only; the rows are every"
                    + " package of the 10 most common sections");
        }
        if (Files.exists(output) && !overwrite) {
            throw invocation.refuse("--output " + output + ": the file exists; pass --overwrite to replace it");
        }
        PackageDescriptions set;
        String source;
        if (input != null) {
            if (!Files.isReadable(input)) {
                throw invocation.refuse("--input " + input + ": no such readable file");
            }
            source = input.toString();
            try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                set = readPackages(in, source);
            }
        } else {
            source = "apt-cache dumpavail";
            set = dumpavail();
        }
        if (set.size() == 0) {
            throw invocation.refuse(source + ": no package has both a Section and a Description");
        }
        write(set::writeLibsvm, output);
        invocation.out().println(String.format(Locale.ROOT, "sparkprop: wrote %d rows (%d features, %.2f non-zeros a"
                + " row, %d columns used; classes %s) from %s to %s", set.size(), PackageDescriptions.FEATURES,
                (double) set.nonZeroCount() / set.size(), set.columnsUsed(), classes(set), source, output));
        return Main.EXIT_OK;
    }

    private PackageDescriptions readPackages(BufferedReader in, String source) {
        try {
            return PackageDescriptions.read(in, source);
        } catch (DataFormatException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
    }

    /** Reads {@code apt-cache dumpavail}'s output as it comes. */
    private PackageDescriptions dumpavail() throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("apt-cache", "dumpavail").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw invocation.refuse("generate debian-packages: apt-cache cannot run here (" + e.getMessage()
                    + "); pass --input a Packages file", e);
        }
        PackageDescriptions set;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            set = readPackages(in, "apt-cache dumpavail");
        }
        try {
            if (process.waitFor() != 0) {
                throw invocation.refuse("apt-cache dumpavail exited with status " + process.exitValue()
                        + "; pass --input a Packages file");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while apt-cache dumpavail ran", e);
        }
        return set;
    }

    /** "libs 6711, libdevel 5581, ...": each class's section and rows, label 0 first. */
    private static String classes(PackageDescriptions set) {
        long[] counts = set.classCounts();
        StringBuilder text = new StringBuilder();
        for (int label = 0; label < counts.length; label++) {
            text.append(label == 0 ? "" : ", ").append(label).append('=').append(set.sections().get(label))
                    .append(' ').append(counts[label]);
        }
        return text.toString();
    }

    /** What writes a file's content. */
    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes under a temporary name beside FILE and renames it: a failed run leaves no half file. */
    private static void write(Table table, Path file) throws IOException {
        write(table::writeCsv, file);
    }

    private static void write(Content content, Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "." + file.getFileName(), ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** "sparkprop: wrote 256 rows (8 features; label 1 in 128)", or the target's range for regression. */
    private String describe(Table table) {
        long ones = table.rows().stream().filter(row -> row[0] == 1).count();
        String labels;
        if (kind.equals("sine")) {
            double low = table.rows().stream().mapToDouble(row -> row[0]).min().orElse(0);
            double high = table.rows().stream().mapToDouble(row -> row[0]).max().orElse(0);
            labels = String.format(Locale.ROOT, "target from %.3f to %.3f", low, high);
        } else {
            labels = "label 1 in " + ones;
        }
        int features = table.features().size();
        return "sparkprop: wrote " + table.rows().size() + " rows (" + features + (features == 1 ? " feature; " : " features; ")
                + labels + ")";
    }
}
