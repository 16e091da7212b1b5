package dev.sparkprop.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model was made, stored with it so a model file answers "which settings, which data,
 * which build, how good" on its own (Tribuo's habit). The model file keeps it as
 * {@code info.KEY=VALUE} header lines ({@link ModelFile}); {@link #entries()} gives those keys:
 *
 * <pre>
 *   config.KEY          the resolved training config, one line per key, as the config table prints it
 *   sparkprop.version   this build ({@link #SPARKPROP_VERSION})
 *   spark.version       the Spark that trained it
 *   java.version        the JVM that trained it
 *   created             when it was written, ISO-8601 ({@link Instant#toString()})
 *   metrics.KEY         the final metrics of the run (train_cost, test_accuracy, seconds, ...)
 *   penalty.m           training-set: λ and λ1 were divided by the training set's m in D and J
 *                       ({@link #PENALTY_M}); absent in files written before that rule, whose
 *                       minibatch steps divided them by the examples of one step
 *   KEY                 a note: any other key, e.g. imported-from for a model built from Θ text
 * </pre>
 *
 * Config and metrics stay text maps: the config keys are the config table's, and the metrics
 * are whatever the run measured; both print and parse back as written. A version or date is
 * null when unknown (a hand-built model, a file that predates the field).
 *
 * @param config the resolved config, key → value as the config table prints it
 * @param metrics the final metrics, name → value as printed in the run summary
 * @param sparkpropVersion the sparkprop build that made the model, or null
 * @param sparkVersion the Spark version it trained on, or null
 * @param javaVersion the JVM version it trained on, or null
 * @param created when it was made, or null
 * @param notes anything else, key → value; a key may not be one the other components write
 */
public record Provenance(Map<String, String> config, Map<String, String> metrics, String sparkpropVersion,
                         String sparkVersion, String javaVersion, Instant created, Map<String, String> notes) {

    /** This build's version: the jar manifest's Implementation-Version, or "dev" when run from classes. */
    public static final String SPARKPROP_VERSION = buildVersion();

    /** A model with no record of how it was made. */
    public static final Provenance NONE = new Provenance(Map.of(), Map.of(), null, null, null, null, Map.of());

    /**
     * The note that records which m the penalties of training were divided by, with
     * {@link #PENALTY_OVER_TRAINING_SET} as its value for every model trained by this build
     * ({@link #now}). A file without it predates the rule: a minibatch step divided λ and λ1 by its
     * own examples, so its λ meant λ·m/b in the notes' J (full-batch runs are the same either way).
     */
    public static final String PENALTY_M = "penalty.m";
    /** {@link #PENALTY_M}'s value: the training set's m, the notes' J at every batch size. */
    public static final String PENALTY_OVER_TRAINING_SET = "training-set";

    private static final String CONFIG = "config.";
    private static final String METRICS = "metrics.";
    /** Header keys that are not notes: the scalar components, and prefixes other parts of the file own. */
    private static final List<String> RESERVED = List.of("sparkprop.version", "spark.version", "java.version",
            "created");
    private static final List<String> RESERVED_PREFIXES = List.of(CONFIG, METRICS, ModelFile.CHECKPOINT_PREFIX);

    /** Copies the maps, keeping their order; refuses a note that would read back as another component. */
    public Provenance {
        config = ordered(config);
        metrics = ordered(metrics);
        notes = ordered(notes);
        for (String key : notes.keySet()) {
            if (RESERVED.contains(key) || RESERVED_PREFIXES.stream().anyMatch(key::startsWith)) {
                throw new IllegalArgumentException("note '" + key + "' has a key reserved for the model header;"
                        + " pick another name");
            }
        }
    }

    /**
     * The provenance of a run that ends now in this JVM: {@code config}, this build's version,
     * {@code sparkVersion}, this JVM's version, the current time, no metrics yet, and the
     * {@link #PENALTY_M} note of this build's rule.
     */
    public static Provenance now(Map<String, String> config, String sparkVersion) {
        return new Provenance(config, Map.of(), SPARKPROP_VERSION, sparkVersion, System.getProperty("java.version"),
                Instant.now(), Map.of(PENALTY_M, PENALTY_OVER_TRAINING_SET));
    }

    /** Whether training divided λ and λ1 by the training set's m ({@link #PENALTY_M}), not by a step's examples. */
    public boolean penaltyOverTrainingSet() {
        return PENALTY_OVER_TRAINING_SET.equals(notes.get(PENALTY_M));
    }

    /** The same provenance with {@code metrics} as the final metrics. */
    public Provenance withMetrics(Map<String, String> metrics) {
        return new Provenance(config, metrics, sparkpropVersion, sparkVersion, javaVersion, created, notes);
    }

    /** A model built from weights alone: a note of where they came from, nothing else. */
    static Provenance importedFrom(String source) {
        return new Provenance(Map.of(), Map.of(), null, null, null, null, Map.of("imported-from", source));
    }

    /**
     * Versions, date and notes, under their header keys ({@code sparkprop.version = 0.1.0, ...}):
     * what {@link #entries()} holds besides the config and the metrics.
     */
    public Map<String, String> details() {
        Map<String, String> details = versionsAndDate();
        details.putAll(notes);
        return details;
    }

    /**
     * Every fact as one key → value map, in the order the model file writes them:
     * {@code config.*}, versions and date, {@code metrics.*}, then the notes.
     */
    public Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        config.forEach((key, value) -> entries.put(CONFIG + key, value));
        entries.putAll(versionsAndDate());
        metrics.forEach((key, value) -> entries.put(METRICS + key, value));
        entries.putAll(notes);
        return entries;
    }

    private Map<String, String> versionsAndDate() {
        Map<String, String> facts = new LinkedHashMap<>();
        putIfKnown(facts, "sparkprop.version", sparkpropVersion);
        putIfKnown(facts, "spark.version", sparkVersion);
        putIfKnown(facts, "java.version", javaVersion);
        putIfKnown(facts, "created", created == null ? null : created.toString());
        return facts;
    }

    /** Reads back {@link #entries()}; any key it does not know becomes a note. */
    static Provenance fromEntries(Map<String, String> entries) {
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, String> metrics = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(CONFIG)) {
                config.put(key.substring(CONFIG.length()), value);
            } else if (key.startsWith(METRICS)) {
                metrics.put(key.substring(METRICS.length()), value);
            } else if (!RESERVED.contains(key)) {
                notes.put(key, value);
            }
        });
        return new Provenance(config, metrics, entries.get("sparkprop.version"), entries.get("spark.version"),
                entries.get("java.version"), instant(entries.get("created")), notes);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created=" + text + ": not an ISO-8601 instant such as"
                    + " 2025-01-31T12:00:00Z", e);
        }
    }

    private static void putIfKnown(Map<String, String> into, String key, String value) {
        if (value != null) {
            into.put(key, value);
        }
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static String buildVersion() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
