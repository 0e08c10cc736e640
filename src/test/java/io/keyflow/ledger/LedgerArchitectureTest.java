package io.keyflow.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The ledger stays engine-free, so it outlives a change of workflow engine. */
class LedgerArchitectureTest {

  private final JavaClasses ledger =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.keyflow.ledger");

  @Test
  void ledgerDoesNotDependOnCamunda() {
    noClasses()
        .that()
        .resideInAPackage("io.keyflow.ledger..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.camunda..")
        .check(ledger);
  }
}
