package dev.sparkprop.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a training run as ordered fields: {@code epochs}, {@code steps},
 * {@code train_cost}, {@code train_accuracy} or {@code train_rmse}, {@code train_data_cost} when
 * J has a penalty, {@code test_*} and {@code validation_*} when those sets were given,
 * {@code seconds}, {@code examples_per_second}, {@code blas}, {@code model}, and the per-step
 * timing split. Printed as the last line of the job's output.
 *
 * <p>{@code train_cost} is the J that training minimized, at the final Θ over the whole training
 * set: the data cost plus λ/(2m) ΣΘ² + (λ1/m) Σ|Θ| with m the training set's examples.
 * {@code validation_cost}, {@code test_cost} and {@code train_data_cost} are data costs, the mean
 * cost of the examples without the penalty (which does not depend on the data): the notes' J_cv
 * and J_test, comparable with each other.
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
