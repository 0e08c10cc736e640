package io.keyflow.recipient;

import java.util.UUID;

/**
 * A registered system was revoked. Published by {@link RecipientRegistry#revoke} inside its
 * transaction: a synchronous listener ({@code @EventListener}) runs in the same transaction, so
 * what it ends (the system's grants) ends with the revocation or not at all.
 *
 * @param reason why the officer revoked it
 * @param actor the officer who revoked it
 */
public record SystemRevoked(UUID systemId, String name, String reason, String actor) {}
