package io.keyflow.lifecycle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only delegates (and the process constants) of the lifecycle phases touch Camunda; the phase
 * services, the key inventory, the crypto API and the REST controllers stay engine-free, so the
 * engine remains replaceable.
 */
class LifecycleArchitectureTest {

  private final JavaClasses keyflow =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.keyflow");

  @Test
  void lifecycleServicesDoNotDependOnCamunda() {
    noClasses()
        .that().resideInAPackage("io.keyflow.lifecycle..")
        .and().haveSimpleNameNotEndingWith("Delegate")
        .should().dependOnClassesThat().resideInAPackage("org.camunda..")
        .check(keyflow);
  }

  @Test
  void keysCryptoAndTheRestApiDoNotDependOnCamunda() {
    noClasses()
        .that().resideInAnyPackage("io.keyflow.key..", "io.keyflow.crypto..", "io.keyflow.api..")
        .should().dependOnClassesThat().resideInAPackage("org.camunda..")
        .check(keyflow);
  }
}
