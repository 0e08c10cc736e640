package io.keyflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the boundaries that Spring Modulith ({@link ModularityTest}) does not express: the workflow
 * engine is touched only in each module's {@code camunda} package, {@code engine} and {@code
 * security}; the PKCS#11 wrapper only by {@code hsm.pkcs11}; the domain ({@code key}, {@code
 * ledger}, the vault port) depends on no phase, API or engine; and no two packages, sub-packages
 * included, depend on each other in a cycle.
 */
class ArchitectureTest {

  private static final JavaClasses KEYFLOW =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.keyflow");

  /**
   * The workflow engine is an edge of each module: its delegates and listeners sit in the module's
   * {@code camunda} sub-package, engine-wide support in {@code engine}, and {@code security} is
   * Camunda's identity service (users, groups, authorizations) seen by Keyflow. A class anywhere
   * else that uses Camunda fails this rule, whatever its name.
   */
  @Test
  void camundaIsUsedOnlyInCamundaPackagesEngineAndSecurity() {
    noClasses()
        .that()
        .resideOutsideOfPackages(CAMUNDA_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.camunda..")
        .because(
            "services stay Camunda-free so the engine can be replaced (Camunda 7 CE ends with 7.24)")
        .check(KEYFLOW);
  }

  /**
   * Where Camunda may be used: see {@link #camundaIsUsedOnlyInCamundaPackagesEngineAndSecurity}.
   */
  static final String[] CAMUNDA_PACKAGES = {
    "io.keyflow.*.camunda..", "io.keyflow.engine..", "io.keyflow.security.."
  };

  /**
   * A phase says only what is particular to it: the shared skeleton (request, refusal, approvals,
   * outcome) is {@code approval.PhaseSteps}, so no service of a lifecycle phase needs more than
   * five collaborators.
   */
  @Test
  void noPhaseServiceTakesMoreThanFiveCollaborators() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(PHASE_PACKAGES)
        .and()
        .areDeclaredInClassesThat()
        .areAnnotatedWith(org.springframework.stereotype.Service.class)
        .should(
            new com.tngtech.archunit.lang.ArchCondition<
                com.tngtech.archunit.core.domain.JavaConstructor>(
                "take at most five collaborators") {
              @Override
              public void check(
                  com.tngtech.archunit.core.domain.JavaConstructor constructor,
                  com.tngtech.archunit.lang.ConditionEvents events) {
                int count = constructor.getRawParameterTypes().size();
                if (count > 5) {
                  events.add(
                      com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                          constructor, constructor.getFullName() + " takes " + count));
                }
              }
            })
        .check(KEYFLOW);
  }

  static final String[] PHASE_PACKAGES = {
    "io.keyflow.generation",
    "io.keyflow.distribution",
    "io.keyflow.storage",
    "io.keyflow.rotation",
    "io.keyflow.destruction",
    "io.keyflow.compromise",
    "io.keyflow.campaign",
    "io.keyflow.custodian",
    "io.keyflow.checkpoint"
  };

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

  /**
   * No two modules depend on each other in a cycle, counting each module's sub-packages (its {@code
   * camunda} and {@code internal} parts) as the module: a delegate that starts another module's
   * process belongs to the module it serves, not to {@code engine}. Within a module its API and its
   * internals use each other (the repository returns the module's own types), as Spring Modulith's
   * {@code internal} packages do.
   */
  @Test
  void noModuleCycles() {
    slices().matching("io.keyflow.(*)..").should().beFreeOfCycles().check(KEYFLOW);
  }
}
