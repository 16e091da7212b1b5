package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.nn.ExampleBlock;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

class LocalTrainerTest {

    private static final ExampleBlock XOR = ExampleBlock.fromRows(
            new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {1}, {1}, {0}});

    private static int correct(NetworkSpec spec, double[] theta, ExampleBlock data) {
        int correct = 0;
        for (int c = 0; c < data.size(); c++) {
            double[] x = {data.feature(c, 0), data.feature(c, 1)};
            int predicted = new Backprop(spec, 1).predict(theta, x)[0] >= 0.5 ? 1 : 0;
            correct += predicted == (int) data.target(c, 0) ? 1 : 0;
        }
        return correct;
    }

    @Test
    void sigmoidNetworkLearnsXor() {
        NetworkSpec spec = NetworkSpec.parse("2-4:sigmoid-1:sigmoid");
        double[] theta = Initialization.parse("uniform:1.0").initialize(spec, 7);
        assertTrue(correct(spec, theta, XOR) < 4, "an untrained network does not know XOR");
        double[] costs = new LocalTrainer(2.0, 0.0, 3000).train(spec, theta, XOR);
        assertEquals(4, correct(spec, theta, XOR));
        assertTrue(costs[3000] < 0.05 && costs[3000] < costs[0], "cost " + costs[0] + " -> " + costs[3000]);
    }

    private static final ExampleBlock AND = ExampleBlock.fromRows(
            new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {0}, {0}, {1}});

    @Test
    void zeroInitializationKeepsHiddenUnitsIdentical() {
        NetworkSpec spec = NetworkSpec.parse("2-3:sigmoid-1:sigmoid");
        double[] zeros = Initialization.parse("zeros").initialize(spec, 1);
        new LocalTrainer(1.0, 0.0, 100).train(spec, zeros, AND);
        assertNotEquals(0.0, zeros[spec.thetaIndex(2, 1, 1)], "training moved the weights");
        for (int i = 2; i <= 3; i++) {
            for (int j = 0; j <= 2; j++) {
                assertEquals(zeros[spec.thetaIndex(1, 1, j)], zeros[spec.thetaIndex(1, i, j)], 0.0,
                        "Θ^(1)_" + i + "," + j);
            }
            assertEquals(zeros[spec.thetaIndex(2, 1, 1)], zeros[spec.thetaIndex(2, 1, i)], 0.0, "Θ^(2)_1," + i);
        }

        double[] random = Initialization.course().initialize(spec, 1);
        new LocalTrainer(1.0, 0.0, 100).train(spec, random, AND);
        assertNotEquals(random[spec.thetaIndex(1, 1, 1)], random[spec.thetaIndex(1, 2, 1)]);
        assertNotEquals(random[spec.thetaIndex(2, 1, 1)], random[spec.thetaIndex(2, 1, 2)]);
    }

    @Test
    void regularizationShrinksWeights() {
        NetworkSpec spec = NetworkSpec.parse("2-4:sigmoid-1:sigmoid");
        double[] plain = Initialization.parse("uniform:1.0").initialize(spec, 7);
        double[] shrunk = plain.clone();
        new LocalTrainer(2.0, 0.0, 500).train(spec, plain, XOR);
        new LocalTrainer(2.0, 1.0, 500).train(spec, shrunk, XOR);
        assertTrue(dev.sparkprop.nn.CostGradient.sumOfSquaredWeights(spec, shrunk)
                < dev.sparkprop.nn.CostGradient.sumOfSquaredWeights(spec, plain));
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals("learning rate must be a finite number > 0; got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new LocalTrainer(0.0, 0.0, 1)).getMessage());
        assertEquals("lambda must be a finite number >= 0; got NaN",
                assertThrows(IllegalArgumentException.class, () -> new LocalTrainer(1.0, Double.NaN, 1)).getMessage());
    }

    @Test
    void divergingTrainingStopsWithAClearMessage() {
        NetworkSpec spec = NetworkSpec.parse("2-4:relu-1:linear");
        double[] theta = Initialization.parse("uniform:1.0").initialize(spec, 7);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> new LocalTrainer(1e6, 0.0, 50).train(spec, theta, XOR));
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }
}
