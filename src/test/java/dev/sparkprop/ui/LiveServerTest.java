package dev.sparkprop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.report.RunPage;
import dev.sparkprop.train.EpochMetrics;
import dev.sparkprop.train.PassMetrics;
import dev.sparkprop.train.StepTimings;
import dev.sparkprop.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live page's server and state without a browser or Spark: where it listens, what it serves
 * and refuses, and the numbers the state holds for a step.
 */
class LiveServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TrainConfig config(String... keysAndValues) {
        Map<String, String> given = new HashMap<>(Map.of("network", "4-3:sigmoid-2:softmax", "train", "in.csv",
                "output", "out", "ui-port", "0", "ui-linger", "0"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            given.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return TrainConfig.fromMap(given);
    }

    private static HttpResponse<String> request(String address, String method, String path)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address + path))
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "x")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackByDefaultAndPrintsItsAddress() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LivePage page = LivePage.open(config("ui", "true"), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            String address = page.address().orElseThrow();
            assertTrue(address.startsWith("http://127.0.0.1:"), address);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("sparkprop: live training page at " + address));
            int port = URI.create(address).getPort();
            // Not reachable on this host's other addresses: the socket is bound to loopback only.
            for (InetAddress other : InetAddress.getAllByName(InetAddress.getLocalHost().getHostName())) {
                if (!other.isLoopbackAddress()) {
                    try (java.net.Socket socket = new java.net.Socket()) {
                        assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(other, port), 500),
                                "connected on " + other);
                    }
                }
            }
            assertEquals(200, request(address, "GET", "").statusCode());
        }
    }

    @Test
    void servesItsFourPathsAndRefusesEverythingElse() throws Exception {
        try (LiveServer server = LiveServer.start("127.0.0.1", 0, RunPage.livePage("t"),
                query -> "{\"since\":" + query.since() + ",\"tiles\":" + query.tiles() + "}")) {
            String address = server.address();
            HttpResponse<String> page = request(address, "GET", "");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("SparkpropPage.live(\"state.json\")"), page.body());
            assertEquals(RunPage.resource(RunPage.SCRIPT), request(address, "GET", "page.js").body());
            assertEquals("text/css; charset=utf-8",
                    request(address, "GET", "page.css").headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"since\":7,\"tiles\":-1}", request(address, "GET", "state.json?since=7").body());
            assertEquals("{\"since\":0,\"tiles\":3}", request(address, "GET", "state.json?since=-3&tiles=3").body());
            assertEquals("{\"since\":0,\"tiles\":-1}", request(address, "GET", "state.json?tiles=x").body());
            for (String outside : new String[] {"../pom.xml", "%2e%2e/pom.xml", "dev/sparkprop/report/page.js",
                "state.json/x", "page.js.map", "index.html", "RunPage.class"}) {
                assertEquals(404, request(address, "GET", outside).statusCode(), outside);
            }
            for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
                HttpResponse<String> refused = request(address, method, "state.json");
                assertEquals(405, refused.statusCode(), method);
                assertEquals("GET, HEAD", refused.headers().firstValue("Allow").orElseThrow());
            }
        }
    }

    @Test
    void takesTheNextFreePortWhenItsOwnIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LiveServer server = LiveServer.start("127.0.0.1", taken.getLocalPort(), "", since -> "{}")) {
            assertTrue(server.port() > taken.getLocalPort() && server.port() <= taken.getLocalPort()
                    + LiveServer.PORT_TRIES, "port " + server.port() + " after " + taken.getLocalPort());
        }
    }

    @Test
    void withUiOffNoPortIsOpened() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LivePage page = LivePage.open(config("ui-port", "4050"), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertSame(LivePage.NONE, page);
        assertFalse(page.address().isPresent());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("sparkprop-ui")),
                "no server thread");
        page.close(); // and nothing to stop
    }

    private static void assertSeconds(JsonNode state, String field, double first, double second) {
        JsonNode column = state.get("steps").get(field);
        assertEquals(2, column.size(), field);
        assertEquals(first, column.get(0).asDouble(), 1e-12, field);
        assertEquals(second, column.get(1).asDouble(), 1e-12, field);
    }

    @Test
    void aStepIsTheDifferenceOfTheLoopsTotals() throws Exception {
        LiveState state = new LiveState(NetworkSpec.parse("4-3:sigmoid-2:softmax"), 2, Map.of("epochs", "2"));
        StepTimings timings = new StepTimings();
        timings.addStep(2_000_000, 30_000_000); // 2 ms broadcast, 30 ms job
        timings.addCompute(12_000_000, 7_000_000);
        timings.addUpdate(1_000_000);
        state.stepDone(0, 0, 2, 1, 0.9, 0.1, timings);
        timings.addStep(4_000_000, 50_000_000);
        timings.addCompute(20_000_000, 11_000_000);
        timings.addUpdate(3_000_000);
        state.stepDone(0, 1, 2, 2, 0.7, 0.05, timings);
        state.epochDone(new EpochMetrics(1, 2, new PassMetrics(0.8, 0.5, Double.NaN), null, 100, 0.1, false), 2,
                new double[17]);

        JsonNode all = JSON.readTree(state.json(new LiveServer.Query(0, -1)));
        assertEquals(2, all.get("stepsPerEpoch").asInt());
        assertSeconds(all, "broadcast", 0.002, 0.004);
        assertSeconds(all, "slowest", 0.007, 0.011);
        assertSeconds(all, "overhead", 0.023, 0.039); // job - slowest
        assertSeconds(all, "update", 0.001, 0.003);
        assertSeconds(all, "rate", 0.1, 0.05);
        assertEquals(0.8, all.get("epochLines").get(0).get("train_cost").asDouble());
        assertTrue(all.get("tiles").isNull(), "4 inputs are no image");
        JsonNode later = JSON.readTree(state.json(new LiveServer.Query(1, -1)));
        assertEquals("[2.0]", later.get("steps").get("step").toString(), "only the steps the page lacks");

        state.failed("sparkprop: error: the cost became NaN in epoch 2");
        JsonNode failed = JSON.readTree(state.json(new LiveServer.Query(2, -1)));
        assertEquals("failed", failed.get("status").asText());
        assertEquals("sparkprop: error: the cost became NaN in epoch 2", failed.get("error").asText());
    }

    /**
     * The tiles (a PNG of the first layer, new each epoch) go to the page once per version: a poll
     * that says it holds the current version gets no tiles field, one that holds an older one (or
     * none) gets them with their version.
     */
    @Test
    void theTilesAreSentOnlyToAPageWithoutTheirVersion() throws Exception {
        NetworkSpec spec = NetworkSpec.parse("64-3:sigmoid-2:softmax"); // 8 x 8 images
        LiveState state = new LiveState(spec, 2, Map.of("epochs", "2"));
        assertTrue(JSON.readTree(state.json(new LiveServer.Query(0, -1))).get("tiles").isNull(), "no epoch yet");
        state.epochDone(new EpochMetrics(1, 2, new PassMetrics(0.8, 0.5, Double.NaN), null, 100, 0.1, false), 2,
                new double[spec.parameterCount()]);
        JsonNode first = JSON.readTree(state.json(new LiveServer.Query(0, -1))).get("tiles");
        assertEquals(1, first.get("epoch").asInt());
        assertFalse(first.get("png").asText().isEmpty());
        int version = first.get("version").asInt();
        assertFalse(JSON.readTree(state.json(new LiveServer.Query(0, version))).has("tiles"), "the page holds them");

        state.epochDone(new EpochMetrics(2, 4, new PassMetrics(0.6, 0.7, Double.NaN), null, 100, 0.2, false), 2,
                new double[spec.parameterCount()]);
        JsonNode second = JSON.readTree(state.json(new LiveServer.Query(0, version))).get("tiles");
        assertEquals(2, second.get("epoch").asInt(), "a new epoch's tiles reach a page holding the old ones");
        assertTrue(second.get("version").asInt() != version);
    }
}
