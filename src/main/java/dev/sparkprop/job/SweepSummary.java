package dev.sparkprop.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a sweep: the chosen candidate's number, settings and scores, its test score
 * when there was a test set, the seconds and the model's path, as ordered fields (the last line
 * the command prints); and every candidate's row.
 *
 * @param fields the JSON fields in print order
 * @param table the candidates
 */
public record SweepSummary(Map<String, Object> fields, SweepTable table) {

    /** Copies the fields, keeping their order. */
    public SweepSummary {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** One-line JSON. */
    public String toJson() {
        return TrainingSummary.toJson(fields);
    }

    /** The candidates' lines as {@code sweep.csv} holds them, header first. */
    public List<String> csvLines() {
        return table.csvLines();
    }
}
