package io.keyflow.security;

import java.util.UUID;

/**
 * A registered system as authentication sees it: who it is and whether it is revoked. Nothing
 * secret.
 *
 * @param environment the system's environment ({@code PRODUCTION} or {@code TEST})
 */
public record SystemIdentity(UUID id, String name, String environment, boolean revoked) {}
