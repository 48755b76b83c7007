package dev.zscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house (src/docs/ARCHITECTURE.md): features without cycles, detectors that see
 * only the JDK, an engine without Vaadin or web code, and UI code that depends on features, never
 * the reverse. Each rule names the boundary it protects; a failure lists the offending classes.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zscope");
    }

    /** Top-level features, each counted with its sub-packages (engine with engine.ui, ...). */
    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.zscope.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Every package on its own, so a package and its sub-packages cannot depend on each other both ways. */
    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.zscope.(**)").should().beFreeOfCycles().check(classes);
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
        noClasses().that().resideInAnyPackage("dev.zscope.engine", "dev.zscope.simulator", "dev.zscope.anomaly",
                        "dev.zscope.settings", "dev.zscope.detection..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..", "org.springframework.web..",
                        "jakarta.servlet..", "dev.zscope..ui..")
                .check(classes);
    }

    /** Vaadin stays in views, the security configuration that protects them and the app shell. */
    @Test
    void onlyUiCodeImportsVaadin() {
        noClasses().that().resideOutsideOfPackages("dev.zscope..ui..", "dev.zscope.security")
                .and().doNotHaveFullyQualifiedName(Application.class.getName())
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(classes);
    }

    /** Features never reach into views: UI depends on features, never the other way round. */
    @Test
    void featuresDoNotDependOnUi() {
        noClasses().that().resideOutsideOfPackage("dev.zscope..ui..")
                .and().doNotHaveFullyQualifiedName(Application.class.getName())
                .and().resideOutsideOfPackage("dev.zscope.security")
                .should().dependOnClassesThat().resideInAPackage("dev.zscope..ui..")
                .check(classes);
    }

    /** {@code base} is generic: it knows no feature. */
    @Test
    void baseKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.zscope.base..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..", "jakarta..",
                        "org.slf4j..", "org.springframework..", "com.vaadin..", "tools.jackson.core..", "dev.zscope.base..")
                .check(classes);
    }
}
