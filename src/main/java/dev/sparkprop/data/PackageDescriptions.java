package dev.sparkprop.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.ml.feature.HashingTF;

/**
 * A real sparse data set from a public text source on every Debian machine: the package
 * descriptions that {@code apt-cache dumpavail} prints (the Packages index, one paragraph a
 * package), each labelled by its {@code Section}, as a hashed bag of words.
 *
 * <p>The rule, so that anyone can make the same file: the first paragraph of each package name
 * is kept (packages sorted by name); the section's component prefix is dropped
 * ({@code contrib/utils} is {@code utils}); the {@link #CLASSES} most common sections, by count
 * and then by name, are the classes 0..9 in that order, and packages of other sections are left
 * out. The text is the {@code Description} field, its summary and any continuation lines
 * (bookworm's index carries the summary only; the long texts are in the translation files),
 * lower-cased and split on {@code \W+} as Spark's {@code RegexTokenizer().setPattern("\\W+")}
 * does; each token is hashed into {@link #FEATURES} = 2^18 columns by Spark's own
 * {@code HashingTF.indexOf} (MurmurHash3 of the UTF-8 bytes, seed 42, modulo 2^18), so a Spark
 * pipeline of {@code RegexTokenizer} and {@code HashingTF(2^18)} gives the same columns. A
 * feature's value is its term count. The rows are written as LIBSVM text (1-based indices).
 *
 * <p>The descriptions are the packages' own text: each is under its package's copyright and
 * licence ({@code /usr/share/doc/PACKAGE/copyright} when installed; all are free software or
 * documentation licences by the Debian Free Software Guidelines, for main). The file is made on
 * the machine that trains, not shipped.
 */
public final class PackageDescriptions {

    /** 2^18 hashed features, as the text set is specified. */
    public static final int FEATURES = 1 << 18;
    /** The most common sections kept as classes. */
    public static final int CLASSES = 10;

    private static final Pattern TOKEN_BREAK = Pattern.compile("\\W+");

    private final List<Row> rows;
    private final List<String> sections;

    /** A package's label and hashed words. */
    private record Row(String name, int label, TreeMap<Integer, Integer> counts) {
    }

    private PackageDescriptions(List<Row> rows, List<String> sections) {
        this.rows = rows;
        this.sections = sections;
    }

    /** Reads a Packages index (or {@code apt-cache dumpavail}'s output) from {@code in}, named {@code source} in errors. */
    public static PackageDescriptions read(BufferedReader in, String source) {
        Map<String, String[]> packages = new TreeMap<>(); // name -> section, description: first paragraph wins
        try {
            Map<String, StringBuilder> fields = new LinkedHashMap<>();
            String field = null;
            long line = 0;
            for (String text = in.readLine(); ; text = in.readLine()) {
                line++;
                if (text == null || text.isBlank()) {
                    keep(fields, packages, source, line);
                    fields.clear();
                    field = null;
                    if (text == null) {
                        break;
                    }
                } else if (Character.isWhitespace(text.charAt(0))) {
                    if (field == null) {
                        throw new DataFormatException(source, line, "a continuation line with no field before it");
                    }
                    String more = text.strip();
                    fields.get(field).append(' ').append(more.equals(".") ? "" : more);
                } else {
                    int colon = text.indexOf(':');
                    if (colon <= 0) {
                        throw new DataFormatException(source, line, "expected 'Field: value', found "
                                + DataFormatException.quote(text));
                    }
                    field = text.substring(0, colon);
                    fields.put(field, new StringBuilder(text.substring(colon + 1).strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        return label(packages);
    }

    private static void keep(Map<String, StringBuilder> fields, Map<String, String[]> packages, String source,
                             long line) {
        if (fields.isEmpty()) {
            return;
        }
        StringBuilder name = fields.get("Package");
        if (name == null) {
            throw new DataFormatException(source, line, "a paragraph without a Package field ends here");
        }
        StringBuilder section = fields.get("Section");
        StringBuilder description = fields.get("Description");
        if (section != null && description != null) {
            String plain = section.toString().substring(section.lastIndexOf("/") + 1);
            packages.putIfAbsent(name.toString(), new String[] {plain, description.toString()});
        }
    }

    /** The {@link #CLASSES} most common sections as labels; the descriptions hashed. */
    private static PackageDescriptions label(Map<String, String[]> packages) {
        Map<String, Integer> counts = new HashMap<>();
        packages.values().forEach(p -> counts.merge(p[0], 1, Integer::sum));
        List<String> sections = counts.keySet().stream()
                .sorted(Comparator.comparing((String s) -> -counts.get(s)).thenComparing(s -> s))
                .limit(CLASSES).toList();
        HashingTF hashing = new HashingTF().setNumFeatures(FEATURES);
        List<Row> rows = new ArrayList<>();
        packages.forEach((name, p) -> {
            int label = sections.indexOf(p[0]);
            if (label >= 0) {
                TreeMap<Integer, Integer> words = new TreeMap<>();
                for (String token : TOKEN_BREAK.split(p[1].toLowerCase(Locale.ROOT))) {
                    if (!token.isEmpty()) {
                        words.merge(hashing.indexOf(token), 1, Integer::sum);
                    }
                }
                rows.add(new Row(name, label, words));
            }
        });
        return new PackageDescriptions(rows, sections);
    }

    /** The classes' section names, label 0 first. */
    public List<String> sections() {
        return sections;
    }

    /** The packages kept, one row each. */
    public int size() {
        return rows.size();
    }

    /** The stored (non-zero) features over all rows. */
    public long nonZeroCount() {
        return rows.stream().mapToLong(row -> row.counts().size()).sum();
    }

    /** How many rows each class has, label 0 first. */
    public long[] classCounts() {
        long[] counts = new long[sections.size()];
        rows.forEach(row -> counts[row.label()]++);
        return counts;
    }

    /** Distinct hashed columns used by any row. */
    public int columnsUsed() {
        TreeSet<Integer> used = new TreeSet<>();
        rows.forEach(row -> used.addAll(row.counts().keySet()));
        return used.size();
    }

    /** Writes every row as a LIBSVM line, {@code LABEL index:count ...}, indices 1-based and ascending. */
    public void writeLibsvm(Writer out) throws IOException {
        StringBuilder line = new StringBuilder();
        for (Row row : rows) {
            line.setLength(0);
            line.append(row.label());
            row.counts().forEach((column, count) -> line.append(' ').append(column + 1).append(':').append(count));
            out.write(line.append('\n').toString());
        }
    }
}
