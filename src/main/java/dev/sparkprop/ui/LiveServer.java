package dev.sparkprop.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sparkprop.report.RunPage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The HTTP server of the live page, on the JDK's own {@code com.sun.net.httpserver} (module
 * {@code jdk.httpserver}). Why that one: it ships with every JDK that runs Spark 3.5, is kept with
 * the JDK, and adds no jar, so the cluster jar stays as it is and nothing can clash with the Jetty
 * that Spark shades for its own UI (Spark's copy is private to it; Javalin or Undertow would bring
 * their own Jetty or XNIO next to Spark's on the driver's classpath). The page needs four
 * read-only paths and a poll a few times a second, which that server does well.
 *
 * <p>It serves exactly these, for GET and HEAD, and refuses every other path (404) and method
 * (405):
 * <pre>
 *   /             the page ({@link RunPage#livePage})
 *   /page.js      the drawing script, from the jar
 *   /page.css     the style sheet, from the jar
 *   /state.json   the run's state; ?since=N leaves out the first N steps, which the page holds,
 *                 and ?tiles=V the first layer's tiles when the page holds their version V
 * </pre>
 * It binds to the configured host (loopback by default) and, as Spark's UI does from 4040, takes
 * the configured port or the next free one of the {@value #PORT_TRIES} after it; port 0 takes any
 * free port. One daemon thread answers, so a slow browser never holds up the training loop.
 */
final class LiveServer implements AutoCloseable {

    /** Ports tried after the configured one, like Spark's {@code spark.port.maxRetries}. */
    static final int PORT_TRIES = 16;

    private final HttpServer server;
    private final ExecutorService thread;

    private LiveServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Starts serving {@code page} (the HTML) and {@code state} (the JSON from a step number) on
     * {@code host}, port {@code port} or the next free one.
     *
     * @throws IllegalArgumentException when no port of the range is free, naming them
     */
    static LiveServer start(String host, int port, String page, Function<Query, String> state) {
        HttpServer server = bind(host, port);
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "sparkprop-ui");
            daemon.setDaemon(true);
            return daemon;
        });
        Map<String, Function<Query, Resource>> paths = Map.of(
                "/", query -> new Resource("text/html; charset=utf-8", page),
                "/" + RunPage.SCRIPT, query -> new Resource("text/javascript; charset=utf-8",
                        RunPage.resource(RunPage.SCRIPT)),
                "/" + RunPage.STYLE, query -> new Resource("text/css; charset=utf-8", RunPage.resource(RunPage.STYLE)),
                "/state.json", query -> new Resource("application/json", state.apply(query)));
        server.createContext("/", exchange -> answer(exchange, paths));
        server.setExecutor(thread);
        server.start();
        return new LiveServer(server, thread);
    }

    /**
     * What the page already holds, from {@code state.json}'s query: the number of steps
     * ({@code since}, 0 when absent) and the version of the tiles ({@code tiles}, -1 when absent).
     * The tiles are a PNG of about 340 KB for MNIST's first layer, new once an epoch, so the page
     * is sent them only when it lacks that version, not with every poll.
     */
    record Query(int since, int tiles) {

        /** The query of {@code rawQuery} (may be null); a value that is not a small number counts as absent. */
        static Query of(String rawQuery) {
            return new Query(parameter(rawQuery, "since", 0), parameter(rawQuery, "tiles", -1));
        }

        private static int parameter(String rawQuery, String name, int absent) {
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    if (pair.startsWith(name + "=") && pair.substring(name.length() + 1).matches("\\d{1,9}")) {
                        return Integer.parseInt(pair.substring(name.length() + 1));
                    }
                }
            }
            return absent;
        }
    }

    /** One answer: its type and body. */
    private record Resource(String type, String body) {
    }

    private static HttpServer bind(String host, int port) {
        int last = port == 0 ? 0 : Math.min(65535, port + PORT_TRIES);
        for (int p = port; p <= last; p++) {
            try {
                return HttpServer.create(new InetSocketAddress(host, p), 16);
            } catch (BindException e) {
                // taken: try the next, as Spark's UI does
            } catch (IOException e) {
                throw new IllegalArgumentException("ui-host=" + host + ": cannot listen there: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("ui-port=" + port + ": ports " + port + " to " + last + " on " + host
                + " are all taken; set ui-port to a free one, or 0 for any");
    }

    /** Answers one request from {@code paths} (each given the request's {@link Query}), or refuses it. */
    private static void answer(HttpExchange exchange, Map<String, Function<Query, Resource>> paths) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Function<Query, Resource> path = paths.get(exchange.getRequestURI().getPath());
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, new Resource("text/plain; charset=utf-8", "the live page is read-only\n"));
            } else if (path == null) {
                send(exchange, 404, new Resource("text/plain; charset=utf-8", "no such page\n"));
            } else {
                send(exchange, 200, path.apply(Query.of(exchange.getRequestURI().getRawQuery())));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Resource resource) throws IOException {
        byte[] body = resource.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", resource.type());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The address the page is served at, e.g. {@code http://127.0.0.1:4050/}. */
    String address() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/";
    }

    /** The port it listens on. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Runs {@code task} on the server's one thread, between requests. */
    void execute(Runnable task) {
        thread.execute(task);
    }

    /** Stops at once: open connections are closed. */
    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
