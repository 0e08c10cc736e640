package io.keyflow.rotation;

import io.keyflow.evidence.ApprovalEscalation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.rotation.*}. A value out of range stops start-up with Spring Boot's report naming
 * the property. The BPMN reads these through {@link RotationExpressions}; evidence packs read the
 * escalation as {@link ApprovalEscalation}.
 *
 * @param leadTime how long before a primary version's protect-stop the sweep starts its rotation (0
 *     to 365 days)
 * @param approvalEscalation how long an approval may wait before the officers are reminded (and
 *     when it is due)
 * @param sweepCycle when the rotation sweep runs: an ISO-8601 cycle or a cron expression, read when
 *     the BPMN is deployed
 * @param campaignThreshold more keys due than this, and the sweep starts one rotation campaign
 *     instead of single rotations
 */
@Validated
@ConfigurationProperties("keyflow.rotation")
public record RotationSettings(
    @DefaultValue("30d")
        @DurationMin(days = 0, message = "must be between 0 and 365 days")
        @DurationMax(days = 365, message = "must be between 0 and 365 days")
        Duration leadTime,
    @DefaultValue("7d")
        @DurationMin(nanos = 0, inclusive = false, message = "must be positive, e.g. 7d")
        Duration approvalEscalation,
    @DefaultValue("R/P1D")
        @NotBlank(message = "must be an ISO-8601 cycle or cron expression, e.g. R/P1D")
        String sweepCycle,
    @DefaultValue("20") @Positive(message = "must be at least 1 key") int campaignThreshold)
    implements ApprovalEscalation {

  public RotationSettings {
    sweepCycle = sweepCycle == null ? null : sweepCycle.strip();
  }
}
