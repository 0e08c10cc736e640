package io.keyflow.distribution;

import io.keyflow.key.Environment;
import java.util.UUID;

/**
 * A distribution that passed every rule: which version goes to which recipient, and how it will be
 * wrapped.
 *
 * @param wrapping the recipient's wrapping key in words, e.g. {@code RSA-3072 (OAEP)}
 */
public record DistributionRequest(
    UUID keyId,
    String alias,
    UUID versionId,
    int versionNumber,
    String algorithm,
    String kcv,
    Environment environment,
    UUID recipientId,
    String recipient,
    Environment recipientEnvironment,
    String recipientCertificateSha256,
    String wrapping,
    WrappingMechanism mechanism) {}
