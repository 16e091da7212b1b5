package dev.sparkprop.data;

import static dev.sparkprop.data.DataFormatException.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses CSV with a header row: one label column (any type, kept as text) and numeric features.
 *
 * <p>Fields are separated by commas and trimmed. A field may be double-quoted, so that a string
 * label such as {@code "Iris-setosa"} or {@code "Smith, J."} survives; a quote inside a quoted
 * field is written twice ({@code ""}). A record must fit on one line: line numbers are only
 * meaningful that way, and Spark splits text files at line breaks.
 *
 * <p>Every refused row names the line, and the column and value at fault. Pure Java.
 */
final class CsvParser {

    /** How many column names an error message lists before it abbreviates. */
    private static final int LISTED_COLUMNS = 10;

    private CsvParser() {
    }

    /**
     * Reads the header line (line 1 of {@code source}).
     *
     * @param labelColumn the label column's name, or null for the first column
     */
    public static CsvHeader header(String source, String headerLine, String labelColumn) {
        List<String> columns = split(source, 1, Objects.requireNonNull(headerLine, "headerLine"));
        if (columns.size() < 2) {
            throw new DataFormatException(source, 1, "the header has " + columns.size()
                    + " column; need a label column and at least one feature column");
        }
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            if (name.isEmpty()) {
                throw new DataFormatException(source, 1, "column " + (i + 1) + " has no name");
            }
            Integer earlier = firstSeen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new DataFormatException(source, 1, "column name " + quote(name)
                        + " appears twice (columns " + (earlier + 1) + " and " + (i + 1) + ")");
            }
        }
        int labelIndex = labelColumn == null ? 0 : columns.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new DataFormatException(source, 1, "label column " + quote(labelColumn)
                    + " not found; the columns are "
                    + DataFormatException.quoteAll(columns, LISTED_COLUMNS));
        }
        return new CsvHeader(columns, labelIndex);
    }

    /**
     * Parses one data line into an example whose features are the non-label columns in order.
     *
     * @param line 1-based line number in the file (the header is line 1)
     */
    public static RawExample parse(String source, long line, String text, CsvHeader header) {
        if (Objects.requireNonNull(text, "text").isBlank()) {
            throw new DataFormatException(source, line, "empty line");
        }
        List<String> fields = split(source, line, text);
        List<String> columns = header.columns();
        if (fields.size() != columns.size()) {
            throw new DataFormatException(source, line,
                    "expected " + columns.size() + " fields, found " + fields.size());
        }
        String label = fields.get(header.labelIndex());
        Numbers.checkLabel(source, line, header.labelColumn(), label);
        double[] features = new double[header.featureCount()];
        int next = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (i == header.labelIndex()) {
                continue;
            }
            String field = fields.get(i);
            double value = Numbers.parseOrNaN(field);
            if (!Double.isFinite(value)) {
                throw new DataFormatException(source, line, "column " + quote(columns.get(i))
                        + " value " + quote(field) + " " + Numbers.fault(field));
            }
            features[next++] = value;
        }
        return new RawExample(source, line, label, features);
    }

    /** Splits a line into trimmed fields, honouring double quotes and their {@code ""} escape. */
    static List<String> split(String source, long line, String text) {
        List<String> fields = new ArrayList<>();
        int position = 0;
        while (true) {
            int start = skipBlanks(text, position);
            if (start < text.length() && text.charAt(start) == '"') {
                position = quotedField(source, line, text, start, fields);
            } else {
                int comma = text.indexOf(',', start);
                position = comma < 0 ? text.length() : comma;
                fields.add(text.substring(start, position).strip());
            }
            if (position >= text.length()) {
                return fields;
            }
            position++; // past the comma
        }
    }

    /** Adds the quoted field opening at {@code start}; returns the position of what follows. */
    private static int quotedField(String source, long line, String text, int start,
                                   List<String> fields) {
        StringBuilder field = new StringBuilder();
        int position = start + 1;
        while (true) {
            if (position >= text.length()) {
                throw new DataFormatException(source, line, "field " + (fields.size() + 1)
                        + " opens a quote that is never closed: " + quote(text.substring(start)));
            }
            char c = text.charAt(position++);
            if (c != '"') {
                field.append(c);
            } else if (position < text.length() && text.charAt(position) == '"') {
                field.append('"');
                position++;
            } else {
                break;
            }
        }
        int after = skipBlanks(text, position);
        if (after < text.length() && text.charAt(after) != ',') {
            throw new DataFormatException(source, line, "field " + (fields.size() + 1)
                    + " has text after its closing quote: " + quote(text.substring(start)));
        }
        fields.add(field.toString().strip());
        return after;
    }

    private static int skipBlanks(String text, int position) {
        while (position < text.length()
                && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
        return position;
    }
}
