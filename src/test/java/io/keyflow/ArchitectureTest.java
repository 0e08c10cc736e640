package io.keyflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the boundaries that Spring Modulith ({@link ModularityTest}) does not express: the workflow
 * engine is touched only by delegates, task listeners and {@code engine}/{@code security} (and the
 * demo clock, which moves Camunda's clock); the PKCS#11 wrapper only by {@code hsm.pkcs11}; the
 * domain ({@code key}, {@code ledger}, the vault port) depends on no phase, API or engine; and no
 * two packages, sub-packages included, depend on each other in a cycle.
 */
class ArchitectureTest {

  private static final JavaClasses KEYFLOW =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.keyflow");

  @Test
  void onlyDelegatesListenersEngineAndSecurityUseCamunda() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.keyflow.engine..", "io.keyflow.security..", "io.keyflow.demo..")
        .and()
        .haveSimpleNameNotEndingWith("Delegate")
        .and()
        .haveSimpleNameNotEndingWith("Listener")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.camunda..")
        .because(
            "services stay Camunda-free so the engine can be replaced (Camunda 7 CE ends with 7.24)")
        .check(KEYFLOW);
  }

  @Test
  void onlyThePkcs11BackendUsesThePkcs11Wrapper() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.keyflow.hsm.pkcs11..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.xipki..")
        .check(KEYFLOW);
  }

  @Test
  void domainDependsOnNoPhaseApiOrEngine() {
    noClasses()
        .that()
        .resideInAnyPackage("io.keyflow.key..", "io.keyflow.ledger..", "io.keyflow.hsm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.keyflow.generation..",
            "io.keyflow.distribution..",
            "io.keyflow.storage..",
            "io.keyflow.rotation..",
            "io.keyflow.destruction..",
            "io.keyflow.compromise..",
            "io.keyflow.checkpoint..",
            "io.keyflow.api..",
            "io.keyflow.engine..",
            "io.keyflow.approval..",
            "org.camunda..")
        .check(KEYFLOW);
  }

  @Test
  void lifecyclePhasesDoNotReachIntoTheApi() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.keyflow.generation..",
            "io.keyflow.distribution..",
            "io.keyflow.storage..",
            "io.keyflow.rotation..",
            "io.keyflow.destruction..",
            "io.keyflow.compromise..",
            "io.keyflow.checkpoint..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.keyflow.api..")
        .check(KEYFLOW);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.keyflow.(**)").should().beFreeOfCycles().check(KEYFLOW);
  }
}
