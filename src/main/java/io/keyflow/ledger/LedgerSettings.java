package io.keyflow.ledger;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.ledger.*}. A value out of range stops start-up with Spring Boot's report naming
 * the property.
 *
 * @param checkpointInterval how often the ledger's head is signed (at least one minute); the
 *     compliance review expects a checkpoint this recent
 */
@Validated
@ConfigurationProperties("keyflow.ledger")
public record LedgerSettings(
    @DefaultValue("PT1H")
        @DurationMin(minutes = 1, message = "must be at least one minute, e.g. PT1H")
        Duration checkpointInterval) {}
