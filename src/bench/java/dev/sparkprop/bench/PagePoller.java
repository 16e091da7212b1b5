package dev.sparkprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.ui.LivePage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A reader of the live page while a bench config trains, as an open browser tab is: every
 * {@value #PERIOD_MILLIS} ms it fetches {@code state.json?since=N&tiles=V} with the N steps and
 * the tiles' version V it already holds (the page's own poll), so the bench prices the page as it
 * is used. Nothing for a run
 * without a page.
 */
final class PagePoller implements AutoCloseable {

    static final long PERIOD_MILLIS = 500;

    private final Thread thread;

    private PagePoller(Thread thread) {
        this.thread = thread;
    }

    /** Starts polling {@code page}, if it has an address. */
    static PagePoller start(LivePage page) {
        if (page.address().isEmpty()) {
            return new PagePoller(null);
        }
        String state = page.address().get() + "state.json?since=";
        Thread thread = new Thread(() -> poll(state), "bench-page-poller");
        thread.setDaemon(true);
        thread.start();
        return new PagePoller(thread);
    }

    private static void poll(String state) {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        int held = 0;
        int tilesHeld = -1;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String body = http.send(HttpRequest.newBuilder(URI.create(state + held + "&tiles=" + tilesHeld))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                JsonNode update = json.readTree(body);
                held += update.get("steps").get("step").size();
                if (update.path("tiles").has("version")) {
                    tilesHeld = update.get("tiles").get("version").asInt();
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            // the page stopped: nothing more to read
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
