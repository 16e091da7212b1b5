package dev.sparkprop.nn;

/**
 * Gradient checking, the notes' "DEBUG ONLY" step: compares backpropagation's D with central
 * differences of J(Θ),
 *
 * <pre>
 *   numerical_p = (J(θ + ε e_p) - J(θ - ε e_p)) / (2ε),     ε = 1e-4
 *   relative difference = ‖numerical - D‖ / ‖numerical + D‖
 * </pre>
 *
 * which is below 1e-9 when backpropagation is right. It costs two cost evaluations per
 * parameter: run it on small networks, never while training.
 */
public final class GradientCheck {

    /** ε of the central differences, as in the course exercise. */
    public static final double EPSILON = 1e-4;

    /**
     * @param numerical the central-difference gradient
     * @param analytical backpropagation's D
     * @param relativeDifference ‖numerical - analytical‖ / ‖numerical + analytical‖
     */
    public record Result(double[] numerical, double[] analytical, double relativeDifference) {

        /** Whether the relative difference is below {@code tolerance}. */
        public boolean passes(double tolerance) {
            return relativeDifference < tolerance;
        }
    }

    private GradientCheck() {
    }

    /** Checks the gradient of {@code objective}'s J at θ over all examples of {@code data}. */
    public static Result run(NetworkSpec spec, double[] theta, Examples data, Objective objective) {
        spec.checkTheta(theta);
        Backprop backprop = new Backprop(spec, data.size());
        GradientSum sum = new GradientSum();
        backprop.accumulateInto(theta, data, null, 0, data.size(), sum);
        double[] analytical = objective.costGradient(spec, theta, sum).gradient();

        double[] shifted = theta.clone();
        double[] numerical = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            shifted[p] = theta[p] + EPSILON;
            double plus = cost(spec, backprop, shifted, data, objective);
            shifted[p] = theta[p] - EPSILON;
            double minus = cost(spec, backprop, shifted, data, objective);
            shifted[p] = theta[p];
            numerical[p] = (plus - minus) / (2.0 * EPSILON);
        }
        double difference = 0.0;
        double total = 0.0;
        for (int p = 0; p < theta.length; p++) {
            difference += square(numerical[p] - analytical[p]);
            total += square(numerical[p] + analytical[p]);
        }
        double relative = total == 0.0 ? Math.sqrt(difference) : Math.sqrt(difference) / Math.sqrt(total);
        return new Result(numerical, analytical, relative);
    }

    /** J(θ) over all examples of {@code data}. */
    private static double cost(NetworkSpec spec, Backprop backprop, double[] theta, Examples data,
                               Objective objective) {
        int m = data.size();
        return objective.cost(spec, theta, backprop.costSum(theta, data, null, 0, m), m);
    }

    private static double square(double x) {
        return x * x;
    }
}
