package io.keyflow.storage;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.storage.*}. The BPMN reads it through {@link AttestationSchedule}.
 *
 * @param attestationCycle when the storage attestation runs by itself: a Camunda cycle, by default
 *     the cron expression {@code 0 0 6 1 * ?} (06:00 on the first day of every month), read when
 *     the BPMN is deployed
 */
@Validated
@ConfigurationProperties("keyflow.storage")
public record StorageSettings(
    @DefaultValue("0 0 6 1 * ?")
        @NotBlank(message = "must be a Camunda cycle or cron expression, e.g. 0 0 6 1 * ?")
        String attestationCycle) {}
