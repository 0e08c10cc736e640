package io.keyflow.compromise;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.compromise.*}: compromise timing. A value out of range stops start-up with Spring
 * Boot's report naming the property. The BPMN reads these through {@link CompromiseExpressions}.
 *
 * @param confirmationEscalation how long a report may wait for its confirmation before it is
 *     escalated (and when the confirmation is due)
 * @param reEncryptionWindow how long holders have, after a confirmation, to re-encrypt their data
 *     under the replacement before the compromised versions are destroyed (0 to 365 days)
 */
@Validated
@ConfigurationProperties("keyflow.compromise")
public record CompromiseSettings(
    @DefaultValue("PT4H")
        @DurationMin(nanos = 0, inclusive = false, message = "must be positive, e.g. PT4H")
        Duration confirmationEscalation,
    @DefaultValue("P30D")
        @DurationMin(days = 0, message = "must be between 0 and 365 days, e.g. P30D")
        @DurationMax(days = 365, message = "must be between 0 and 365 days, e.g. P30D")
        Duration reEncryptionWindow) {}
