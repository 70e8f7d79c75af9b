package io.ringbook.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's package boundaries: the state machine sees commands, never the ring, so the same {@code Ledger} can be
 * driven by the Disruptor pipeline, by a replay, or by a replicated log.
 */
class EngineArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ringbook.engine");
    }

    @Test
    void shouldKeepTheStateMachineApartFromTheRing() {
        noClasses().that().resideInAPackage("io.ringbook.engine.state..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ringbook.engine.pipeline..", "com.lmax.disruptor..")
            .check(engine);
    }

    @Test
    void shouldBuildTheCommandVocabularyOnTheModelAlone() {
        classes().that().resideInAPackage("io.ringbook.engine.command..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.ringbook.engine.command..", "io.ringbook.model..", "java..")
            .check(engine);
    }

    @Test
    void shouldHaveNoCyclesBetweenEnginePackages() {
        slices().matching("io.ringbook.engine.(*)..").should().beFreeOfCycles().check(engine);
    }
}
