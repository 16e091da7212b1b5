package dev.sparkprop.ui;

import dev.sparkprop.report.ConfusionMatrix;
import dev.sparkprop.report.RunPage;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.train.TrainingListener;
import dev.sparkprop.train.UiSettings;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The live training page of one run ({@code ui = true}): a {@link LiveServer} in the driver that
 * shows a {@link LiveState}, which hears the one training loop through {@link #listener()}. The
 * job adds what only it knows ({@link #describe}: the Spark application, its UI, the BLAS), then
 * the end ({@link #finished} or {@link #failed}); {@link #close} keeps the page up for
 * {@code ui-linger} seconds, then stops the server. With {@code ui = false} the page is
 * {@link #NONE}: no server, no port, and the loop's listener does nothing.
 */
public final class LivePage implements AutoCloseable {

    /** No page: every call does nothing. */
    public static final LivePage NONE = new LivePage(null, null, 0, null);

    /** A linger that ends only with the JVM: a finished run's page shown until Ctrl-C. */
    private static final int FOREVER = -1;

    private final LiveState state;
    private final LiveServer server;
    private final int lingerSeconds;
    private final PrintStream log;

    private LivePage(LiveState state, LiveServer server, int lingerSeconds, PrintStream log) {
        this.state = state;
        this.server = server;
        this.lingerSeconds = lingerSeconds;
        this.log = log;
    }

    /**
     * Starts the page for the run {@code config} describes, and prints its address on {@code log}
     * (stderr); {@link #NONE} when {@code ui} is off.
     *
     * @throws IllegalArgumentException when the page cannot listen where it is told to
     */
    public static LivePage open(TrainConfig config, PrintStream log) {
        UiSettings ui = config.ui();
        if (!ui.enabled()) {
            return NONE;
        }
        LiveState state = new LiveState(config.network().spec(), config.get(ConfigKeys.EPOCHS), config.toMap());
        LiveServer server = LiveServer.start(ui.host(), ui.port(),
                RunPage.livePage("sparkprop: " + config.network().spec()), state::json);
        server.execute(state::warmUp);
        log.println("sparkprop: live training page at " + server.address());
        log.flush();
        return new LivePage(state, server, ui.lingerSeconds(), log);
    }

    /**
     * Serves a finished run's page ({@link RunPage#finished}) on {@code host} and {@code port} (or
     * the next free one), printing its address on {@code log}; {@link #close} then keeps it up
     * for {@code seconds}, or until the JVM is stopped when {@code seconds} is 0.
     */
    public static LivePage showing(Map<String, Object> finishedState, String host, int port, int seconds,
                                   PrintStream log) {
        String json = RunPage.toJson(finishedState);
        LiveServer server = LiveServer.start(host, port, RunPage.livePage(String.valueOf(finishedState.get("title"))),
                query -> json);
        log.println("sparkprop: the run's page at " + server.address()
                + (seconds == 0 ? " until stopped (Ctrl-C)" : " for " + seconds + " s"));
        log.flush();
        return new LivePage(null, server, seconds == 0 ? FOREVER : seconds, log);
    }

    /** Hears the training loop's steps and epochs. */
    public TrainingListener listener() {
        return state == null ? TrainingListener.NONE : state;
    }

    /** The address the page is served at, if there is a page. */
    public Optional<String> address() {
        return server == null ? Optional.empty() : Optional.of(server.address());
    }

    /** A line of the page's Run table: the Spark application, its UI's address, the BLAS per executor. */
    public void describe(String name, String value) {
        if (state != null && value != null) {
            state.describe(name, value);
        }
    }

    /**
     * The run ended well: its summary's fields, the final confusion counts (null for none) and
     * Θ as the model keeps it, after {@code epochs} epochs, for the last tiles.
     */
    public void finished(Map<String, Object> summary, ConfusionMatrix confusion, double[] theta, int epochs) {
        if (state != null) {
            state.finished(summary, confusion, theta, epochs);
        }
    }

    /** The run failed: the page shows this one line (the one the command prints). */
    public void failed(String line) {
        if (state != null && !state.isOver()) {
            state.failed(line);
        }
    }

    /**
     * Keeps the page up for {@code ui-linger} seconds so the end can be read (the summary or the
     * error line), then stops the server. An interrupt cuts the wait short.
     */
    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            if (lingerSeconds == FOREVER) {
                Thread.sleep(Long.MAX_VALUE);
            } else if (lingerSeconds > 0 && state != null) {
                log.println("sparkprop: the live page stays at " + server.address() + " for " + lingerSeconds
                        + " s (ui-linger)");
                log.flush();
            }
            if (lingerSeconds > 0) {
                Thread.sleep(lingerSeconds * 1000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }
}
