package dev.sparkprop.ui;

import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.report.ConfusionMatrix;
import dev.sparkprop.report.RunPage;
import dev.sparkprop.train.EpochMetrics;
import dev.sparkprop.train.StepTimings;
import dev.sparkprop.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live page shows of a run, as it grows: the training loop writes it through the
 * {@link TrainingListener} calls (on the driver's thread) and the server reads it as
 * {@link RunPage}'s JSON state (on its own). Both hold its lock only to copy numbers: a step adds
 * nine numbers to arrays, an epoch its metrics line and, for an image input, a copy of Θ; the
 * tiles are drawn from that copy when the page asks, on the server's thread, not in the loop.
 *
 * <p>A step's time split comes from the loop's cumulative {@link StepTimings} as differences from
 * the previous step: the slowest task's compute, Spark's overhead (the job's time less that), the
 * broadcast and the update (these four are the step's wall time on the driver), and the compute
 * of all tasks together.
 */
final class LiveState implements TrainingListener {

    private static final int STEP_FIELDS = RunPage.STEP_FIELDS.size();

    private final NetworkSpec spec;
    private final Map<String, Object> start;
    private final Map<String, String> run = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private final List<Map<String, Object>> epochLines = new ArrayList<>();
    private double[][] steps = new double[STEP_FIELDS][1024];
    private int stepCount;
    private int stepsPerEpoch;
    private double jobBefore;
    private double slowestBefore;
    private double broadcastBefore;
    private double updateBefore;
    private double computeBefore;
    private double[] tilesTheta;
    private int tilesEpoch;
    private int tilesVersion;
    private final Object tilesLock = new Object();
    private Map<String, Object> tiles; // guarded by tilesLock, as is tilesDrawnVersion
    private int tilesDrawnVersion;
    private String status = "running";
    private String error;
    private Map<String, Object> summary;
    private Map<String, Object> confusion;

    /** A run of {@code spec} over {@code epochs} epochs, with its resolved {@code config}. */
    LiveState(NetworkSpec spec, int epochs, Map<String, String> config) {
        this.spec = spec;
        this.start = RunPage.start(spec, epochs, 0, Map.of(), config);
    }

    /**
     * Draws a set of tiles and writes the state once, and throws both away: the first time costs
     * the JVM about 0.4 s of one core (ImageIO and Java2D starting, the JIT), which the page's
     * first real poll would otherwise take from the training tasks. The page runs this on its
     * server's thread as it opens, while Spark starts and the data load.
     */
    void warmUp() {
        if (RunPage.drawsTiles(spec)) {
            RunPage.tiles(spec, new double[spec.parameterCount()], 0);
        }
        json(new LiveServer.Query(0, -1));
    }

    /** Adds a line to the page's Run table (the application id, the Spark UI, the BLAS). */
    synchronized void describe(String name, String value) {
        run.put(name, value);
    }

    @Override
    public synchronized void stepDone(int epoch, int step, int stepsPerEpoch, long globalStep, double cost,
                                      double learningRate, StepTimings timings) {
        this.stepsPerEpoch = stepsPerEpoch;
        if (stepCount == steps[0].length) {
            for (int f = 0; f < STEP_FIELDS; f++) {
                steps[f] = Arrays.copyOf(steps[f], 2 * stepCount);
            }
        }
        double job = timings.jobSeconds();
        double slowest = timings.slowestComputeSeconds();
        put(0, globalStep);
        put(1, (System.nanoTime() - startNanos) / 1e9);
        put(2, cost);
        put(3, learningRate);
        put(4, slowest - slowestBefore);
        put(5, (job - jobBefore) - (slowest - slowestBefore));
        put(6, timings.broadcastSeconds() - broadcastBefore);
        put(7, timings.updateSeconds() - updateBefore);
        put(8, timings.computeSeconds() - computeBefore);
        stepCount++;
        jobBefore = job;
        slowestBefore = slowest;
        broadcastBefore = timings.broadcastSeconds();
        updateBefore = timings.updateSeconds();
        computeBefore = timings.computeSeconds();
    }

    private void put(int field, double value) {
        steps[field][stepCount] = value;
    }

    @Override
    public synchronized void epochDone(EpochMetrics metrics, int epochs, double[] theta) {
        epochLines.add(metrics.fields());
        if (theta != null && RunPage.drawsTiles(spec)) {
            keepForTiles(theta, metrics.epoch());
        }
    }

    /** The run ended well: its summary fields and the confusion counts (null for none). */
    synchronized void finished(Map<String, Object> summaryFields, ConfusionMatrix matrix, double[] theta, int epoch) {
        status = "done";
        summary = new LinkedHashMap<>(summaryFields);
        confusion = matrix == null ? null : RunPage.confusion(matrix);
        if (theta != null && RunPage.drawsTiles(spec)) {
            keepForTiles(theta, epoch);
        }
    }

    private void keepForTiles(double[] theta, int epoch) {
        tilesTheta = theta.clone();
        tilesEpoch = epoch;
        tilesVersion++;
    }

    /** The run failed with this one line. */
    synchronized void failed(String line) {
        status = "failed";
        error = line;
    }

    /** Whether the run is over, well or not. */
    synchronized boolean isOver() {
        return !status.equals("running");
    }

    /**
     * The state as JSON, with the steps from number {@code query.since()} (0-based) on: the page
     * holds the others; and the tiles with their version unless the page holds that version
     * ({@code query.tiles()}), when the field is left out.
     */
    String json(LiveServer.Query query) {
        int since = query.since();
        Map<String, Object> state;
        double[] theta;
        int epoch;
        int version;
        synchronized (this) {
            state = new LinkedHashMap<>(start);
            state.put("status", status);
            state.put("error", error);
            state.put("stepsPerEpoch", stepsPerEpoch);
            state.put("run", new LinkedHashMap<>(run));
            state.put("epochLines", new ArrayList<>(epochLines));
            Map<String, Object> stepColumns = new LinkedHashMap<>();
            int from = Math.max(0, Math.min(since, stepCount));
            for (int f = 0; f < STEP_FIELDS; f++) {
                stepColumns.put(RunPage.STEP_FIELDS.get(f), Arrays.copyOfRange(steps[f], from, stepCount));
            }
            state.put("steps", stepColumns);
            state.put("summary", summary);
            state.put("confusion", confusion);
            theta = tilesTheta;
            epoch = tilesEpoch;
            version = tilesVersion;
        }
        if (version == 0 || version != query.tiles()) {
            state.put("tiles", tiles(theta, epoch, version));
        } else {
            state.remove("tiles"); // RunPage.start's null placeholder
        }
        return RunPage.toJson(state);
    }

    /** The tiles of the newest Θ copy, drawn once per copy, under their own lock: the loop goes on meanwhile. */
    private Map<String, Object> tiles(double[] theta, int epoch, int version) {
        synchronized (tilesLock) {
            if (theta != null && version != tilesDrawnVersion) {
                tiles = new LinkedHashMap<>(RunPage.tiles(spec, theta, epoch));
                tiles.put("version", version);
                tilesDrawnVersion = version;
            }
            return tiles;
        }
    }
}
