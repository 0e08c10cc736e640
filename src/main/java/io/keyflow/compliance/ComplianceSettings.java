package io.keyflow.compliance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyflow.compliance.*}.
 *
 * @param attestationMaxAge the age past which the last storage attestation fails control 4.3
 */
@ConfigurationProperties("keyflow.compliance")
public record ComplianceSettings(@DefaultValue("P35D") Duration attestationMaxAge) {}
