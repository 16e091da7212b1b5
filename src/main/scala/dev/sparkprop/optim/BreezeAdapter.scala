package dev.sparkprop.optim

import breeze.linalg.DenseVector
import breeze.optimize.{DiffFunction, LBFGS}

/**
 * A Java [[CostFunction]] seen as Breeze's `DiffFunction`. Java cannot implement `DiffFunction`
 * itself: the trait inherits `scala.Function1`, whose specialised `apply` variants clash with
 * `DiffFunction`'s in Java's eyes. Counts the evaluations, which [[Lbfgs]] reports.
 */
final class BreezeAdapter(function: CostFunction) extends DiffFunction[DenseVector[Double]] {

  private var evaluations = 0

  /** How many times the cost has been evaluated. */
  def evaluationCount: Int = evaluations

  override def calculate(x: DenseVector[Double]): (Double, DenseVector[Double]) = {
    // Fresh arrays each call: Breeze keeps earlier points and gradients in its history.
    val theta = x.toArray
    val gradient = new Array[Double](theta.length)
    val cost = function.evaluateInto(theta, gradient)
    evaluations += 1
    (cost, new DenseVector(gradient))
  }
}

/** One L-BFGS iteration in plain types, for Java: its number, J, θ (a copy), and evaluations so far. */
final class LbfgsIteration(val iteration: Int, val cost: Double, val theta: Array[Double], val evaluations: Int)

object BreezeAdapter {

  /** Breeze's L-BFGS iterations from `initial` (copied), the starting point first, lazily. */
  def lbfgsIterations(function: CostFunction, initial: Array[Double], maxIterations: Int, memory: Int,
                      tolerance: Double): java.util.Iterator[LbfgsIteration] = {
    val adapter = new BreezeAdapter(function)
    val lbfgs = new LBFGS[DenseVector[Double]](maxIterations, memory, tolerance)
    ScalaCollections.asJava(lbfgs
      .iterations(adapter, new DenseVector(initial.clone()))
      .map(state => new LbfgsIteration(state.iter, state.value, state.x.toArray, adapter.evaluationCount)))
  }
}
