package io.keyflow.hsm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.hsm.*} shared by every vault backend ({@code keyflow.hsm.software.*} and {@code
 * keyflow.hsm.pkcs11.*} are the backends' own). A value out of range stops start-up with Spring
 * Boot's report naming the property.
 *
 * @param maxConcurrency how many campaign steps may use the vault at the same time (1 to 256), see
 *     {@link HsmConcurrency}
 */
@Validated
@ConfigurationProperties("keyflow.hsm")
public record HsmSettings(
    @DefaultValue("4")
        @Min(value = 1, message = CONCURRENCY)
        @Max(value = 256, message = CONCURRENCY)
        int maxConcurrency) {

  private static final String CONCURRENCY = "must be between 1 and 256 concurrent vault operations";
}
