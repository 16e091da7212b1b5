package dev.sparkprop.optim

/** Scala 2.12's Java/Scala collection converters (Scala 2.13's twin: src/main/spark-4). */
object ScalaConverters {
  val Implicits: scala.collection.JavaConverters.type = scala.collection.JavaConverters
}
