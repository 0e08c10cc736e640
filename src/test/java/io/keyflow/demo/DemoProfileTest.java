package io.keyflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.keyflow.demo.camunda.DemoClock;
import io.keyflow.security.AccessGuard;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The clock-moving demo endpoint must not exist where real keys live. */
class DemoProfileTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withBean(ProcessEngine.class, () -> mock(ProcessEngine.class))
          .withBean(AccessGuard.class, () -> mock(AccessGuard.class))
          .withUserConfiguration(DemoClock.class, DemoController.class);

  @Test
  void theDemoClockAndItsEndpointAreAbsentInTheProductionProfile() {
    runner
        .withInitializer(context -> context.getEnvironment().setActiveProfiles("production"))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(DemoClock.class);
              assertThat(context).doesNotHaveBean(DemoController.class);
            });
  }

  @Test
  void theDemoClockAndItsEndpointExistOutsideProduction() {
    runner
        .withInitializer(context -> context.getEnvironment().setActiveProfiles("test"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(DemoClock.class);
              assertThat(context).hasSingleBean(DemoController.class);
            });
  }
}
