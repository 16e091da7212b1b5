package dev.sparkprop.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A Spark application's event log ({@code spark.eventLog.dir}) read back: one JSON object per
 * line, each with an {@code Event} type. It is Spark's own record of what ran where, so the tests
 * ask it which executors ran tasks, which tasks failed and which blocks were cached where.
 */
final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final List<JsonNode> events;

    private EventLog(String appId, List<JsonNode> events) {
        this.appId = appId;
        this.events = events;
    }

    /** Reads the one application log in {@code directory}, finished or still {@code .inprogress}. */
    static EventLog read(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.getFileName().toString().startsWith("app-")).toList();
        }
        if (files.size() != 1) {
            throw new IllegalStateException("expected one event log in " + directory + ", found " + files);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(files.get(0))) {
            if (!line.isBlank()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException truncatedLastLine) {
                    break; // the log of a killed driver may end mid-line
                }
            }
        }
        return new EventLog(files.get(0).getFileName().toString().replace(".inprogress", ""), events);
    }

    /** The application id, e.g. {@code app-20260101120000-0003}. */
    String appId() {
        return appId;
    }

    /** The events of one type, e.g. {@code SparkListenerTaskEnd}, in order. */
    List<JsonNode> events(String type) {
        return events.stream().filter(e -> e.path("Event").asText().equals(type)).toList();
    }

    /**
     * The executors (by id) that ran at least one task successfully in a stage whose name (Spark's
     * call site, e.g. {@code treeAggregate at SparkGradient.java:130}) starts with {@code stagePrefix}.
     */
    Set<String> executorsWithSuccessfulTasks(String stagePrefix) {
        Set<JsonNode> stages = new HashSet<>();
        for (JsonNode submitted : events("SparkListenerStageSubmitted")) {
            if (submitted.path("Stage Info").path("Stage Name").asText().startsWith(stagePrefix)) {
                stages.add(submitted.path("Stage Info").path("Stage ID"));
            }
        }
        Set<String> executors = new TreeSet<>();
        for (JsonNode task : events("SparkListenerTaskEnd")) {
            if (stages.contains(task.path("Stage ID"))
                    && task.path("Task End Reason").path("Reason").asText().equals("Success")) {
                executors.add(task.path("Task Info").path("Executor ID").asText());
            }
        }
        return executors;
    }

    /** The task attempts that failed: their {@code SparkListenerTaskEnd} events. */
    List<JsonNode> failedTasks() {
        return events("SparkListenerTaskEnd").stream()
                .filter(task -> !task.path("Task End Reason").path("Reason").asText().equals("Success")).toList();
    }

    /** Executors (by id) that joined the application. */
    Set<String> addedExecutors() {
        return ids("SparkListenerExecutorAdded");
    }

    /** Executors (by id) that left it while it ran. */
    Set<String> removedExecutors() {
        return ids("SparkListenerExecutorRemoved");
    }

    private Set<String> ids(String type) {
        Set<String> ids = new LinkedHashSet<>();
        events(type).forEach(e -> ids.add(e.path("Executor ID").asText()));
        return ids;
    }

    /**
     * For every cached RDD block ({@code rdd_RDD_PARTITION}), the executors that stored it in
     * memory, in order; needs {@code spark.eventLog.logBlockUpdates.enabled=true}. A block listed
     * on two executors was computed twice: lost with an executor, then rebuilt from its lineage.
     */
    Map<String, List<String>> rddBlocksStored() {
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (JsonNode update : events("SparkListenerBlockUpdated")) {
            JsonNode info = update.path("Block Updated Info");
            String block = info.path("Block ID").asText();
            if (block.startsWith("rdd_") && info.path("Storage Level").path("Use Memory").asBoolean()) {
                stored.computeIfAbsent(block, b -> new ArrayList<>())
                        .add(info.path("Block Manager ID").path("Executor ID").asText());
            }
        }
        return stored;
    }
}
