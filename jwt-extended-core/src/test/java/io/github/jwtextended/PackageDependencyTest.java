package io.github.jwtextended;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's packages form layers: the root package (the {@link JwtManager} facade) may use every
 * subpackage, no subpackage below it uses it (only {@code adapter}, the helpers the web adapters
 * share over the facade, sits above it), and the subpackages have no cycle among them (so issuing,
 * rotation, revocation and verification can each be read and used on its own).
 */
class PackageDependencyTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.jwtextended");
        assertThat(core.contain(JwtManager.class)).as("the main classes are imported").isTrue();
        assertThat(core.contain(PackageDependencyTest.class)).as("the tests are not").isFalse();
    }

    @Test
    void noSubpackageBelowTheFacadeDependsOnTheRootPackage() {
        noClasses().that().resideInAPackage("io.github.jwtextended.*..")
                .and().resideOutsideOfPackage("io.github.jwtextended.adapter..")
                .should().dependOnClassesThat().resideInAPackage("io.github.jwtextended")
                .check(core);
    }

    /**
     * Configuration describes what is configured and depends on nothing that acts on it: at most on
     * the value types of {@code error} (the answer style) and {@code key} (algorithms, key sources).
     */
    @Test
    void configurationDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("io.github.jwtextended.config..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.github.jwtextended", "io.github.jwtextended.adapter..", "io.github.jwtextended.callback..",
                        "io.github.jwtextended.cookie..", "io.github.jwtextended.csrf..", "io.github.jwtextended.extract..",
                        "io.github.jwtextended.revocation..", "io.github.jwtextended.session..",
                        "io.github.jwtextended.token..", "io.github.jwtextended.verify..")
                .check(core);
    }

    @Test
    void subpackagesHaveNoCycle() {
        slices().matching("io.github.jwtextended.(*)..").should().beFreeOfCycles().check(core);
    }
}
