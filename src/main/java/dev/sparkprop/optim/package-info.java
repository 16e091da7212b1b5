/**
 * Turning a gradient into a better θ, on the driver: per-step rules ({@link
 * dev.sparkprop.optim.Optimizer}: gradient descent, momentum, Nesterov, Adam, built by name in
 * {@link dev.sparkprop.optim.Optimizers}), learning-rate schedules, clipping, and full-batch
 * L-BFGS through Breeze ({@link dev.sparkprop.optim.Lbfgs}). No Spark here; the only Scala is the
 * small Breeze adapter. Every rule works on θ's flat layout in place and allocates nothing per
 * step. Regularization is part of the objective, not of the update: {@link
 * dev.sparkprop.nn.Objective}.
 *
 * <p>Names: θ the parameters, D the gradient (already divided by m, L2 and L1 terms included), α
 * the learning rate, μ the momentum, v a velocity, β1, β2, ε and the moments m, v of Adam, t the
 * step count.
 */
package dev.sparkprop.optim;
