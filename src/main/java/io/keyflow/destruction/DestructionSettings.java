package io.keyflow.destruction;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.destruction.*}: destruction's dual control and schedule. A value out of range
 * stops start-up with Spring Boot's report naming the property. The BPMN reads these through {@link
 * DestructionExpressions}.
 *
 * @param requiredApprovals how many different officers must approve a destruction: 1 or 2 (dual
 *     control, the default, is 2; the process has two approval tasks, and a destruction always
 *     needs at least one officer's approval)
 * @param sweepCycle when the destruction sweep runs: an ISO-8601 cycle or a cron expression, read
 *     when the BPMN is deployed
 * @param campaignThreshold more versions due than this, and the sweep starts one destruction
 *     campaign instead of single destructions
 */
@Validated
@ConfigurationProperties("keyflow.destruction")
public record DestructionSettings(
    @DefaultValue("2")
        @Min(value = 1, message = DUAL_CONTROL)
        @Max(value = MAX_APPROVALS, message = DUAL_CONTROL)
        int requiredApprovals,
    @DefaultValue("R/P1D")
        @NotBlank(message = "must be an ISO-8601 cycle or cron expression, e.g. R/P1D")
        String sweepCycle,
    @DefaultValue("20") @Positive(message = "must be at least 1 key") int campaignThreshold) {

  /** The process has two approval tasks, so at most two approvals can be required. */
  static final int MAX_APPROVALS = 2;

  private static final String DUAL_CONTROL =
      "must be 1 or 2 (dual control, the default, is 2; a destruction always needs at least one"
          + " officer's approval)";

  public DestructionSettings {
    sweepCycle = sweepCycle == null ? null : sweepCycle.strip();
  }
}
