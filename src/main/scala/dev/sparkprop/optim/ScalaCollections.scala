package dev.sparkprop.optim

import dev.sparkprop.optim.ScalaConverters.Implicits._

/**
 * Java and Scala collections seen as each other, on Scala 2.12 (Spark 3.5) and 2.13 (Spark 4)
 * alike: the converters moved from `scala.collection.JavaConverters` (deprecated in 2.13) to
 * `scala.jdk.CollectionConverters`, so each line's `ScalaConverters` (src/main/spark-3.5,
 * src/main/spark-4) names its own and this one object serves the Breeze adapter and the Java code.
 * Each result is a view of its argument, not a copy.
 */
object ScalaCollections {

  def asJava[A](iterator: Iterator[A]): java.util.Iterator[A] = iterator.asJava

  def asJava[A](seq: scala.collection.Seq[A]): java.util.List[A] = seq.asJava

  def asJava[K, V](map: scala.collection.Map[K, V]): java.util.Map[K, V] = map.asJava

  def asJavaCollection[A](iterable: scala.collection.Iterable[A]): java.util.Collection[A] = iterable.asJavaCollection

  def asScala[A](iterable: java.lang.Iterable[A]): scala.collection.Iterable[A] = iterable.asScala
}
