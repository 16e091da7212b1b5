package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.model.ThetaText;
import dev.sparkprop.nn.NetworkSpec;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkprop theta export MODEL} and {@code sparkprop theta import FILE --output DIR}: Θ as
 * plain text in the notes' layout, to compare with Octave or NumPy, or to build a model from
 * hand-set weights (the notes' AND/OR/XOR networks) without training.
 */
@Command(name = "theta", mixinStandardHelpOptions = true,
        description = "Θ as text: export a model's, or import text into a new model.",
        subcommands = {ThetaCommand.Export.class, ThetaCommand.Import.class})
final class ThetaCommand implements Callable<Integer> {

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        throw invocation.refuse("missing a subcommand: export or import");
    }

    /** Prints a model's Θ matrices. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print a model's Θ, one matrix per layer, bias first.")
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "MODEL", description = "A model file, or a train output directory.")
        String modelPath;

        @Mixin
        Invocation invocation;

        @Override
        public Integer call() throws Exception {
            Model model = ModelStore.load(modelPath, new Configuration());
            Writer out = new OutputStreamWriter(invocation.out(), StandardCharsets.UTF_8);
            ThetaText.write(model, out);
            out.flush();
            return Main.EXIT_OK;
        }
    }

    /** Builds a model directory from a Θ text file. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = {"Build a model from a Θ text file (classes 0..K-1, no feature"
            + " scaling) and write it to an output directory, as train would."})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Θ text; its '# network: SPEC' line names the network.")
        Path file;

        @Option(names = "--network", paramLabel = "SPEC", description = "The network, if FILE does not name it.")
        String network;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where the model goes.")
        String output;

        @Option(names = "--overwrite", description = "Replace DIR if it exists.")
        boolean overwrite;

        @Mixin
        Invocation invocation;

        @Override
        public Integer call() throws Exception {
            Model imported;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                imported = ThetaText.read(in, file.toString(), network == null ? null : NetworkSpec.parse(network));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(file + ": no such file", e);
            }
            RunOutput out = RunOutput.prepare(output, overwrite, new Configuration());
            out.write(imported, List.of());
            invocation.out().println("{\"model\":\"" + out.modelPath() + "\"}");
            return Main.EXIT_OK;
        }
    }
}
