package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.model.ThetaText;
import dev.sparkprop.nn.NetworkSpec;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkprop inspect MODEL}: the header, the layer shapes and, for small networks, Θ. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = {"Show a model: its header (how it was made), its layers and"
        + " parameter count, and for small networks the Θ matrices in the notes' layout (bias first)."})
final class InspectCommand implements Callable<Integer> {

    /** Networks up to this many parameters have their Θ printed by default. */
    static final int SMALL = 200;

    @Parameters(paramLabel = "MODEL", description = "A model file, or a train output directory.")
    String modelPath;

    @Option(names = "--theta", description = "Print Θ whatever the size.")
    boolean theta;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        Model model = ModelStore.load(modelPath, new Configuration());
        PrintStream out = invocation.out();
        NetworkSpec spec = model.spec();
        out.println("network     " + spec);
        out.println("parameters  " + spec.parameterCount());
        for (int l = 1; l < spec.layerCount(); l++) {
            out.println("Theta(" + l + ")    " + spec.thetaRows(l) + " x " + spec.thetaColumns(l)
                    + "  (layer " + l + ": " + spec.units(l) + " units + bias -> layer " + (l + 1) + ": "
                    + spec.units(l + 1) + " units, " + (l + 1 == spec.layerCount() ? spec.output().label()
                    : spec.activation(l + 1).label()) + ")");
        }
        out.println("classes     " + (model.labels() == null ? "(regression)" : String.join(", ",
                model.labels().names())));
        out.println("scaling     " + model.scaling().kind().name().toLowerCase(java.util.Locale.ROOT));
        model.provenance().entries().forEach((key, value) -> out.println(key + " = " + value));
        if (theta || spec.parameterCount() <= SMALL) {
            StringWriter text = new StringWriter();
            ThetaText.write(model, text);
            out.println();
            out.print(text);
        }
        return Main.EXIT_OK;
    }
}
