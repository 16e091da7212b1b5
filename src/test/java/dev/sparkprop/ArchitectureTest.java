package dev.sparkprop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the README's package picture, enforced on the main classes:
 *
 * <pre>
 *   cli → job → ml, spark, train, model, data, report → nn, optim → linalg
 * </pre>
 *
 * The maths and the loop import no Spark, so their tests run in milliseconds and the same loop
 * serves a cluster and one JVM; only the command line knows picocli; only the command line
 * starts jobs; the Spark ML adapter ({@code ml}) sits on the same layer as {@code spark} and
 * nothing beneath it leans on it; and no two packages lean on each other.
 */
@AnalyzeClasses(packages = "dev.sparkprop", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

    /**
     * The main classes of whichever Spark line is built: ArchUnit's own DoNotIncludeTests knows
     * Maven's test classes only as {@code target/test-classes}, not the Spark 4 line's
     * {@code target/spark4/test-classes}.
     */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule theKernelsAndTheLoopImportNoSpark = noClasses()
            .that().resideInAnyPackage("dev.sparkprop.train..", "dev.sparkprop.nn..", "dev.sparkprop.optim..",
                    "dev.sparkprop.linalg..", "dev.sparkprop.model..", "dev.sparkprop.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
            .because("Spark lives at the edge: spark/, ml/ and job/ (the live page is told the application, not handed it)");

    @ArchTest
    static final ArchRule nothingOutsideCliImportsCli = noClasses()
            .that().resideOutsideOfPackage("dev.sparkprop.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.sparkprop.cli..");

    @ArchTest
    static final ArchRule nothingBelowJobImportsJob = noClasses()
            .that().resideOutsideOfPackages("dev.sparkprop.job..", "dev.sparkprop.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.sparkprop.job..");

    @ArchTest
    static final ArchRule nothingBelowMlImportsMl = noClasses()
            .that().resideOutsideOfPackages("dev.sparkprop.ml..", "dev.sparkprop.job..", "dev.sparkprop.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.sparkprop.ml..")
            .because("ml adapts the training of spark/ and train/ to Spark ML; they must not need it");

    @ArchTest
    static final ArchRule onlyCliKnowsPicocli = noClasses()
            .that().resideOutsideOfPackage("dev.sparkprop.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.sparkprop.(*)..").should().beFreeOfCycles();
}
