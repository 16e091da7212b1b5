package dev.sparkprop.optim

/** Scala 2.13's Java/Scala collection converters: JavaConverters is deprecated there. */
object ScalaConverters {
  val Implicits: scala.jdk.CollectionConverters.type = scala.jdk.CollectionConverters
}
