package dev.sparkprop.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sparkprop.model.Model;
import dev.sparkprop.nn.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run page that the live page ({@code ui/}) and {@code report.html} share, so they look alike:
 * one script, {@code page.js}, and one style sheet, {@code page.css} (both in the jar beside this
 * class), draw the page from one JSON state. The live server sends the state as it grows; the
 * report embeds the finished run's state and the script in its HTML, so it still opens from a
 * mail attachment. The state's fields:
 *
 * <pre>
 *   title, status         "sparkprop: NETWORK", running | done | failed
 *   error                 the failed run's one line, or null
 *   epochs, stepsPerEpoch what the run was asked for (stepsPerEpoch 0: no steps drawn)
 *   run, config           name -> text: application, Spark UI, BLAS ...; the resolved config
 *   epochLines            the metrics.jsonl lines as objects
 *   steps                 arrays, one entry per step: step, t (seconds since the start), cost, rate,
 *                         slowest, overhead, broadcast, update, compute (seconds)
 *   tiles                 {epoch, png (base64)}: the first layer as image tiles, or null
 *   confusion             {dataset, classes, counts}, or null
 *   summary               the final summary's fields, or null while running
 * </pre>
 */
public final class RunPage {

    /** The script and the style sheet, as the live server serves them. */
    public static final String SCRIPT = "page.js";
    public static final String STYLE = "page.css";
    /** The step arrays of the state, in the order {@code page.js} reads them. */
    public static final List<String> STEP_FIELDS = List.of("step", "t", "cost", "rate", "slowest", "overhead",
            "broadcast", "update", "compute");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private RunPage() {
    }

    /** The text of {@link #SCRIPT} or {@link #STYLE}, from the jar. */
    public static String resource(String name) {
        if (!name.equals(SCRIPT) && !name.equals(STYLE)) {
            throw new IllegalArgumentException("the run page has no file " + name);
        }
        try (InputStream in = RunPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar, next to " + RunPage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the jar: " + e.getMessage(), e);
        }
    }

    /** The live page's HTML: the style and script from the server, polling {@code state.json}. */
    public static String livePage(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + HtmlReport.escape(title) + "</title>\n<link rel=\"stylesheet\" href=\"" + STYLE + "\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n<div id=\"sparkprop-page\"></div>\n<script src=\""
                + SCRIPT + "\"></script>\n<script>SparkpropPage.live(\"state.json\");</script>\n</body>\n</html>\n";
    }

    /** The page drawn from {@code state} by the inline script: {@code report.html}'s first part. */
    static String embedded(Map<String, Object> state) {
        // "</" inside a script would end it: JSON may write it as "<\/" with the same meaning.
        String json = toJson(state).replace("</", "<\\/");
        return "<div id=\"sparkprop-page\"></div>\n<script>\n" + resource(SCRIPT) + "\n</script>\n<script>SparkpropPage.draw("
                + json + ");</script>\n";
    }

    /**
     * The state of a finished run, from what its directory keeps: {@code model}'s config, metrics
     * and details, the first layer of its Θ, the {@code metricsLines}, and the confusion counts
     * (null for none). There are no step timings, so the time split comes from the summary.
     */
    public static Map<String, Object> finished(Model model, List<String> metricsLines, ConfusionMatrix confusion) {
        Map<String, Object> state = start(model.spec(), epochsOf(model), 0, model.provenance().details(),
                model.provenance().config());
        state.put("status", "done");
        state.put("epochLines", epochLines(metricsLines));
        state.put("tiles", tiles(model.spec(), model.theta(), metricsLines.size()));
        state.put("confusion", confusion == null ? null : confusion(confusion));
        Map<String, Object> summary = new LinkedHashMap<>();
        model.provenance().metrics().forEach((key, value) -> summary.put(key, numberOrText(value)));
        state.put("summary", summary.isEmpty() ? null : summary);
        return state;
    }

    /** A state's fields before anything ran: title, status running, the run's and config's tables, no steps. */
    public static Map<String, Object> start(NetworkSpec spec, int epochs, int stepsPerEpoch, Map<String, String> run,
                                            Map<String, String> config) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", "sparkprop: " + spec);
        state.put("status", "running");
        state.put("error", null);
        state.put("epochs", epochs);
        state.put("stepsPerEpoch", stepsPerEpoch);
        state.put("run", new LinkedHashMap<>(run));
        state.put("config", new LinkedHashMap<>(config));
        state.put("epochLines", List.of());
        Map<String, Object> steps = new LinkedHashMap<>();
        STEP_FIELDS.forEach(field -> steps.put(field, List.of()));
        state.put("steps", steps);
        state.put("tiles", null);
        state.put("confusion", null);
        state.put("summary", null);
        return state;
    }

    /** Whether {@link #tiles} draws anything for {@code spec}: its input is a square image. */
    public static boolean drawsTiles(NetworkSpec spec) {
        return HiddenUnits.isImage(spec.inputSize());
    }

    /**
     * The first layer's weights as image tiles when the input is a square image (a hidden
     * layer's units, or without one the output units' class templates), after {@code epoch};
     * null otherwise.
     */
    public static Map<String, Object> tiles(NetworkSpec spec, double[] theta, int epoch) {
        if (!drawsTiles(spec)) {
            return null;
        }
        byte[] png = Png.encodeGrey(HiddenUnits.renderRows(spec.matrix(theta, 1), spec.inputSize()));
        Map<String, Object> tiles = new LinkedHashMap<>();
        tiles.put("epoch", epoch);
        tiles.put("png", Base64.getEncoder().encodeToString(png));
        return tiles;
    }

    /** The confusion counts as the state holds them. */
    public static Map<String, Object> confusion(ConfusionMatrix matrix) {
        Map<String, Object> confusion = new LinkedHashMap<>();
        confusion.put("dataset", matrix.dataset());
        confusion.put("classes", matrix.classNames());
        confusion.put("counts", matrix.counts());
        return confusion;
    }

    /** The confusion counts {@link RunReport#CONFUSION_COUNTS} holds ({@link #confusion}'s inverse). */
    public static ConfusionMatrix readConfusion(String json, String fileName) {
        try {
            ConfusionFile file = JSON.readValue(json, ConfusionFile.class);
            return new ConfusionMatrix(file.dataset(), file.classes(), file.counts());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(fileName + " is not a confusion matrix: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** {@link RunReport#CONFUSION_COUNTS} as written. */
    private record ConfusionFile(String dataset, List<String> classes, long[][] counts) {
    }

    /** The {@code metrics.jsonl} lines as objects; a line that is not a JSON object is refused with its number. */
    public static List<Map<String, Object>> epochLines(List<String> metricsLines) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < metricsLines.size(); i++) {
            if (!metricsLines.get(i).isBlank()) {
                try {
                    lines.add(JSON.readValue(metricsLines.get(i), new TypeReference<LinkedHashMap<String, Object>>() {
                    }));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("metrics line " + (i + 1) + " is not a JSON object: "
                            + e.getOriginalMessage(), e);
                }
            }
        }
        return lines;
    }

    /** The state as JSON: NaN and infinities are written as strings, which the script draws as gaps. */
    public static String toJson(Object state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the page state: " + e.getMessage(), e);
        }
    }

    private static int epochsOf(Model model) {
        String epochs = model.provenance().config().get("epochs");
        return epochs == null ? 0 : Integer.parseInt(epochs);
    }

    private static Object numberOrText(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
