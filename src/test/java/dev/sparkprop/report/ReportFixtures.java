package dev.sparkprop.report;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small models and samples for the report tests, made in memory. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** The notes' hand-set XOR network 2-2-1 (OR and NAND into AND), classes 0 and 1, with some run info. */
    static Model xorNotes() {
        NetworkSpec spec = NetworkSpec.parse("2-2:sigmoid-1:sigmoid");
        double[] theta = spec.flatten(new double[][][] {
                {{-10, 20, 20}, {30, -20, -20}},
                {{-30, 20, 20}}});
        Map<String, String> config = new LinkedHashMap<>();
        config.put("network", spec.toString());
        config.put("learning-rate", "0.5");
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("train_accuracy", "1.0");
        metrics.put("train_cost", "0.000123");
        return Model.of(spec, theta, new Provenance(config, metrics, "test", null, null, null, Map.of()));
    }

    /** A network with seeded random weights and classes 0..K-1, no scaling. */
    static Model random(String network, long seed) {
        NetworkSpec spec = NetworkSpec.parse(network);
        double[] theta = new double[spec.parameterCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int p = 0; p < theta.length; p++) {
            theta[p] = random.nextDouble(-1, 1);
        }
        return Model.of(spec, theta, Provenance.NONE);
    }

    /** The four XOR rows, labelled. */
    static List<RawExample> xorRows() {
        return List.of(new RawExample("xor.csv", 2, "0", new double[] {0, 0}),
                new RawExample("xor.csv", 3, "1", new double[] {0, 1}),
                new RawExample("xor.csv", 4, "1", new double[] {1, 0}),
                new RawExample("xor.csv", 5, "0", new double[] {1, 1}));
    }
}
