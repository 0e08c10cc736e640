package io.keyflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.approval.ApprovalService;
import io.keyflow.destruction.DestructionSettings;
import io.keyflow.rotation.RotationSettings;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The rotation and destruction settings refuse to start on values that would weaken the procedure.
 */
class LifecycleSettingsTest {

  @Configuration(proxyBeanMethods = false)
  @Import({RotationSettings.class, DestructionSettings.class})
  static class Settings {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    @Bean
    ApprovalService approvalService() {
      return org.mockito.Mockito.mock(ApprovalService.class);
    }
  }

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(
              context ->
                  context
                      .getBeanFactory()
                      .setConversionService(ApplicationConversionService.getSharedInstance()))
          .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
          .withUserConfiguration(Settings.class);

  @Test
  void defaultsAreThirtyDaysLeadSevenDaysEscalationDailySweepsAndDualControl() {
    runner.run(
        context -> {
          RotationSettings rotation = context.getBean(RotationSettings.class);
          assertThat(rotation.leadTime()).isEqualTo(Duration.ofDays(30));
          assertThat(Duration.parse(rotation.getApprovalEscalation()))
              .isEqualTo(Duration.ofDays(7));
          assertThat(rotation.getSweepCycle()).isEqualTo("R/P1D");
          DestructionSettings destruction = context.getBean(DestructionSettings.class);
          assertThat(destruction.getRequiredApprovals()).isEqualTo(2);
          assertThat(destruction.getSweepCycle()).isEqualTo("R/P1D");
        });
  }

  @Test
  void destructionNeedsAtLeastOneApprovalAndAtMostTheTwoTheProcessModels() {
    runner
        .withPropertyValues("keyflow.destruction.required-approvals=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("keyflow.destruction.required-approvals must be 1 or 2")
                    .hasMessageContaining("it is 0"));
    runner
        .withPropertyValues("keyflow.destruction.required-approvals=3")
        .run(
            context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("it is 3"));
    runner
        .withPropertyValues("keyflow.destruction.required-approvals=1")
        .run(
            context ->
                assertThat(context.getBean(DestructionSettings.class).getRequiredApprovals())
                    .isEqualTo(1));
  }

  @Test
  void theRotationLeadTimeAndEscalationMustBeSensible() {
    runner
        .withPropertyValues("keyflow.rotation.lead-time=400d")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "keyflow.rotation.lead-time must be between 0 and 365 days; it is 400 days"));
    runner
        .withPropertyValues("keyflow.rotation.approval-escalation=0d")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("keyflow.rotation.approval-escalation must be positive"));
    runner
        .withPropertyValues(
            "keyflow.rotation.lead-time=14d", "keyflow.rotation.approval-escalation=2d")
        .run(
            context -> {
              RotationSettings rotation = context.getBean(RotationSettings.class);
              assertThat(rotation.leadTime()).isEqualTo(Duration.ofDays(14));
              assertThat(rotation.getApprovalEscalation()).isEqualTo("PT48H");
            });
  }
}
