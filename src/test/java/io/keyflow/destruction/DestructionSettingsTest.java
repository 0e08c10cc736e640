package io.keyflow.destruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.keyflow.approval.ApprovalService;
import io.keyflow.support.SettingsStartup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The destruction settings refuse to start on values that would weaken dual control. */
class DestructionSettingsTest {

  @EnableConfigurationProperties(DestructionSettings.class)
  @Import(DestructionExpressions.class)
  static class Destruction {
    @Bean
    ApprovalService approvalService() {
      ApprovalService approvals = mock(ApprovalService.class);
      when(approvals.approversSoFar("one-officer-twice")).thenReturn(List.of("bob", "bob"));
      when(approvals.approversSoFar("two-officers")).thenReturn(List.of("bob", "carol"));
      return approvals;
    }
  }

  private final SettingsStartup startup = SettingsStartup.of(Destruction.class);

  @Test
  void defaultsAreDualControlADailySweepAndCampaignsAboveTwentyVersions() {
    assertThat(startup.bound(DestructionSettings.class))
        .isEqualTo(new DestructionSettings(2, "R/P1D", 20));
    assertThat(startup.bound(DestructionExpressions.class).getSweepCycle()).isEqualTo("R/P1D");
  }

  @Test
  void dualControlCountsDistinctOfficersAndMayBeLoweredToOne() {
    DestructionExpressions dual = startup.bound(DestructionExpressions.class);
    assertThat(dual.approvalsComplete("one-officer-twice")).isFalse();
    assertThat(dual.approvalsComplete("two-officers")).isTrue();

    DestructionExpressions single =
        startup.bound(DestructionExpressions.class, "keyflow.destruction.required-approvals=1");
    assertThat(single.approvalsComplete("one-officer-twice")).isTrue();
  }

  @Test
  void noApprovalOrMoreThanTheTwoTheProcessModelsIsRefused() {
    assertThat(startup.refusal("keyflow.destruction.required-approvals=0"))
        .contains("\"keyflow.destruction.required-approvals\"", "must be 1 or 2");
    assertThat(startup.refusal("keyflow.destruction.required-approvals=3"))
        .contains("\"keyflow.destruction.required-approvals\"", "must be 1 or 2");
  }

  @Test
  void aBlankSweepCycleIsRefused() {
    assertThat(startup.refusal("keyflow.destruction.sweep-cycle="))
        .contains("\"keyflow.destruction.sweep-cycle\"", "must be an ISO-8601 cycle or cron");
  }

  @Test
  void aCampaignThresholdBelowOneVersionIsRefused() {
    assertThat(startup.refusal("keyflow.destruction.campaign-threshold=0"))
        .contains("\"keyflow.destruction.campaign-threshold\"", "must be at least 1");
  }
}
