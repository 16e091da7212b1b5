package dev.sparkprop.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a training run as ordered fields: {@code epochs}, {@code steps},
 * {@code train_cost}, {@code train_accuracy} or {@code train_rmse}, {@code test_*} and
 * {@code validation_*} when those sets were given, {@code seconds}, {@code examples_per_second},
 * {@code blas}, {@code model}, and the per-step timing split. Printed as the last line of the
 * job's output.
 *
 * @param fields the JSON fields in print order
 */
public record TrainingSummary(Map<String, Object> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the fields, keeping their order. */
    public TrainingSummary {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** One field, or null. */
    public Object get(String name) {
        return fields.get(name);
    }

    /** One-line JSON. */
    public String toJson() {
        return toJson(fields);
    }

    /** One-line JSON of any ordered map (the evaluation report uses it too). */
    static String toJson(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
