package dev.sparkprop.data;

import static dev.sparkprop.data.DataFormatException.quote;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parses one line of LIBSVM text: {@code LABEL INDEX:VALUE INDEX:VALUE ...}.
 *
 * <p>The format is sparse: indices are 1-based and strictly ascending, zeros are left out, and
 * a line may be a bare label (all features zero). Tokens are separated by any run of spaces or
 * tabs. The label must be a finite number, as the format defines it; it is kept as written.
 *
 * <p>Everything else is refused with a {@link DataFormatException} that quotes the bad token,
 * because a silently skipped token is a silently wrong feature. Pure Java: Spark tasks call it.
 */
final class LibsvmParser {

    private LibsvmParser() {
    }

    /**
     * Parses {@code text} into a sparse example of {@code featureCount} features: the stored
     * pairs only, as the line holds them (the cached blocks decide later whether to expand them).
     *
     * @param source       file path or URI, for messages and the example
     * @param line         1-based line number, for messages and the example
     * @param text         the line, without its line terminator
     * @param featureCount how many features every example has; indices above it are refused
     */
    public static RawExample parse(String source, long line, String text, int featureCount) {
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount must be 1 or more, got " + featureCount);
        }
        Tokens tokens = new Tokens(Objects.requireNonNull(text, "text"));
        String label = label(source, line, tokens);
        Pairs pairs = new Pairs();
        scanFeatures(source, line, tokens, featureCount, pairs);
        return RawExample.sparse(source, line, label, featureCount, pairs.indices(), pairs.values());
    }

    /**
     * Checks {@code text} as {@link #parse} would, without a feature count, and returns its
     * highest feature index (0 for a bare label). Reading a file's feature count from the data
     * means taking the maximum of this over all lines.
     */
    public static int maxIndex(String source, long line, String text) {
        Tokens tokens = new Tokens(Objects.requireNonNull(text, "text"));
        label(source, line, tokens);
        return scanFeatures(source, line, tokens, Integer.MAX_VALUE, null);
    }

    private static String label(String source, long line, Tokens tokens) {
        String label = tokens.next();
        if (label == null) {
            throw new DataFormatException(source, line, "empty line");
        }
        if (!Double.isFinite(Numbers.parseOrNaN(label))) {
            throw new DataFormatException(source, line,
                    "label " + quote(label) + " " + Numbers.fault(label));
        }
        return label;
    }

    /** Reads the INDEX:VALUE tokens into {@code pairs} (when given); returns the last index. */
    private static int scanFeatures(String source, long line, Tokens tokens, int limit,
                                    Pairs pairs) {
        int previous = 0;
        for (String token = tokens.next(); token != null; token = tokens.next()) {
            int colon = token.indexOf(':');
            if (colon <= 0 || colon == token.length() - 1) {
                throw new DataFormatException(source, line,
                        "malformed token " + quote(token) + "; expected INDEX:VALUE");
            }
            int index = index(source, line, token, colon, previous, limit);
            String valueText = token.substring(colon + 1);
            double value = Numbers.parseOrNaN(valueText);
            if (!Double.isFinite(value)) {
                throw new DataFormatException(source, line, "value " + quote(valueText)
                        + " in token " + quote(token) + " " + Numbers.fault(valueText));
            }
            if (pairs != null && value != 0.0) {
                pairs.add(index - 1, value);
            }
            previous = index;
        }
        return previous;
    }

    private static int index(String source, long line, String token, int colon, int previous,
                             int limit) {
        String text = token.substring(0, colon);
        int index;
        try {
            index = Integer.parseInt(text);
        } catch (NumberFormatException notAnInteger) {
            throw new DataFormatException(source, line, "feature index " + quote(text)
                    + " in token " + quote(token) + " is not an integer");
        }
        if (index < 1) {
            throw new DataFormatException(source, line, "feature index " + index + " in token "
                    + quote(token) + " is below 1; indices are 1-based");
        }
        if (index <= previous) {
            throw new DataFormatException(source, line, "feature index " + index + " in token "
                    + quote(token) + " follows index " + previous
                    + "; indices must be strictly ascending");
        }
        if (index > limit) {
            throw new DataFormatException(source, line, "feature index " + index
                    + " is beyond the declared feature count " + limit);
        }
        return index;
    }

    /** The (0-based index, value) pairs of one line, grown as they are read. */
    private static final class Pairs {
        private int[] indices = new int[16];
        private double[] values = new double[16];
        private int size;

        void add(int index, double value) {
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, 2 * size);
                values = Arrays.copyOf(values, 2 * size);
            }
            indices[size] = index;
            values[size++] = value;
        }

        int[] indices() {
            return Arrays.copyOf(indices, size);
        }

        double[] values() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Splits a line on runs of whitespace without a regex: this runs once per token of data. */
    private static final class Tokens {
        private final String text;
        private int position;

        Tokens(String text) {
            this.text = text;
        }

        /** The next token, or null at the end of the line. */
        String next() {
            int length = text.length();
            while (position < length && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position == length) {
                return null;
            }
            int start = position;
            while (position < length && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }
    }
}
