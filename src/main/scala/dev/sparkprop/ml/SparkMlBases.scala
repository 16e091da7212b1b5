package dev.sparkprop.ml

import org.apache.spark.ml.classification.{ProbabilisticClassificationModel, ProbabilisticClassifier}
import org.apache.spark.ml.linalg.Vector
import org.apache.spark.ml.param.ParamMap
import org.apache.spark.ml.regression.{RegressionModel, Regressor}

// The Spark ML base classes of sparkprop's two estimators and two models, with `uid` a class
// parameter. Spark's Scala traits make their Params (featuresCol, probabilityCol, ...) while the
// base class is being constructed, and each Param reads `uid` then. Scala assigns a class
// parameter before the superclass constructor runs, which Spark's own estimators rely on; Java
// cannot set a field before `super()`. Each Java class passes its uid to `super(uid)` and holds
// only what is its own. The two models also share Spark's hasSummary/summary pair here, which
// Java cannot put in one place: the models extend different Spark classes.

/** [[SparkpropClassifier]]'s base: Spark's probabilistic classifier, over feature vectors. */
abstract class ClassifierBase[E <: ClassifierBase[E, M], M <: ProbabilisticClassificationModel[Vector, M]](
    override val uid: String) extends ProbabilisticClassifier[Vector, E, M]

/** [[SparkpropRegressor]]'s base: Spark's regressor, over feature vectors. */
abstract class RegressorBase[E <: RegressorBase[E, M], M <: RegressionModel[Vector, M]](override val uid: String)
  extends Regressor[Vector, E, M]

/** [[SparkpropClassificationModel]]'s base: Spark's probabilistic classification model, with a fit summary. */
abstract class ClassificationModelBase[M <: ClassificationModelBase[M, S], S <: AnyRef](override val uid: String)
  extends ProbabilisticClassificationModel[Vector, M] with HasFitSummary[S] {

  /** `fresh` (this model's uid and network) with this model's Params and `extra`, its parent and its summary. */
  protected def copied(fresh: M, extra: ParamMap): M = copyValues(fresh, extra).withSummaryOf(this).setParent(parent)
}

/** [[SparkpropRegressionModel]]'s base: Spark's regression model, with a fit summary. */
abstract class RegressionModelBase[M <: RegressionModelBase[M, S], S <: AnyRef](override val uid: String)
  extends RegressionModel[Vector, M] with HasFitSummary[S] {

  /** `fresh` (this model's uid and network) with this model's Params and `extra`, its parent and its summary. */
  protected def copied(fresh: M, extra: ParamMap): M = copyValues(fresh, extra).withSummaryOf(this).setParent(parent)
}

/**
 * Spark's `hasSummary` / `summary` pair: a model returned by `fit` has the summary of that fit,
 * and its copies share it; one loaded from disk, or deserialized on an executor (the field is
 * transient), has none.
 */
trait HasFitSummary[S <: AnyRef] {

  @transient private var fitSummary: S = _

  /** Whether this model was just fitted, and so has a `summary`; one built from a saved model has none. */
  def hasSummary(): Boolean = fitSummary != null

  /** The summary of the fit that made this model; refused, naming the model's class, when it has none. */
  def summary(): S = {
    if (fitSummary == null) {
      throw new IllegalStateException(s"No training summary available for this ${getClass.getSimpleName}: only a"
        + " model returned by fit has one (see hasSummary())")
    }
    fitSummary
  }

  /**
   * Gives this model the summary of the fit that made it, for `fit`. Java sees it public, as it sees
   * Spark's own `setSummary`.
   */
  private[ml] def setSummary(summary: S): Unit = fitSummary = summary

  /** This model, with `other`'s summary (or none): what a copy hands on. */
  private[ml] def withSummaryOf(other: HasFitSummary[S]): this.type = {
    fitSummary = other.fitSummary
    this
  }
}
