package io.keyflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keyflow's modules as Spring Modulith sees them: every direct sub-package of {@code io.keyflow} is
 * one, its base package is its API, its sub-packages are internal, and its {@code package-info}
 * declares the modules it may use. The documentation in {@code docs/modules/} is written from the
 * same model on every test run, so it cannot drift from the code; the diagrams' element and
 * relation lines, which Modulith writes in hash order, are sorted so that an unchanged model leaves
 * the files unchanged.
 */
class ModularityTest {

  private static final ApplicationModules MODULES = ApplicationModules.of(KeyflowApplication.class);

  @Test
  void everyModuleUsesOnlyTheApiOfTheModulesItDeclaresAndNoneFormACycle() {
    MODULES.verify();
  }

  @Test
  void everyModuleDeclaresItsAllowedDependencies() {
    for (ApplicationModule module : MODULES) {
      String[] declared =
          module
              .getBasePackage()
              .getAnnotation(org.springframework.modulith.ApplicationModule.class)
              .map(org.springframework.modulith.ApplicationModule::allowedDependencies)
              .orElseThrow(
                  () -> new AssertionError(module.getIdentifier() + " has no @ApplicationModule"));
      assertThat(declared)
          .as(
              "%s's allowedDependencies (left out, the module may use any other)",
              module.getIdentifier())
          .doesNotContain(org.springframework.modulith.ApplicationModule.OPEN_TOKEN);
      assertThat(
              module.getAllowedDependencies(MODULES).stream()
                  .map(allowed -> allowed.getTargetModule().getIdentifier().toString()))
          .as("the modules Modulith resolved from %s's allowedDependencies", module.getIdentifier())
          .containsExactlyInAnyOrderElementsOf(
              // "ledger :: details" names a named interface of the module "ledger"
              java.util.Arrays.stream(declared).map(d -> d.split("::")[0].strip()).toList());
    }
  }

  @Test
  void everyDeclaredDependencyIsOneTheModuleUses() {
    for (ApplicationModule module : MODULES) {
      List<String> used =
          module
              .getDirectDependencies(MODULES)
              .uniqueModules()
              .map(target -> target.getIdentifier().toString())
              .toList();
      assertThat(
              module.getAllowedDependencies(MODULES).stream()
                  .map(allowed -> allowed.getTargetModule().getIdentifier().toString()))
          .as("%s's allowedDependencies that it does not use", module.getIdentifier())
          .allMatch(used::contains);
    }
  }

  @Test
  void theModuleDocumentationIsWrittenToDocsModules() {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    sortDiagramLines(Path.of("docs/modules"));

    assertThat(Path.of("docs/modules/components.puml"))
        .content()
        .contains("\"Rotation\"", "\"Ledger\"");
    for (ApplicationModule module : MODULES) {
      assertThat(Path.of("docs/modules/module-" + module.getIdentifier() + ".adoc")).exists();
      assertThat(Path.of("docs/modules/module-" + module.getIdentifier() + ".puml")).exists();
    }
  }

  private static void sortDiagramLines(Path folder) {
    try (var files = Files.list(folder)) {
      for (Path diagram : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
        List<String> lines = new ArrayList<>(Files.readAllLines(diagram));
        sortRuns(lines, "  Component(");
        sortRuns(lines, "Rel(");
        Files.write(diagram, lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sorts each run of consecutive lines that start with the prefix. */
  private static void sortRuns(List<String> lines, String prefix) {
    int i = 0;
    while (i < lines.size()) {
      int end = i;
      while (end < lines.size() && lines.get(end).startsWith(prefix)) {
        end++;
      }
      if (end > i) {
        Collections.sort(lines.subList(i, end));
        i = end;
      } else {
        i++;
      }
    }
  }
}
