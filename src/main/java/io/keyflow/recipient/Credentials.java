package io.keyflow.recipient;

/**
 * A recipient's checked credentials: its TLS client certificate and how keys are wrapped for it (an
 * RSA public key, or the alias of a KEK in Keyflow's vault).
 */
record Credentials(
    RecipientCredentials.Certificate certificate,
    String wrappingPem,
    Integer wrappingBits,
    String wrappingSha256,
    String kekAlias) {}
