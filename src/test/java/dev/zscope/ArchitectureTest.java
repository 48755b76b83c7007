package dev.zscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries that let detectors and the engine run unchanged in a batch job, a benchmark or a
 * stream processor: detectors see only the JDK; the engine sees no Vaadin and no web code.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zscope");
    }

    @Test
    void detectorsImportOnlyTheJdk() {
        noClasses().that().resideInAPackage("dev.zscope.detection..")
                .and().resideOutsideOfPackage("dev.zscope.detection.rcf")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.zscope.detection..")
                .check(classes);
    }

    @Test
    void onlyTheRcfDetectorUsesTheRandomCutForestLibrary() {
        noClasses().that().resideInAPackage("dev.zscope.detection.rcf")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.zscope.detection..",
                        "com.amazon.randomcutforest..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.zscope.detection.rcf")
                .should().dependOnClassesThat().resideInAPackage("com.amazon.randomcutforest..")
                .check(classes);
    }

    @Test
    void theEngineImportsNoVaadinAndNoWebCode() {
        noClasses().that().resideInAPackage("dev.zscope.stream")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..", "org.springframework.web..",
                        "jakarta.servlet..", "dev.zscope..ui..", "dev.zscope.security..")
                .check(classes);
    }

    @Test
    void featureServicesDoNotReachIntoViews() {
        noClasses().that().resideInAnyPackage("dev.zscope.anomaly", "dev.zscope.settings", "dev.zscope.stream",
                        "dev.zscope.detection")
                .should().dependOnClassesThat().resideInAPackage("dev.zscope..ui..")
                .check(classes);
    }
}
