package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.report.ConfusionMatrix;
import dev.sparkprop.report.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkprop ui RUN}: a finished run's page from the files its output directory keeps. */
class UiCommandTest {

    @TempDir
    Path dir;

    /** A written run of an 8 x 8 image classifier: model, three metrics lines, the report and its counts. */
    private Path finishedRun() throws Exception {
        NetworkSpec spec = NetworkSpec.parse("64-5:sigmoid-3:softmax");
        double[] theta = new Random(3).doubles(spec.parameterCount(), -1, 1).toArray();
        Provenance provenance = Provenance.now(Map.of("network", spec.toString(), "epochs", "3"), "3.5.7")
                .withMetrics(Map.of("epochs", "3", "step_jobs_seconds", "1.5", "slowest_compute_seconds", "0.5",
                        "compute_seconds", "0.9", "broadcast_seconds", "0.25", "update_seconds", "0.125"));
        Model model = Model.of(spec, theta, provenance);
        List<String> lines = List.of("{\"epoch\":1,\"steps\":2,\"train_cost\":1.2,\"train_accuracy\":0.4}",
                "{\"epoch\":2,\"steps\":4,\"train_cost\":0.9,\"train_accuracy\":0.6}",
                "{\"epoch\":3,\"steps\":6,\"train_cost\":0.7,\"train_accuracy\":0.7}");
        ConfusionMatrix confusion = new ConfusionMatrix("test", List.of("0", "1", "2"),
                new long[][] {{5, 1, 0}, {0, 6, 1}, {2, 0, 4}});
        Path run = dir.resolve("run");
        RunOutput.prepare(run.toString(), false, new Configuration()).write(model, lines, (fs, staging) ->
                RunReport.write(new RunReport.Contents(model, lines, confusion, List.of()), fs, staging, System.err));
        return run;
    }

    @Test
    void servesTheFinishedRunsPageFromItsFiles() throws Exception {
        Path run = finishedRun();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exitCode.set(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "ui", run.toString(), "--ui-port", "0",
                "--seconds", "30")));
        serving.start();
        try {
            long end = System.nanoTime() + 30_000_000_000L;
            while (!out.toString(StandardCharsets.UTF_8).contains("\n") && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            String address = out.toString(StandardCharsets.UTF_8).strip();
            assertTrue(address.startsWith("http://127.0.0.1:"), address + " / " + err);
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address + "state.json"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode state = new ObjectMapper().readTree(body);
            assertEquals("sparkprop: 64-5:sigmoid-3:softmax", state.get("title").asText());
            assertEquals("done", state.get("status").asText());
            assertEquals(3, state.get("epochLines").size());
            assertEquals(0.7, state.get("epochLines").get(2).get("train_accuracy").asDouble());
            assertEquals(3, state.get("tiles").get("epoch").asInt(), "the model's first layer, after the last epoch");
            assertEquals("[[5,1,0],[0,6,1],[2,0,4]]", state.get("confusion").get("counts").toString());
            assertEquals(1.5, state.get("summary").get("step_jobs_seconds").asDouble());
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertEquals(Main.EXIT_OK, exitCode.get(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDirectoryWithoutARunIsOneLine() {
        CliRun run = CliRun.of("ui", dir.resolve("nothing").toString(), "--ui-port", "0", "--seconds", "1");
        assertEquals(Main.EXIT_FAILED, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(dir.resolve("nothing").toString()), run.err());
    }
}
