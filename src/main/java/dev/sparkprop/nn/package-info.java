/**
 * The backpropagation engine: network descriptions, θ and its layout, forward and backward
 * passes on stacked blocks through BLAS, costs, the regularized objective J and its gradient D,
 * initialization and gradient checking. No Spark
 * here: the same kernels serve the distributed trainer, the local trainer and prediction.
 *
 * <p>Names follow the notes inside kernels: s_l units in layer l (1 = input, L = output),
 * Θ^(l) the {@code s_{l+1} x (s_l + 1)} weights from layer l to l+1 (bias in column 0; K s_{l+1}
 * rows below a maxout:K layer, see {@link dev.sparkprop.nn.NetworkSpec}), z and a
 * the pre- and post-activation values, δ the errors, Δ the gradient accumulators, D the
 * gradient, m the number of examples, λ the L2 weight, λ1 the L1 weight.
 */
package dev.sparkprop.nn;
