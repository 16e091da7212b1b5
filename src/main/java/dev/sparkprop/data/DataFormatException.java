package dev.sparkprop.data;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A problem with the input data, pinned to the file and line where it was found.
 *
 * <p>The message is always one line, {@code FILE:LINE: problem}, the shape compilers use so
 * that editors and terminals can jump to the spot, or {@code FILE: problem} when the problem
 * belongs to the whole file (it is missing or empty). Bad values are quoted in the message.
 *
 * <p>Parsers throw it inside Spark tasks, where Spark wraps it in a {@code SparkException}
 * whose message buries ours in a stack trace. {@link #findIn(Throwable)} digs the original back
 * out, from the cause chain when it survived serialization, else from the wrapper's text.
 */
public class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The {@link #line()} of a problem that belongs to the whole file. */
    public static final long WHOLE_FILE = 0;

    /** How Throwable.toString() starts for this class: what Spark copies into its own message. */
    private static final String NAME_PREFIX = DataFormatException.class.getName() + ": ";
    /** Non-greedy, so the first {@code :digits: } wins even in {@code hdfs://host:8020/x:3: }. */
    private static final Pattern LINE_MESSAGE = Pattern.compile("(.+?):(\\d{1,18}): (.*)");
    private static final Pattern FILE_MESSAGE = Pattern.compile("(.+?): (.*)");
    private static final int QUOTE_LIMIT = 60;

    private final String source;
    private final long line;

    /** A problem at one line (or Parquet row), counted from 1. */
    public DataFormatException(String source, long line, String problem) {
        this(source + ":" + line + ": " + problem, source, line);
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }

    /** A problem with the whole file: it is missing, empty, or unreadable as a whole. */
    public DataFormatException(String source, String problem) {
        this(source + ": " + problem, source, WHOLE_FILE);
    }

    private DataFormatException(String message, String source, long line) {
        // A newline would break the one-line promise; values are quoted but may hold anything.
        super(message.replace('\n', ' ').replace('\r', ' '));
        this.source = source;
        this.line = line;
    }

    /** The file path or URI, as the caller named it. */
    public String source() {
        return source;
    }

    /** The 1-based line or row number, or {@link #WHOLE_FILE}. */
    public long line() {
        return line;
    }

    /**
     * Finds the data problem behind a failure, typically a {@code SparkException} from an action.
     * Looks first for the exception itself in the cause chain, then for its
     * {@code toString()} in any message of the chain (Spark copies it there when the executor's
     * exception could not be sent back whole).
     */
    public static Optional<DataFormatException> findIn(Throwable failure) {
        Set<Throwable> chain = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && chain.add(t); t = t.getCause()) {
            if (t instanceof DataFormatException original) {
                return Optional.of(original);
            }
        }
        for (Throwable t : chain) {
            String message = t.getMessage();
            int at = message == null ? -1 : message.indexOf(NAME_PREFIX);
            if (at >= 0) {
                String rest = message.substring(at + NAME_PREFIX.length());
                return Optional.of(fromMessage(rest.lines().findFirst().orElse("").strip()));
            }
        }
        return Optional.empty();
    }

    /** Rebuilds the exception from its own message, recovering source and line when it can. */
    private static DataFormatException fromMessage(String message) {
        Matcher atLine = LINE_MESSAGE.matcher(message);
        if (atLine.matches() && Long.parseLong(atLine.group(2)) >= 1) {
            return new DataFormatException(message, atLine.group(1), Long.parseLong(atLine.group(2)));
        }
        Matcher atFile = FILE_MESSAGE.matcher(message);
        String source = atFile.matches() ? atFile.group(1) : "";
        return new DataFormatException(message, source, WHOLE_FILE);
    }

    /** The first {@code shown} values, quoted, then how many more: headers can be thousands long. */
    static String quoteAll(List<String> values, int shown) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < Math.min(values.size(), shown); i++) {
            list.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        if (values.size() > shown) {
            list.append(", ... (").append(values.size() - shown).append(" more)");
        }
        return list.toString();
    }

    /** Quotes a value for a message, shortening it so one stray huge token cannot flood a log. */
    static String quote(String value) {
        if (value.length() <= QUOTE_LIMIT) {
            return "\"" + value + "\"";
        }
        return "\"" + value.substring(0, QUOTE_LIMIT) + "...\" (" + value.length() + " characters)";
    }
}
