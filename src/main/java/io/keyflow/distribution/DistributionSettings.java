package io.keyflow.distribution;

import io.keyflow.hsm.OaepHash;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.distribution.*}: how long a wrapped package waits for its recipient, and how
 * strictly a recipient's wrapping key is compared with the key it protects.
 *
 * @param packageLifetime time from wrapping to expiry of an unfetched package (default 7 days, at
 *     most 30: a wrapped key should not wait around)
 * @param requireEqualStrength when true, the wrapping key's security strength (NIST SP 800-57 Part
 *     1, Table 2) must be at least the distributed key's: RSA-3072 (128 bits) then cannot carry an
 *     AES-256 key (256 bits) and such recipients need a KEK. When false (default), the wrapping key
 *     must be an algorithm the KEY_WRAPPING policy allows (AES-256, RSA-3072+).
 * @param oaepHash RSA-OAEP hash for packages; unset, the vault's preferred one ({@code
 *     keyflow.hsm.pkcs11.oaep-hash}: SHA-256 by default, SHA-1 on SoftHSM 2.6)
 */
@Validated
@ConfigurationProperties("keyflow.distribution")
public record DistributionSettings(
    @DefaultValue("P7D")
        @DurationMin(nanos = 0, inclusive = false, message = LIFETIME)
        @DurationMax(days = 30, message = LIFETIME)
        Duration packageLifetime,
    @DefaultValue("false") boolean requireEqualStrength,
    OaepHash oaepHash) {

  private static final String LIFETIME = "must be positive and at most 30 days";
}
