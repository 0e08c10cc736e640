package io.keyflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModulesProbeTest {
  @Test
  void probe() {
    ApplicationModules modules = ApplicationModules.of(KeyflowApplication.class);
    modules.forEach(m -> System.out.println("MODULE " + m.getIdentifier() + " -> " + m.getBootstrapDependencies(modules).map(x -> x.getIdentifier().toString()).toList()));
    System.out.println(modules.detectViolations().getMessages().size());
    modules.detectViolations().getMessages().forEach(s -> System.out.println("VIOL " + s.replace('\n',' ')));
  }
}
