package io.keyflow.ledger.details;

/**
 * {@code KEY_ACCESS_REFUSED}: a grant request that failed its checks (unknown or revoked system,
 * unknown key or group, another environment, an operation the key cannot do, export of a
 * non-exportable key, bad input); nothing was granted.
 *
 * @param system the system named, when it is a plausible name; else null
 * @param keyGroup the key group named, when it is a plausible name; else null
 */
public record KeyAccessRefused(String reason, String system, String keyGroup)
    implements RequestRefused {}
