package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.report.ConfusionMatrix;
import dev.sparkprop.report.RunPage;
import dev.sparkprop.report.RunReport;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.ui.LivePage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkprop ui RUN}: the live page of a finished run, served from what its output
 * directory keeps: {@code metrics.jsonl} (the curves), the model (its Θ's first layer as tiles,
 * the config, the summary and its time split) and {@code confusion.json} when there is one.
 */
@Command(name = "ui", mixinStandardHelpOptions = true, description = {"Serve the training page of a finished run"
        + " (a train output directory) as the live page showed it, until stopped (Ctrl-C)."})
final class UiCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "A train output directory (local or any Hadoop URI).")
    String runPath;

    @Option(names = "--ui-host", paramLabel = "HOST", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host = ConfigKeys.UI_HOST.defaultText();

    @Option(names = "--ui-port", paramLabel = "PORT", description = "The first port to try; the next free one of the"
            + " 16 after it if taken; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port = Integer.parseInt(ConfigKeys.UI_PORT.defaultText());

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds; 0 = until stopped"
            + " (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        if (seconds < 0 || port < 0 || port > 65535) {
            throw invocation.refuse(seconds < 0 ? "--seconds=" + seconds + ": must be >= 0"
                    : "--ui-port=" + port + ": must be a port in 1..65535, or 0 for any free one");
        }
        Configuration conf = new Configuration();
        Path run = new Path(runPath);
        FileSystem fs = run.getFileSystem(conf);
        Model model = ModelStore.load(runPath, conf);
        List<String> metricsLines = Arrays.asList(read(fs, new Path(run, RunOutput.METRICS_FILE)).split("\n"));
        Path counts = new Path(run, RunReport.CONFUSION_COUNTS);
        ConfusionMatrix confusion = fs.exists(counts)
                ? RunPage.readConfusion(read(fs, counts), counts.toString()) : null;
        try (LivePage page = LivePage.showing(RunPage.finished(model, metricsLines, confusion), host, port, seconds,
                invocation.err())) {
            invocation.out().println(page.address().orElseThrow());
            invocation.out().flush();
        }
        return Main.EXIT_OK;
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        if (!fs.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file; a train output directory has "
                    + RunOutput.METRICS_FILE + " next to " + RunOutput.MODEL_FILE);
        }
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
